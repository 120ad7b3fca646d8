/**
 * Float64 oracle for the Jacobian lens: forward-mode automatic differentiation (dual numbers)
 * through the cell equations as written, with n tangent directions, one per component of the
 * state the product starts from. It never forms a step Jacobian by hand, so it checks the
 * engine's hand-derived blocks, the products and the renormalisation all at once. Its singular
 * values come from the symmetric Jacobi eigenvalue method on AᵀA (a different algorithm from the
 * engine's one-sided Jacobi), so they are trustworthy down to about 1e−7 of the largest.
 */
import type { GateClamp } from '../src/engine/interventions';
import type { ModelSpec } from '../src/engine/types';
import { gateNames, rowOf, sigmoid, type NumArray, type WeightsLike } from './math64';

/** H values and their derivatives along n directions: d[j·n + q] = ∂v_j/∂(direction q). */
interface Dual {
  v: Float64Array;
  d: Float64Array;
}

const map = (a: Dual, f: (x: number) => number, df: (x: number) => number, n: number): Dual => ({
  v: a.v.map(f),
  d: a.d.map((x, i) => df(a.v[Math.floor(i / n)]!) * x),
});
const mul = (a: Dual, b: Dual, n: number): Dual => ({
  v: a.v.map((x, j) => x * b.v[j]!),
  d: a.d.map((x, i) => x * b.v[Math.floor(i / n)]! + a.v[Math.floor(i / n)]! * b.d[i]!),
});
const add = (a: Dual, b: Dual): Dual => ({
  v: a.v.map((x, j) => x + b.v[j]!),
  d: a.d.map((x, i) => x + b.d[i]!),
});
const oneMinus = (a: Dual): Dual => ({ v: a.v.map((x) => 1 - x), d: a.d.map((x) => -x) });
const sech2 = (x: number) => 1 / Math.cosh(x) ** 2;

/** W_hh[block] · h + b_hh[block] (+ W_ih[block] x + b_ih[block] when `x` is given). */
function affine(
  w: WeightsLike,
  spec: ModelSpec,
  k: number,
  h: Dual,
  x: Float64Array | null,
  n: number,
): Dual {
  const { hiddenSize: H, inputSize: I } = spec;
  const v = new Float64Array(H);
  const d = new Float64Array(H * n);
  for (let j = 0; j < H; j++) {
    const row = k * H + j;
    let s = w.bHh[row]!;
    if (x) {
      s += w.bIh[row]!;
      for (let q = 0; q < I; q++) s += w.wIh[row * I + q]! * x[q]!;
    }
    for (let m = 0; m < H; m++) {
      const u = w.wHh[row * H + m]!;
      s += u * h.v[m]!;
      for (let q = 0; q < n; q++) d[j * n + q]! += u * h.d[m * n + q]!;
    }
    v[j] = s;
  }
  return { v, d };
}

function inputPart(w: WeightsLike, spec: ModelSpec, k: number, x: Float64Array, n: number): Dual {
  const { hiddenSize: H, inputSize: I } = spec;
  const v = new Float64Array(H);
  for (let j = 0; j < H; j++) {
    let s = w.bIh[k * H + j]!;
    for (let q = 0; q < I; q++) s += w.wIh[(k * H + j) * I + q]! * x[q]!;
    v[j] = s;
  }
  return { v, d: new Float64Array(H * n) };
}

function held(clamps: readonly GateClamp[], gate: string, t: number): number | null {
  const c = clamps.find((c) => c.gate === gate && t >= (c.from ?? 0) && t <= (c.to ?? Infinity));
  return c ? c.value : null;
}

/** One step of the cell on duals; the state is [h] or [h, c]. */
function step(
  spec: ModelSpec,
  w: WeightsLike,
  clamps: readonly GateClamp[],
  t: number,
  x: Float64Array,
  s: Dual[],
  n: number,
): Dual[] {
  const H = spec.hiddenSize;
  const names = gateNames(spec.cell);
  const act = (name: string, a: Dual, tanh: boolean): Dual => {
    const c = held(clamps, name, t);
    if (c !== null) return { v: new Float64Array(H).fill(c), d: new Float64Array(H * n) };
    return tanh ? map(a, Math.tanh, sech2, n) : map(a, sigmoid, (z) => sigmoid(z) * sigmoid(-z), n);
  };
  const [h, c] = s as [Dual, Dual | undefined];
  if (spec.cell === 'elman') {
    const a = affine(w, spec, 0, h, x, n);
    return spec.activation === 'relu'
      ? [
          map(
            a,
            (z) => Math.max(0, z),
            (z) => (z > 0 ? 1 : 0),
            n,
          ),
        ]
      : [map(a, Math.tanh, sech2, n)];
  }
  if (spec.cell === 'lstm') {
    const [i, f, g, o] = names.map((name, k) =>
      act(name, affine(w, spec, k, h, x, n), name === 'candidate'),
    ) as [Dual, Dual, Dual, Dual];
    const cNew = add(mul(f, c!, n), mul(i, g, n));
    return [mul(o, map(cNew, Math.tanh, sech2, n), n), cNew];
  }
  const r = act('reset', affine(w, spec, 0, h, x, n), false);
  const z = act('update', affine(w, spec, 1, h, x, n), false);
  const rec =
    (spec.gruVariant ?? 'reset-after') === 'reset-after'
      ? mul(r, affine(w, spec, 2, h, null, n), n)
      : affine(w, spec, 2, mul(r, h, n), null, n);
  const cand = act('candidate', add(inputPart(w, spec, 2, x, n), rec), true);
  return [add(mul(oneMinus(z), cand, n), mul(z, h, n))];
}

