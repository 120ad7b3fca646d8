/**
 * ‖A‖₂ = σ_max(A) by Golub–Kahan–Lanczos bidiagonalisation, warm-started. Power iteration was
 * tried first and needs 20–45 iterations per product on the seeded (near-orthogonal) weights,
 * whose top singular values cluster; Lanczos's Krylov space converges on σ_max far faster there
 * (Chebyshev rather than geometric in the gap), and a clustered top costs nothing in value.
 *
 * With v₁ the start, it builds orthonormal v₁ … v_j, u₁ … u_j and the bidiagonal B_j
 * (diagonal α, super-diagonal β) with A V_j = U_j B_j; σ_max(B_j) rises to σ_max(A). Every new
 * vector is re-orthogonalised against the earlier ones (j ≤ 24, so that is cheap). σ_max(B_j) is
 * the square root of the largest eigenvalue of the tridiagonal B_jᵀB_j, found by bisection on
 * its Sturm sequence to full precision.
 */
import { stableNorm } from '../derived';

/**
 * Stop once σ_max(B_j) moves less than this between checks, relatively. Lanczos converges faster
 * than geometrically, so the error left is below it: ≤ 1e−5 against the lens's 2% (tighter
 * costs ~15% more time for digits nobody sees on a log colour scale).
 */
const SETTLED = 1e-5;
const MAX_STEPS = 24;
/** The steps after which σ_max(B_j) is measured (each measure is a bisection, not free). */
const CHECK_AT = [2, 3, 4, 5, 6, 7, 8, 10, 12, 14, 16, 20];

let buffers: {
  V: Float64Array;
  U: Float64Array;
  alpha: Float64Array;
  beta: Float64Array;
  w: Float64Array;
} | null = null;
/** Work arrays, kept between calls (the lens calls this once per product, thousands of times). */
function scratch(steps: number, n: number) {
  if (!buffers || buffers.V.length < steps * n || buffers.w.length !== n)
    buffers = {
      V: new Float64Array(steps * n),
      U: new Float64Array(steps * n),
      alpha: new Float64Array(steps),
      beta: new Float64Array(steps),
      w: new Float64Array(n),
    };
  buffers.alpha.fill(0);
  buffers.beta.fill(0);
  return buffers;
}

/**
 * σ_max of the row-major n×n matrix `a`, starting from `v` (a zero v starts from a fixed
 * spread-out vector), which is left holding the top right singular vector's estimate: the warm
 * start for the next, similar, matrix.
 */
export function spectralNorm(a: Float64Array, n: number, v: Float64Array): number {
  const steps = Math.min(n, MAX_STEPS);
  const { V, U, alpha, beta, w } = scratch(steps, n);
  w.set(v);
  if (normalise(w) === 0) for (let k = 0; k < n; k++) w[k] = Math.sin(k + 1);
  normalise(w);
  V.set(w);
  let estimate = 0;
  let used = 0;
  // λ_max of BᵀB only grows with j (interlacing): the last estimate is a lower end for the next.
  const measure = () => Math.sqrt(largestEigenvalue(alpha, beta, used, estimate * estimate));
  for (let j = 0; j < steps; j++) {
    // u_j = A v_j − β_{j−1} u_{j−1}, orthogonal to the earlier u's.
    const u = U.subarray(j * n, (j + 1) * n);
    times(a, n, V.subarray(j * n, (j + 1) * n), u);
    orthogonalise(u, U, j, n);
    alpha[j] = normalise(u);
    used = j + 1;
    const last = alpha[j] === 0 || used === steps;
    if (last || CHECK_AT.includes(used)) {
      const next = measure();
      const settled = Math.abs(next - estimate) <= SETTLED * next;
      estimate = next;
      if (last || settled) break;
    }
    // v_{j+1} = Aᵀ u_j − α_j v_j, orthogonal to the earlier v's.
    timesTransposed(a, n, u, w);
    orthogonalise(w, V, j + 1, n);
    beta[j] = normalise(w);
    if (beta[j] === 0) {
      estimate = measure(); // an invariant subspace: B_j's σ_max is exact
      break;
    }
    V.set(w, (j + 1) * n);
  }
  // The warm start: V times B's top right singular vector (inverse iteration on BᵀB).
  const y = topEigenvector(alpha, beta, used, estimate * estimate);
  v.fill(0);
  for (let i = 0; i < used; i++) for (let k = 0; k < n; k++) v[k]! += y[i]! * V[i * n + k]!;
  return estimate;
}

