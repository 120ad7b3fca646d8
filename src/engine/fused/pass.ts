/**
 * A forward + backward pass through the fused recurrence kernels (contract.ts). The result has
 * exactly the shape of the op-by-op pass in network.ts, so the trace, the trainer and the tests
 * cannot tell the two apart except by speed: per timestep only the two kernels run; the
 * input projection, readout, loss, weight gradients and ∂L/∂x are batched ops over all steps.
 */
import { CELLS } from '../cellKinds';
import * as tf from '@tensorflow/tfjs-core';
import {
  type CellBackward,
  type CellForward,
  type Dims,
  type WeightTensors,
  columnSums,
  outerSum,
  previous,
  rowBlock,
  tanhSlope,
} from '../cells/common';
import { jacobianPathNorms } from '../cells/elman';
import type { GateClamp } from '../interventions';
import type { ForwardResult, FusedSaved } from '../passResult';
import { normalizeSpec } from '../spec';
import type { CellKind, ModelSpec } from '../types';
import {
  BLOCK_COLUMNS,
  FUSED_BACKWARD,
  FUSED_FORWARD,
  FUSED_WEIGHT_GRADS,
  type FusedAttrs,
  ROW_BLOCK,
  fusedCellOf,
  gateBlocks,
  stateBlocks,
} from './contract';

/** The clamps as [T·B, G·H] masks in the cell's block order: gate ← gate·keep + value. */
export function clampMasks(
  cell: CellKind,
  clamps: readonly GateClamp[],
  T: number,
  B: number,
  H: number,
): { keep: Float32Array; value: Float32Array } {
  const names: readonly string[] = CELLS[cell].gates;
  const GH = names.length * H;
  const keep = new Float32Array(T * B * GH).fill(1);
  const value = new Float32Array(T * B * GH);
  for (const c of clamps) {
    const g = names.indexOf(c.gate);
    for (let t = c.from ?? 0; t <= Math.min(c.to ?? T - 1, T - 1); t++) {
      for (let b = 0; b < B; b++) {
        const at = (t * B + b) * GH + g * H;
        keep.fill(0, at, at + H);
        value.fill(c.value, at, at + H);
      }
    }
  }
  return { keep, value };
}

function run(name: string, inputs: Record<string, tf.Tensor | undefined>, a: FusedAttrs) {
  const present = Object.fromEntries(Object.entries(inputs).filter(([, v]) => v !== undefined));
  return tf
    .engine()
    .runKernel(name, present as tf.NamedTensorMap, a as unknown as tf.NamedAttrMap) as tf.Tensor;
}

/** Block s of a block-major kernel output, [T·B, H] (see ROW_BLOCK in contract.ts for wasm). */
function blockOf(x: tf.Tensor, s: number, TB: number): tf.Tensor {
  if (!tf.getKernel(ROW_BLOCK, tf.getBackend())) return rowBlock(x, s * TB, TB);
  return tf.engine().runKernel(ROW_BLOCK, { x }, { from: s * TB, rows: TB }) as tf.Tensor;
}

/**
 * Blocks first … first + n − 1 of a block-major kernel output side by side ([T·B, n·H]), the
 * first `shift` rows zero (see BLOCK_COLUMNS in contract.ts for WebGL); null where the backend
 * has no such kernel.
 */
function blockColumns(x: tf.Tensor, first: number, n: number, TB: number, shift = 0) {
  if (!tf.getKernel(BLOCK_COLUMNS, tf.getBackend())) return null;
  const attrs = { first: first * TB, rows: TB, n, shift };
  return tf.engine().runKernel(BLOCK_COLUMNS, { x }, attrs) as tf.Tensor;
}

/**
 * The recurrence through the fused forward kernel: the counterpart of a cell's forward() for
 * network.ts, which computes the input projection before and the readout and loss after.
 */
