/**
 * Shared float64 helpers for the reference RNN oracle.
 *
 * Everything is plain loops over Float64Array so the oracle has no dependency on
 * the production engine (only on its type file).
 */
import type { ModelSpec, Sequence, Weights } from '../src/engine/types';

/** Any flat numeric array; Float32 inputs are widened element by element. */
export type NumArray = Float64Array | Float32Array;

/** Same fields as `Weights`, but float64 copies are allowed so finite differences can perturb them. */
export type WeightsLike = { [K in keyof Weights]: NumArray };

/** Same as `Sequence`, but inputs may be float64 so ∂L/∂x can be checked by finite differences. */
export type SequenceLike = Omit<Sequence, 'inputs'> & { inputs: NumArray };

export type CellName = ModelSpec['cell'];

/** Gate names in the row-block order of the stacked weight matrices. */
export function gateNames(cell: CellName): readonly string[] {
  switch (cell) {
    case 'elman':
      return ['h'];
    case 'lstm':
      return ['input', 'forget', 'candidate', 'output'];
    case 'gru':
      return ['reset', 'update', 'candidate'];
  }
}

export function gateCount(cell: CellName): number {
  return gateNames(cell).length;
}

export function sigmoid(a: number): number {
  // Split on sign so exp never overflows for large |a|.
  if (a >= 0) return 1 / (1 + Math.exp(-a));
  const e = Math.exp(a);
  return e / (1 + e);
}

export function toF64(a: NumArray): Float64Array {
  return Float64Array.from(a);
}

export function weightsToF64(w: WeightsLike): { [K in keyof Weights]: Float64Array } {
  return {
    wIh: toF64(w.wIh),
    wHh: toF64(w.wHh),
    bIh: toF64(w.bIh),
    bHh: toF64(w.bHh),
    wOut: toF64(w.wOut),
    bOut: toF64(w.bOut),
  };
}

/** out[r] = Σ_c W[(row0 + r), c] v[c] + (bias ? bias[row0 + r] : 0), for r < rows. */
export function matVecRows(
  w: Float64Array,
  cols: number,
  row0: number,
  rows: number,
  v: Float64Array,
  bias?: Float64Array,
): Float64Array {
  const out = new Float64Array(rows);
  for (let r = 0; r < rows; r++) {
    let s = bias ? bias[row0 + r] : 0;
    const base = (row0 + r) * cols;
    for (let c = 0; c < cols; c++) s += w[base + c] * v[c];
    out[r] = s;
  }
  return out;
}

/** out[c] += Σ_r W[(row0 + r), c] g[r]: the transpose product used to push gradients back. */
export function addMatTVecRows(
  out: Float64Array,
  w: Float64Array,
  cols: number,
  row0: number,
  g: Float64Array,
): void {
  for (let r = 0; r < g.length; r++) {
    const base = (row0 + r) * cols;
    const gr = g[r];
    for (let c = 0; c < cols; c++) out[c] += w[base + c] * gr;
  }
}

/** dW[(row0 + r), c] += g[r] v[c]: the outer product a weight gradient gets from one step. */
export function addOuterRows(
  dW: Float64Array,
  cols: number,
  row0: number,
  g: Float64Array,
  v: Float64Array,
): void {
  for (let r = 0; r < g.length; r++) {
    const base = (row0 + r) * cols;
    for (let c = 0; c < cols; c++) dW[base + c] += g[r] * v[c];
  }
}

/** Row t of a [T, n] row-major array, as a float64 copy. */
export function rowOf(a: NumArray, t: number, n: number): Float64Array {
  return Float64Array.from(a.subarray(t * n, (t + 1) * n));
}

export function frobenius(a: Float64Array): number {
  let s = 0;
  for (const v of a) s += v * v;
  return Math.sqrt(s);
}

/** Numerically stable log-softmax: subtract the max before exponentiating. */
export function logSoftmax(y: Float64Array): Float64Array {
  let m = -Infinity;
  for (const v of y) m = Math.max(m, v);
  let s = 0;
  for (const v of y) s += Math.exp(v - m);
  const lse = m + Math.log(s);
  return y.map((v) => v - lse);
}

export function countTargeted(mask: Uint8Array): number {
  let k = 0;
  for (const m of mask) if (m) k++;
  return k;
}
