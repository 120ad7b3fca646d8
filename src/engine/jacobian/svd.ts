/**
 * Singular values in float64 for the Jacobian lens: all of them for a step Jacobian, the largest
 * for a product of them.
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

/** Σ_k m[a + k]·v[k]. */
function dot2(m: Float64Array, a: number, v: Float64Array, n: number): number {
  let s0 = 0;
  let s1 = 0;
  let k = 0;
  for (; k + 1 < n; k += 2) {
    s0 += m[a + k]! * v[k]!;
    s1 += m[a + k + 1]! * v[k + 1]!;
  }
  if (k < n) s0 += m[a + k]! * v[k]!;
  return s0 + s1;
}

/**
 * Power iterations stop when the estimate moves less than this, relatively. The error left is
 * then below ~√(SETTLED/2) whatever the gap σ₂/σ_max (a small gap converges fast; a large one
 * leaves every estimate near σ_max anyway): 7e−4, well inside the lens's 2%.
 */
const SETTLED = 1e-6;
const MAX_ITERATIONS = 500;

/**
 * ‖A‖₂ of the row-major n×n matrix `a` by power iteration on AᵀA, started from `v` (a warm
 * start: the previous product's top right singular vector), which is left holding this one's.
 * (A zero v starts from a fixed spread-out vector instead.)
 * Each estimate ‖Av‖ is a lower bound that rises to σ_max; where σ₂ ≈ σ_max it is already close
 * to both, so the stopping rule needs no gap.
 */
export function spectralNorm(
  a: Float64Array,
  n: number,
  v: Float64Array,
  u: Float64Array = new Float64Array(n),
): number {
  let estimate = 0;
  if (normalise(v) === 0) for (let k = 0; k < n; k++) v[k] = Math.sin(k + 1) / Math.sqrt(n);
  for (let it = 0; it < MAX_ITERATIONS; it++) {
    for (let r = 0; r < n; r++) u[r] = dot2(a, r * n, v, n);
    const len = normalise(u);
    if (len === 0) return 0;
    // v ← Aᵀu, two rows of A per pass.
    v.fill(0);
    let r = 0;
    for (; r + 1 < n; r += 2) {
      const u0 = u[r]!;
      const u1 = u[r + 1]!;
      const a0 = r * n;
      const a1 = a0 + n;
      for (let k = 0; k < n; k++) v[k]! += u0 * a[a0 + k]! + u1 * a[a1 + k]!;
    }
    if (r < n) for (let k = 0; k < n; k++) v[k]! += u[r]! * a[r * n + k]!;
    // ‖AᵀAv‖^½ = (‖Av‖·‖Aᵀu‖)^½ ≥ ‖Av‖: the tighter of the two lower bounds on σ_max.
    const next = Math.sqrt(len * normalise(v));
    if (Math.abs(next - estimate) <= SETTLED * next) return next;
    estimate = next;
  }
  return estimate;
}

/** Scales v to unit length; returns the length it had (0 leaves it as is). */
function normalise(v: Float64Array): number {
  let m = 0;
  for (const x of v) m = Math.max(m, Math.abs(x));
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (const x of v) s += (x / m) ** 2;
  const len = m * Math.sqrt(s);
  for (let k = 0; k < v.length; k++) v[k]! /= len;
  return len;
}
