/**
 * Kernel-level checks of the WebGL fused kernels against the plain loops (loops.ts, the cpu
 * implementation) on identical Float32Array inputs, and their timings. The backward kernels of
 * both get the loops' forward state, so a forward error cannot hide or excuse a backward one.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  FUSED_BACKWARD,
  FUSED_FORWARD,
  type FusedAttrs,
  type FusedCell,
  fusedStats,
  gateBlocks,
} from '../../../src/engine/fused/contract';
import { fusedBackwardLoop, fusedForwardLoop } from '../../../src/engine/fused/loops';
import { webglFusedTuning } from '../../../src/engine/fused/webgl';
import { mulberry32 } from '../../../reference/random';

export const CELLS: FusedCell[] = ['elman-tanh', 'elman-relu', 'lstm', 'gru-after', 'gru-before'];

/** max|a − ref| / max(1, max|ref|) */
export function scaledError(a: ArrayLike<number>, ref: ArrayLike<number>): number {
  if (a.length !== ref.length) return Infinity;
  let scale = 1;
  let worst = 0;
  for (let k = 0; k < ref.length; k++) scale = Math.max(scale, Math.abs(ref[k]!));
  for (let k = 0; k < ref.length; k++) worst = Math.max(worst, Math.abs(a[k]! - ref[k]!));
  return Number.isFinite(worst) ? worst / scale : Infinity;
}

export interface KernelCase {
  cell: FusedCell;
  T: number;
  B: number;
  H: number;
  clamped: boolean;
  /** assembly chunk size forced for this case (0: the shader texture limit) */
  chunk: number;
  /** the one- or two-program step forced for this case (webgl-cells.ts splitSteps); else by size */
  split?: boolean;
  forwardError: number;
  backwardError: number;
  programs: number;
}

interface CaseData {
  a: FusedAttrs;
  xProj: Float32Array;
  wHh: Float32Array;
  bHh: Float32Array;
  dHout: Float32Array;
  keep?: Float32Array;
  value?: Float32Array;
}

function caseData(a: FusedAttrs, seed: number): CaseData {
  const rng = mulberry32(seed);
  const { T, B, H } = a;
  const GH = gateBlocks(a.cell) * H;
  const u = (n: number, s: number) => Float32Array.from({ length: n }, () => (2 * rng() - 1) * s);
  const d: CaseData = {
    a,
    xProj: u(T * B * GH, 1.5),
    // ~1.6/√H keeps the recurrence from saturating or dying at every H
    wHh: u(GH * H, 1.6 / Math.sqrt(H)),
    bHh: u(GH, 0.5),
    dHout: u(T * B * H, 1),
  };
  if (a.clamped) {
    // per-element masks: the kernels must not assume a clamp covers a whole block or step
    d.keep = Float32Array.from({ length: T * B * GH }, () => (rng() < 0.3 ? 0 : 1));
    d.value = d.keep.map((k) => (k ? 0 : rng()));
  }
  return d;
}

function runKernel(name: string, inputs: Record<string, Float32Array | undefined>, a: FusedAttrs) {
  const { T, B, H } = a;
  const shapes: Record<string, number[]> = {
    xProj: [T * B, gateBlocks(a.cell) * H],
    keep: [T * B, gateBlocks(a.cell) * H],
    value: [T * B, gateBlocks(a.cell) * H],
    wHh: [gateBlocks(a.cell) * H, H],
    bHh: [gateBlocks(a.cell) * H],
    dHout: [T * B, H],
  };
  const ts: tf.NamedTensorMap = {};
  for (const [k, v] of Object.entries(inputs)) {
    if (!v) continue;
    ts[k] = tf.tensor(v, shapes[k] ?? [v.length / H, H]); // state: block-major [S·T·B, H]
  }
  // a packed input, as the input projection (a matMul) hands over in the real pass
  const plain = ts.xProj;
  if (plain) {
    ts.xProj = tf.tidy(() => tf.add(tf.matMul(plain, tf.eye(shapes.xProj![1]!)), 0));
    plain.dispose();
  }
  const out = tf.engine().runKernel(name, ts, a as unknown as tf.NamedAttrMap) as tf.Tensor;
  tf.dispose(Object.values(ts));
  return out;
}

export function forwardWebgl(d: CaseData): tf.Tensor {
  const { xProj, wHh, bHh, keep, value } = d;
  return runKernel(FUSED_FORWARD, { xProj, wHh, bHh, keep, value }, d.a);
}

export function backwardWebgl(d: CaseData, state: Float32Array): tf.Tensor {
  const { dHout, wHh, keep } = d;
  return runKernel(FUSED_BACKWARD, { state, dHout, wHh, keep }, d.a);
}

