/**
 * Whole-pass check on WebGL: forwardBackward through the fused kernels against the op-by-op
 * cells, every array of the pass (states, gates, outputs, loss, all gradients), for every cell
 * variant, with and without clamps, batch 1 and 3, T = 1 and longer.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GateClamp } from '../../../src/engine/interventions';
import { fusedStats } from '../../../src/engine/fused/contract';
import {
  type PassPath,
  checkBatch,
  forwardBackward,
  weightTensors,
} from '../../../src/engine/network';
import type { Batch, ModelSpec } from '../../../src/engine/types';
import { TEST_CLAMPS, interleavedBatch, passArrays } from '../../../reference/batches';
import { mulberry32, randomSequence, randomSpec, randomWeights } from '../../../reference/random';

const VARIANTS: { name: string; spec: Pick<ModelSpec, 'cell' | 'gruVariant' | 'activation'> }[] = [
  { name: 'elman-tanh', spec: { cell: 'elman' } },
  { name: 'elman-relu', spec: { cell: 'elman', activation: 'relu' } },
  { name: 'lstm', spec: { cell: 'lstm' } },
  { name: 'gru-after', spec: { cell: 'gru', gruVariant: 'reset-after' } },
  { name: 'gru-before', spec: { cell: 'gru', gruVariant: 'reset-before' } },
];

function pass(spec: ModelSpec, b: Batch, path: PassPath, clamps: GateClamp[]) {
  // U(±0.9) at H = 5 as in the unit tests; shrunk like 1/√H so a wide Elman cell is not
  // chaotic (it would amplify float32 rounding of either path past the tolerance in 9 steps)
  const w = randomWeights(spec, mulberry32(7), 0.9 * Math.min(1, Math.sqrt(5 / spec.hiddenSize)));
  const K = checkBatch(spec, b);
  return tf.tidy(() => {
    return passArrays(forwardBackward(spec, weightTensors(w, spec), b, K, { path, clamps }));
  });
}

/**
 * Scaled error over the entries finite in both arrays; a non-finite entry must be the same
 * (NaN, +Inf or −Inf) in both. The op path itself yields NaN in a few arrays on WebGL (packed
 * textures of odd row counts: exp of a padding lane), which the fused path must reproduce
 * rather than be blamed for; the spec reports those arrays separately.
 */
export function compare(a: Float32Array, ref: Float32Array): { error: number; nonFinite: boolean } {
  if (a.length !== ref.length) return { error: Infinity, nonFinite: false };
  let nonFinite = false;
  let scale = 1;
  let worst = 0;
  for (let k = 0; k < ref.length; k++) {
    const [x, y] = [a[k]!, ref[k]!];
    if (Number.isFinite(x) && Number.isFinite(y)) {
      scale = Math.max(scale, Math.abs(y));
      worst = Math.max(worst, Math.abs(x - y));
    } else if (Object.is(x, y) || (Number.isNaN(x) && Number.isNaN(y))) nonFinite = true;
    else return { error: Infinity, nonFinite: true };
  }
  return { error: worst / scale, nonFinite };
}

export interface PassCase {
  variant: string;
  T: number;
  B: number;
  H: number;
  clamped: boolean;
  /** worst scaled error over every array of the pass, and the array it was in */
  error: number;
  worstArray: string;
  /** arrays with NaN/±Inf entries in both paths, at the same places (see compare) */
  nonFinite: string[];
  /** arrays present in one pass but not the other */
  missing: string[];
  /** fused programs the pass ran (0 would mean the fused path never ran) */
  programs: number;
}

export function passCases(): PassCase[] {
  const out: PassCase[] = [];
  for (const v of VARIANTS) {
    const clampSets = v.spec.cell === 'elman' ? [[]] : [[], TEST_CLAMPS[v.spec.cell]];
    for (const [T, B, H, loss] of [
      [9, 1, 5, 'mse'],
      [9, 3, 32, 'softmax-xent'],
      [1, 3, 5, 'mse'],
    ] as const) {
      const spec = randomSpec(v.spec.cell, { inputSize: 3, hiddenSize: H, outputSize: 2 }, v.spec);
      for (const clamps of clampSets) {
        const b = interleavedBatch(spec, T, B, loss, 11 + T + B);
        const p0 = fusedStats.programs;
        const fused = pass(spec, b, 'fused', clamps);
        const programs = fusedStats.programs - p0;
        const ops = pass(spec, b, 'ops', clamps);
        const names = new Set([...Object.keys(fused), ...Object.keys(ops)]);
        const missing = [...names].filter((k) => !fused[k] || !ops[k]);
        let error = 0;
        let worstArray = '';
        const nonFinite: string[] = [];
        for (const k of names) {
          if (!fused[k] || !ops[k]) continue;
          const e = compare(fused[k], ops[k]);
          if (e.nonFinite) nonFinite.push(k);
          if (e.error >= error && e.error > 0) [error, worstArray] = [e.error, k];
        }
        out.push({
          variant: v.name,
          T,
          B,
          H,
          clamped: clamps.length > 0,
          error,
          worstArray,
          missing,
          nonFinite,
          programs,
        });
      }
    }
  }
  return out;
}

/** Median ms of a whole LSTM pass (forward, loss, BPTT, every gradient read back) on `path`. */
export async function timePass(T: number, H: number, path: PassPath, n = 2): Promise<number> {
  const spec = randomSpec('lstm', { inputSize: 8, hiddenSize: H, outputSize: 1 });
  const b = { ...randomSequence(spec, T, 'mse', mulberry32(3)), batchSize: 1 };
  const w = randomWeights(spec, mulberry32(2));
  const K = checkBatch(spec, b);
  const wt = weightTensors(w, spec);
  const runs: number[] = [];
  for (let i = 0; i <= n; i++) {
    await tf.nextFrame();
    const t0 = performance.now();
    const grads = tf.tidy(() => {
      const g = forwardBackward(spec, wt, b, K, { path }).grads;
      return tf.concat(Object.values(g).map((x) => tf.reshape(x, [-1])));
    });
    await grads.data();
    grads.dispose();
    if (i > 0) runs.push(performance.now() - t0);
  }
  tf.dispose(Object.values(wt));
  return runs.sort((x, y) => x - y)[Math.floor(runs.length / 2)]!;
}
