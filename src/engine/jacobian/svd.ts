/**
 * All singular values in float64 of a step Jacobian, for the Jacobian lens (the largest alone,
 * for the products, is spectralNorm.ts).
 */

/** Rotations stop when every pair of rows is orthogonal to this relative precision. */
const ORTHOGONAL = 1e-15;
const MAX_SWEEPS = 60;

/**
 * All singular values of the row-major n×n matrix `a`, descending, by one-sided (Hestenes)
 * Jacobi on its rows: plane rotations make the rows orthogonal, and the row norms are then the
 * singular values. Rotations keep relative accuracy for rows of very different scale (a unit
 * whose gate is saturated), and a zero row stays exactly zero, so a dead unit's 0 is a true 0.
 * The matrix is scaled to a largest entry of 1 first, so that squared norms of a tiny (1e−160)
 * Jacobian do not underflow.
 */
export function singularValues(a: Float64Array, n: number): Float64Array {
  let scale = 0;
  for (const v of a) scale = Math.max(scale, Math.abs(v));
  const out = new Float64Array(n);
  if (scale === 0 || !Number.isFinite(scale)) return out.fill(scale);
  const m = new Float64Array(a.length);
  for (let q = 0; q < a.length; q++) m[q] = a[q]! / scale;
  const sq = new Float64Array(n);
  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
    // Squared row norms, recomputed every sweep so the running updates below never drift.
    for (let p = 0; p < n; p++) sq[p] = dot(m, p * n, p * n, n);
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const alpha = sq[p]!;
        const beta = sq[q]!;
        if (alpha === 0 || beta === 0) continue;
        const gamma = dot(m, p * n, q * n, n);
        if (Math.abs(gamma) <= ORTHOGONAL * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let k = 0; k < n; k++) {
          const x = m[p * n + k]!;
          const y = m[q * n + k]!;
          m[p * n + k] = c * x - s * y;
          m[q * n + k] = s * x + c * y;
        }
        sq[p] = alpha - t * gamma;
        sq[q] = beta + t * gamma;
      }
    }
    if (!rotated) break;
  }
  for (let p = 0; p < n; p++) out[p] = Math.sqrt(dot(m, p * n, p * n, n)) * scale;
  return out.sort().reverse();
}

/** Σ_k m[a + k]·m[b + k]. */
function dot(m: Float64Array, a: number, b: number, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let k = 0;
  for (; k + 1 < n; k += 2) {
    s0 += m[a + k]! * m[b + k]!;
    s1 += m[a + k + 1]! * m[b + k + 1]!;
  }
  if (k < n) s0 += m[a + k]! * m[b + k]!;
  return s0 + s1;
}
