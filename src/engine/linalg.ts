/**
 * Small dense linear algebra in float64 for the what-if panel: the spectral radius of W_hh,
 * the number that decides whether an Elman network's gradients vanish (< 1) or can explode (> 1).
 */
import { gateCount } from './spec';
import type { ModelSpec, Weights } from './types';

/** Squarings used: ρ is read off ‖A^k‖^(1/k) with k = 2^14. */
const SQUARINGS = 14;

/**
 * Spectral radius of a square row-major n×n matrix by Gelfand's formula ρ(A) = lim ‖A^k‖^(1/k),
 * with k = 2^14 reached by repeated squaring. The matrix is renormalised after every squaring and
 * the log of the scale is carried, so neither tiny nor huge radii overflow. Unlike power
 * iteration this converges for complex dominant eigenvalue pairs too (rotations are common in
 * W_hh). The error factor is about (n·κ)^(1/k): ~1.0005 for n = 64 and a well-conditioned A.
 */
export function spectralRadius(a: ArrayLike<number>, n: number): number {
  let m = Float64Array.from(a);
  let logScale = normalise(m);
  if (logScale === -Infinity) return 0;
  const tmp = new Float64Array(n * n);
  for (let s = 0; s < SQUARINGS; s++) {
    tmp.fill(0);
    for (let i = 0; i < n; i++) {
      for (let k = 0; k < n; k++) {
        const v = m[i * n + k]!;
        if (v === 0) continue;
        for (let j = 0; j < n; j++) tmp[i * n + j]! += v * m[k * n + j]!;
      }
    }
    m = tmp.slice();
    const l = normalise(m);
    if (l === -Infinity) return 0; // nilpotent: every eigenvalue is 0
    logScale = 2 * logScale + l;
  }
  return Math.exp(logScale / 2 ** SQUARINGS);
}

/** Scales m to unit Frobenius norm in place; returns the log of the norm it had. */
function normalise(m: Float64Array): number {
  let s = 0;
  for (const v of m) s += v * v;
  const norm = Math.sqrt(s);
  if (norm === 0) return -Infinity;
  for (let k = 0; k < m.length; k++) m[k]! /= norm;
  return Math.log(norm);
}

/**
 * Spectral radius of each recurrent block of W_hh (Elman: the whole matrix; LSTM, GRU: the block
 * feeding each gate's pre-activation from h).
 */
export function recurrentSpectralRadii(spec: ModelSpec, w: Weights): number[] {
  const H = spec.hiddenSize;
  return Array.from({ length: gateCount(spec.cell) }, (_, g) =>
    spectralRadius(w.wHh.subarray(g * H * H, (g + 1) * H * H), H),
  );
}