export function fusedForward(
  specIn: ModelSpec,
  w: WeightTensors,
  xProj: tf.Tensor,
  { T, B, H }: Dims,
  clamps: readonly GateClamp[],
  gradsOnly = false,
): { fwd: CellForward; fused: FusedSaved } {
  const spec = normalizeSpec(specIn);
  const attrs: FusedAttrs = {
    cell: fusedCellOf(spec.cell, spec.activation, spec.gruVariant),
    T,
    B,
    H,
    clamped: clamps.length > 0,
  };
  const masks = attrs.clamped ? clampMasks(spec.cell, clamps, T, B, H) : undefined;
  const shape: [number, number] = [T * B, CELLS[spec.cell].gates.length * H];
  const keep = masks && tf.tensor2d(masks.keep, shape);
  const value = masks && tf.tensor2d(masks.value, shape);
  const state = run(FUSED_FORWARD, { xProj, wHh: w.wHh, bHh: w.bHh, keep, value }, attrs);
  const block = (s: number) => blockOf(state, s, T * B);
  const h = block(stateBlocks(attrs.cell) - 1);
  // GRU's backward reads r (fusedBackward) where no weight-gradient kernel does
  const skip = gradsOnly && spec.cell !== 'gru';
  const gates = skip ? {} : Object.fromEntries(CELLS[spec.cell].gates.map((n, g) => [n, block(g)]));
  const fwd: CellForward = {
    h,
    hPrev: blockColumns(state, stateBlocks(attrs.cell) - 1, 1, T * B, B) ?? previous(h, B),
    c: spec.cell === 'lstm' && !skip ? block(4) : undefined,
    gates,
    saved: {},
  };
  return { fwd, fused: { attrs, state, keep } };
}

/** BPTT through the fused backward kernel, then the batched weight gradients of each cell. */
export function fusedBackward(
  specIn: ModelSpec,
  w: WeightTensors,
  f: ForwardResult & { fused: FusedSaved },
  dHout: tf.Tensor,
  pathFrom?: number,
): CellBackward {
  const spec = normalizeSpec(specIn);
  const { attrs, state, keep } = f.fused;
  const grad = run(FUSED_BACKWARD, { state, dHout, wHh: w.wHh, keep }, attrs);
  const TB = attrs.T * attrs.B;
  const block = (s: number) => blockOf(grad, s, TB);
  /** Gradient blocks side by side, [T·B, n·H], as the batched matmuls want them. */
  const side = (from: number, n: number) =>
    n === 1
      ? block(from)
      : (blockColumns(grad, from, n, TB) ??
        tf.concat(
          Array.from({ length: n }, (_, k) => block(from + k)),
          1,
        ));
  const dH = block(0);
  const hPrev = f.fwd.hPrev;
  const sums = weightGradSums(attrs, state, grad);
  if (spec.cell === 'elman') {
    const dPre = block(1);
    const slope =
      spec.activation === 'tanh' ? tanhSlope(f.fwd.h) : tf.cast(tf.greater(f.fwd.h, 0), 'float32');
    return {
      dH,
      dPre,
      ...(sums ?? { dWhh: outerSum(dPre, hPrev), dBhh: columnSums(dPre) }),
      pathNorms: pathFrom === undefined ? undefined : jacobianPathNorms(w.wHh, slope, pathFrom),
    };
  }
  if (spec.cell === 'lstm') {
    const dPre = side(2, 4);
    return {
      dH,
      dC: block(1),
      dPre,
      ...(sums ?? { dWhh: outerSum(dPre, hPrev), dBhh: columnSums(dPre) }),
    };
  }
  const dArz = side(1, 2);
  const dAn = block(3);
  const dPre = tf.concat([dArz, dAn], 1);
  if (sums) return { dH, dPre, ...sums };
  const R = f.fwd.gates.reset!;
  if (spec.gruVariant === 'reset-after') {
    // The hidden side of n is r ⊙ (W_hn h + b_hn): its gradient is dAn ⊙ r.
    const dAh = tf.concat([dArz, tf.mul(dAn, R)], 1);
    return { dH, dPre, dWhh: outerSum(dAh, hPrev), dBhh: columnSums(dAh) };
  }
  // reset-before: W_hn multiplies r ⊙ h_{t-1}, and every bias sits outside the products.
  return {
    dH,
    dPre,
    dWhh: tf.concat([outerSum(dArz, hPrev), outerSum(dAn, tf.mul(R, hPrev))], 0),
    dBhh: columnSums(dPre),
  };
}

/** ∂L/∂W_hh and ∂L/∂b_hh from the weight-gradient kernel, where the backend has one. */
function weightGradSums(
  attrs: FusedAttrs,
  state: tf.Tensor,
  grad: tf.Tensor,
): { dWhh: tf.Tensor; dBhh: tf.Tensor } | null {
  if (!tf.getKernel(FUSED_WEIGHT_GRADS, tf.getBackend())) return null;
  const both = run(FUSED_WEIGHT_GRADS, { state, grad }, attrs);
  const GH = gateBlocks(attrs.cell) * attrs.H;
  return {
    dWhh: rowBlock(both, 0, GH),
    dBhh: tf.reshape(rowBlock(both, GH, gateBlocks(attrs.cell)), [GH]),
  };
}