export function kernelCase(
  cell: FusedCell,
  T: number,
  B: number,
  H: number,
  clamped: boolean,
  chunk = 0,
  split?: boolean,
): KernelCase {
  const d = caseData({ cell, T, B, H, clamped }, T * 1000 + B * 100 + H + (clamped ? 7 : 0));
  webglFusedTuning.chunk = chunk;
  webglFusedTuning.split = split;
  const before = fusedStats.programs;
  try {
    const state = fusedForwardLoop(d.a, d.xProj, d.wHh, d.bHh, d.keep, d.value);
    const grad = fusedBackwardLoop(d.a, state, d.dHout, d.wHh, d.keep);
    const fwd = forwardWebgl(d);
    const bwd = backwardWebgl(d, state);
    const forwardError = scaledError(fwd.dataSync(), state);
    const backwardError = scaledError(bwd.dataSync(), grad);
    tf.dispose([fwd, bwd]);
    return {
      ...{ cell, T, B, H, clamped, chunk, split, forwardError, backwardError },
      programs: fusedStats.programs - before,
    };
  } finally {
    webglFusedTuning.chunk = 0;
    webglFusedTuning.split = undefined;
  }
}

/**
 * Every cell, clamped or not, across the small shapes (one forcing multi-level assembly per
 * cell), each step form of LSTM and reset-after GRU forced on some (small shapes take the
 * one-program form by themselves),
 * then two large LSTMs (the second large enough for the two-program form).
 */
export function kernelCases(large = true): KernelCase[] {
  const shapes = [
    [1, 1, 1],
    [1, 3, 5],
    [7, 1, 5],
    [7, 3, 1],
    [9, 3, 32],
    [20, 1, 32],
  ] as const;
  const out: KernelCase[] = [];
  for (const cell of CELLS) {
    for (const clamped of cell.startsWith('elman') ? [false] : [false, true]) {
      for (const [T, B, H] of shapes) out.push(kernelCase(cell, T, B, H, clamped));
      out.push(kernelCase(cell, 20, 3, 5, clamped, 3));
      if (cell !== 'lstm' && cell !== 'gru-after') continue; // one step form only
      for (const [T, B, H] of [
        [7, 3, 5],
        [9, 3, 32],
        [1, 1, 1],
      ] as const)
        out.push(kernelCase(cell, T, B, H, clamped, 0, true));
      out.push(kernelCase(cell, 20, 3, 5, clamped, 3, true));
      out.push(kernelCase(cell, 9, 8, 32, clamped, 0, false));
    }
  }
  if (large) {
    out.push(kernelCase('lstm', 200, 1, 128, false));
    out.push(kernelCase('lstm', 200, 2, 128, true));
  }
  return out;
}

export interface Timing {
  what: string;
  /** median of the timed runs, ms, after one untimed run (shader compilation) */
  ms: number;
  runs: number[];
  /** of which the forward kernel (its state read back before the backward starts) */
  forwardMs: number;
  programsPerStep: number;
  /** agreement of the timed results with the loops */
  forwardError: number;
  backwardError: number;
}

/** Fused forward + backward of one LSTM, read back at the end (the GPU work is then done). */
export async function timeLstm(T: number, H: number, B = 1, n = 3): Promise<Timing> {
  const d = caseData({ cell: 'lstm', T, B, H, clamped: false }, 99);
  const state = fusedForwardLoop(d.a, d.xProj, d.wHh, d.bHh);
  const grad = fusedBackwardLoop(d.a, state, d.dHout, d.wHh);
  // inputs made outside the timed region, so upload and packing are not counted
  const xProj = tf.tensor2d(d.xProj, [T * B, 4 * H]);
  const wHh = tf.tensor2d(d.wHh, [4 * H, H]);
  const bHh = tf.tensor1d(d.bHh);
  const dHout = tf.tensor2d(d.dHout, [T * B, H]);
  const attrs = d.a as unknown as tf.NamedAttrMap;
  const runs: number[] = [];
  const fwdRuns: number[] = [];
  let errors = [Infinity, Infinity];
  let programs = 0;
  for (let i = 0; i <= n; i++) {
    await tf.nextFrame();
    const p0 = fusedStats.programs;
    const t0 = performance.now();
    const s = tf.engine().runKernel(FUSED_FORWARD, { xProj, wHh, bHh }, attrs) as tf.Tensor;
    const sv = await s.data();
    if (i > 0) fwdRuns.push(performance.now() - t0);
    const g = tf.engine().runKernel(FUSED_BACKWARD, { state: s, dHout, wHh }, attrs) as tf.Tensor;
    const gv = await g.data();
    if (i > 0) runs.push(performance.now() - t0);
    programs = fusedStats.programs - p0;
    errors = [scaledError(sv, state), scaledError(gv, grad)];
    tf.dispose([s, g]);
  }
  tf.dispose([xProj, wHh, bHh, dHout]);
  const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)]!;
  return {
    what: `lstm T=${T} B=${B} H=${H} fused forward+backward`,
    ms: median(runs),
    runs,
    forwardMs: median(fwdRuns),
    programsPerStep: programs / T,
    forwardError: errors[0]!,
    backwardError: errors[1]!,
  };
}
