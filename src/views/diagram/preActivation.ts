/**
 * Pre-activations of one unit at one step, recomputed from the model's weights in float64.
 *
 * The trace stores gate activations only. Inverting them (σ⁻¹(s) = ln(s/(1−s)), atanh) is
 * exact in theory but loses every digit near saturation, exactly where a teacher wants to
 * say "this gate is shut because its input is −9". So we redo the one row of the affine map
 * instead: W_ih[row]·x_t + b_ih[row] + W_hh[row]·h_{t−1} + b_hh[row], with h_{t−1} from the
 * trace. Row layout follows src/engine/types.ts (PyTorch: blocks stacked along the rows).
 */
import { gateCount } from '../../engine/spec';
import type { Trace } from '../../engine/trace';
import type { Weights } from '../../engine/types';

/** The parts of one block's pre-activation for one unit; the input and recurrent sums exclude the biases. */
export interface PreParts {
  /** W_ih[row] · x_t */
  wx: number;
  /** W_hh[row] · h_{t−1} (for the reset-before GRU candidate: W_hn · (r_t ⊙ h_{t−1})) */
  uh: number;
  /** b_ih[row] */
  bIh: number;
  /** b_hh[row] */
  bHh: number;
}

/** Row of the block `block` for `unit` in the stacked weight matrices. */
function rowOf(trace: Trace, block: number, unit: number): number {
  return block * trace.H + unit;
}

/** h_{t−1} for every unit (zeros before the first step), as the engine starts from h_0 = 0. */
export function hPrevRow(trace: Trace, t: number): Float64Array {
  const out = new Float64Array(trace.H);
  if (t > 0) for (let j = 0; j < trace.H; j++) out[j] = trace.h[(t - 1) * trace.H + j]!;
  return out;
}

function dot(m: Float32Array, offset: number, v: ArrayLike<number>, n: number): number {
  let s = 0;
  for (let k = 0; k < n; k++) s += m[offset + k]! * v[k]!;
  return s;
}

/**
 * Pre-activation parts of block `block` (0-based, internal order: lstm i f g o, gru r z n,
 * elman 0) for `unit` at step t. `hVec` replaces h_{t−1} as the recurrent input when given
 * (the reset-before GRU candidate reads r_t ⊙ h_{t−1}).
 */
export function preParts(
  trace: Trace,
  weights: Weights,
  t: number,
  unit: number,
  block: number,
  hVec?: ArrayLike<number>,
): PreParts {
  const { I, H } = trace;
  const row = rowOf(trace, block, unit);
  const x = trace.x.subarray(t * I, (t + 1) * I);
  const h = hVec ?? hPrevRow(trace, t);
  return {
    wx: dot(weights.wIh, row * I, x, I),
    uh: dot(weights.wHh, row * H, h, H),
    bIh: weights.bIh[row]!,
    bHh: weights.bHh[row]!,
  };
}

/** r_t ⊙ h_{t−1} for every unit: the recurrent input of the reset-before GRU candidate. */
export function resetHPrev(trace: Trace, t: number): Float64Array {
  const h = hPrevRow(trace, t);
  const r = trace.gates.reset!;
  for (let j = 0; j < trace.H; j++) h[j]! *= r[t * trace.H + j]!;
  return h;
}

/** Do these weights fit this trace (same sizes)? Mismatched weights would print wrong numbers. */
export function weightsFit(trace: Trace, weights: Weights | undefined): weights is Weights {
  if (!weights) return false;
  const G = gateCount(trace.spec.cell);
  const { I, H } = trace;
  return (
    weights.wIh.length === G * H * I &&
    weights.wHh.length === G * H * H &&
    weights.bIh.length === G * H &&
    weights.bHh.length === G * H
  );
}

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