/** The plain forward states, s_t for t = −1 … T−1 (index t + 1), each of length n. */
function states(
  spec: ModelSpec,
  w: WeightsLike,
  inputs: NumArray,
  T: number,
  clamps: readonly GateClamp[],
): Dual[][] {
  const H = spec.hiddenSize;
  const parts = spec.cell === 'lstm' ? 2 : 1;
  let s: Dual[] = Array.from({ length: parts }, () => ({
    v: new Float64Array(H),
    d: new Float64Array(0),
  }));
  const out = [s];
  for (let t = 0; t < T; t++) {
    s = step(spec, w, clamps, t, rowOf(inputs, t, spec.inputSize), s, 0);
    out.push(s);
  }
  return out;
}

/** The reference lens: ∂s_t/∂s_k as dense [n, n] matrices, and their singular values. */
export function referenceLens(
  spec: ModelSpec,
  w: WeightsLike,
  inputs: NumArray,
  T: number,
  clamps: readonly GateClamp[] = [],
) {
  const H = spec.hiddenSize;
  const parts = spec.cell === 'lstm' ? 2 : 1;
  const n = parts * H;
  const plain = states(spec, w, inputs, T, clamps);
  /** ∂s_t/∂s_k for every t ≥ k (index t − k), row-major [n, n]. */
  const productsFrom = (k: number): Float64Array[] => {
    // Seed: s_k with the identity as its tangent (direction q = component q of s_k).
    let s: Dual[] = plain[k + 1]!.map((p, part) => {
      const d = new Float64Array(H * n);
      for (let j = 0; j < H; j++) d[j * n + part * H + j] = 1;
      return { v: p.v, d };
    });
    const out: Float64Array[] = [];
    for (let t = k; t < T; t++) {
      if (t > k) s = step(spec, w, clamps, t, rowOf(inputs, t, spec.inputSize), s, n);
      const m = new Float64Array(n * n);
      s.forEach((p, part) => m.set(p.d, part * H * n));
      out.push(m);
    }
    return out;
  };
  /** J_t = ∂s_t/∂s_{t−1}, from s_{−1} = 0 for t = 0. */
  const stepJacobian = (t: number): Float64Array => productsFrom(t - 1)[1]!;
  return { n, productsFrom, stepJacobian };
}

/** Singular values of a row-major [n, n] matrix, descending, as √eig(AᵀA) by cyclic Jacobi. */
export function referenceSingularValues(a: Float64Array, n: number): number[] {
  let scale = 0;
  for (const x of a) scale = Math.max(scale, Math.abs(x));
  if (scale === 0) return new Array<number>(n).fill(0);
  const m = new Float64Array(n * n);
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let r = 0; r < n; r++) s += (a[r * n + i]! / scale) * (a[r * n + j]! / scale);
      m[i * n + j] = s;
    }
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += m[p * n + q]! ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < n; p++)
      for (let q = p + 1; q < n; q++) {
        const apq = m[p * n + q]!;
        if (apq === 0) continue;
        const theta = (m[q * n + q]! - m[p * n + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const kp = m[k * n + p]!;
          const kq = m[k * n + q]!;
          m[k * n + p] = c * kp - s * kq;
          m[k * n + q] = s * kp + c * kq;
        }
        for (let k = 0; k < n; k++) {
          const pk = m[p * n + k]!;
          const qk = m[q * n + k]!;
          m[p * n + k] = c * pk - s * qk;
          m[q * n + k] = s * pk + c * qk;
        }
      }
  }
  return Array.from({ length: n }, (_, i) => Math.sqrt(Math.max(0, m[i * n + i]!)) * scale).sort(
    (x, y) => y - x,
  );
}