function times(a: Float64Array, n: number, x: Float64Array, out: Float64Array): void {
  for (let r = 0; r < n; r++) {
    let s0 = 0;
    let s1 = 0;
    let k = 0;
    for (; k + 1 < n; k += 2) {
      s0 += a[r * n + k]! * x[k]!;
      s1 += a[r * n + k + 1]! * x[k + 1]!;
    }
    if (k < n) s0 += a[r * n + k]! * x[k]!;
    out[r] = s0 + s1;
  }
}

/** out = Aᵀx, two rows of A per pass. */
function timesTransposed(a: Float64Array, n: number, x: Float64Array, out: Float64Array): void {
  out.fill(0);
  let r = 0;
  for (; r + 1 < n; r += 2) {
    const x0 = x[r]!;
    const x1 = x[r + 1]!;
    for (let k = 0; k < n; k++) out[k]! += x0 * a[r * n + k]! + x1 * a[(r + 1) * n + k]!;
  }
  if (r < n) for (let k = 0; k < n; k++) out[k]! += x[r]! * a[r * n + k]!;
}

/** Removes from x its parts along the first `count` rows of `basis` (twice: "twice is enough"). */
function orthogonalise(x: Float64Array, basis: Float64Array, count: number, n: number): void {
  for (let pass = 0; pass < 2; pass++)
    for (let i = 0; i < count; i++) {
      let d = 0;
      for (let k = 0; k < n; k++) d += x[k]! * basis[i * n + k]!;
      for (let k = 0; k < n; k++) x[k]! -= d * basis[i * n + k]!;
    }
}

/** Scales v to unit length; returns the length it had (0 leaves it as is). */
function normalise(v: Float64Array): number {
  const len = stableNorm(v);
  if (len === 0 || !Number.isFinite(len)) return len;
  for (let k = 0; k < v.length; k++) v[k]! /= len;
  return len;
}

/** BᵀB of the upper bidiagonal (α, β), k×k tridiagonal: its diagonal and off-diagonal. */
function gram(alpha: Float64Array, beta: Float64Array, k: number) {
  const d = new Float64Array(k);
  const e = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    d[i] = alpha[i]! ** 2 + (i > 0 ? beta[i - 1]! ** 2 : 0);
    if (i + 1 < k) e[i] = alpha[i]! * beta[i]!;
  }
  return { d, e };
}

/**
 * The largest eigenvalue of BᵀB (at least `atLeast`), by bisection on the Sturm count of
 * eigenvalues below x, to 1e−13 relative (σ to 5e−14).
 */
function largestEigenvalue(
  alpha: Float64Array,
  beta: Float64Array,
  k: number,
  atLeast: number,
): number {
  const { d, e } = gram(alpha, beta, k);
  let hi = 0;
  for (let i = 0; i < k; i++)
    hi = Math.max(hi, d[i]! + Math.abs(e[i]!) + (i > 0 ? Math.abs(e[i - 1]!) : 0));
  let lo = Math.min(atLeast, hi);
  while (hi - lo > 1e-13 * hi) {
    const x = (lo + hi) / 2;
    // Sturm count: the pivots of BᵀB − x·I that are negative = eigenvalues below x.
    let below = 0;
    let q = 1;
    for (let i = 0; i < k; i++) {
      q = d[i]! - x - (i > 0 ? e[i - 1]! ** 2 / q : 0);
      if (q === 0) q = 1e-300;
      if (q < 0) below++;
    }
    if (below === k) hi = x;
    else lo = x;
  }
  return hi;
}

/** The eigenvector of BᵀB for eigenvalue ≈ λ, by two steps of inverse iteration. */
function topEigenvector(
  alpha: Float64Array,
  beta: Float64Array,
  k: number,
  lambda: number,
): Float64Array {
  const { d, e } = gram(alpha, beta, k);
  let y = new Float64Array(k).fill(1);
  const shift = lambda * (1 + 1e-10) + 1e-300;
  for (let pass = 0; pass < 2; pass++) {
    // Solve (T − shift·I) z = y by the tridiagonal (Thomas) algorithm.
    const c = new Float64Array(k);
    const z = new Float64Array(k);
    let denom = d[0]! - shift || 1e-300;
    c[0] = k > 1 ? e[0]! / denom : 0;
    z[0] = y[0]! / denom;
    for (let i = 1; i < k; i++) {
      denom = d[i]! - shift - e[i - 1]! * c[i - 1]!;
      if (denom === 0) denom = 1e-300;
      c[i] = i + 1 < k ? e[i]! / denom : 0;
      z[i] = (y[i]! - e[i - 1]! * z[i - 1]!) / denom;
    }
    for (let i = k - 2; i >= 0; i--) z[i]! -= c[i]! * z[i + 1]!;
    if (normalise(z) === 0) break;
    y = z;
  }
  return y;
}
