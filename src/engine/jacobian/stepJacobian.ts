/**
 * The one-step Jacobian J_t = ∂s_t/∂s_{t−1} of a cell, with the inputs held fixed, in float64
 * (issue #18's Jacobian lens). s is h for Elman and GRU and (h, c) stacked for the LSTM, so n = H
 * or 2H. The states are recomputed here in float64 from the weights and the inputs: the slopes of
 * saturated gates (σ′ ~ 1e−20) must keep their value, which float32 activations would round to 0.
 * A clamped gate (what-if) is a constant: its value replaces the gate's and its slope is 0.
 *
 * J_t is kept in the shape the products need. Its columns for h_{t−1} are dense, `dense` [n, H];
 * the LSTM's columns for c_{t−1} are diagonal per unit (c_t = f ⊙ c_{t−1} + …, and h_t reads c_t
 * unit by unit), so row r has one entry there, `side[r]`, at column H + (r mod H).
 */
import type { GateClamp } from '../interventions';
import { EngineInputError, blockNames, gateCount, normalizeSpec } from '../spec';
import type { Model, ModelSpec } from '../types';

export interface StepJacobian {
  /** [n, H] row-major: ∂s_t/∂h_{t−1} */
  dense: Float64Array;
  /** LSTM [n]: row r's entry ∂s_t[r]/∂c_{t−1}[r mod H]; null for Elman and GRU */
  side: Float64Array | null;
}

export interface StepJacobians {
  T: number;
  H: number;
  /** size of the state s: H, or 2H for the LSTM */
  n: number;
  /** Writes J_t into `out` (from newJacobian()). */
  fill(t: number, out: StepJacobian): void;
  newJacobian(): StepJacobian;
}

/** The inputs a lens reads: the shown sequence's x, [T, I] row-major. */
export interface LensInputs {
  length: number;
  inputSize: number;
  inputs: Float32Array;
}

const sigmoid = (a: number) => (a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a)));
/** σ′(a) = σ(a)σ(−a), from e^{−|a|} so that it stays exact where σ rounds to 1. */
function sigmoidSlope(a: number): number {
  const e = Math.exp(-Math.abs(a));
  return e / ((1 + e) * (1 + e));
}
/** tanh′(a) = sech²(a) = 4e^{−2|a|}/(1 + e^{−2|a|})², exact where tanh rounds to ±1. */
function tanhSlope(a: number): number {
  const e = Math.exp(-2 * Math.abs(a));
  return (4 * e) / ((1 + e) * (1 + e));
}

/** The constant a clamp holds `gate` at on step t, or null when it runs freely. */
function clampAt(clamps: readonly GateClamp[], gate: string, t: number): number | null {
  for (const c of clamps)
    if (c.gate === gate && t >= (c.from ?? 0) && t <= (c.to ?? Infinity)) return c.value;
  return null;
}

/** rows [k·H, (k+1)·H) of a [G·H, N] matrix times v, plus the bias rows: out[j]. */
function blockMatVec(
  m: Float32Array,
  N: number,
  k: number,
  H: number,
  v: ArrayLike<number>,
  vFrom: number,
  bias: Float32Array,
  out: Float64Array,
): void {
  for (let j = 0; j < H; j++) {
    const row = (k * H + j) * N;
    let s = bias[k * H + j]!;
    for (let q = 0; q < N; q++) s += m[row + q]! * v[vFrom + q]!;
    out[j] = s;
  }
}

/** Per-step, per-unit values ([T, H] each) the Jacobian of a step is built from. */
type Series = Record<string, Float64Array>;

/** The step Jacobians of `model` on `seq`, the initial state s_{−1} = 0. */
export function stepJacobians(
  model: Model,
  seq: LensInputs,
  clamps: readonly GateClamp[] = [],
): StepJacobians {
  // Every default made explicit (the GRU variant, the activation) and the spec checked.
  const spec = normalizeSpec(model.spec);
  const { hiddenSize: H, inputSize: I } = spec;
  const T = seq.length;
  const G = gateCount(spec.cell);
  const w = model.weights;
  checkSizes(model, seq, G);
  const names = blockNames(spec.cell);
  const keys = [...names, ...names.map((g) => `d${g}`), 'hPrev', 'cPrev', 'extra', 'extra2'];
  const s: Series = Object.fromEntries(keys.map((k) => [k, new Float64Array(T * H)]));
  const xp = Array.from({ length: G }, () => new Float64Array(H));
  const hp = Array.from({ length: G }, () => new Float64Array(H));
  let h = new Float64Array(H);
  let c = new Float64Array(H);
  const rh = new Float64Array(H);
  for (let t = 0; t < T; t++) {
    const o = t * H;
    s.hPrev!.set(h, o);
    s.cPrev!.set(c, o);
    for (let k = 0; k < G; k++) {
      blockMatVec(w.wIh, I, k, H, seq.inputs, t * I, w.bIh, xp[k]!);
      blockMatVec(w.wHh, H, k, H, h, 0, w.bHh, hp[k]!);
    }
    // act: the gate's value at unit j; its slope goes to s['d' + name] (0 when clamped).
    const gate = (name: string, j: number, a: number, tanh: boolean): number => {
      const held = clampAt(clamps, name, t);
      const v = held ?? (tanh ? Math.tanh(a) : sigmoid(a));
      s[name]![o + j] = v;
      s[`d${name}`]![o + j] = held !== null ? 0 : tanh ? tanhSlope(a) : sigmoidSlope(a);
      return v;
    };
    const next = new Float64Array(H);
    if (spec.cell === 'elman') {
      for (let j = 0; j < H; j++) {
        const a = xp[0]![j]! + hp[0]![j]!;
        const relu = spec.activation === 'relu';
        next[j] = relu ? Math.max(0, a) : Math.tanh(a);
        s.dh![o + j] = relu ? (a > 0 ? 1 : 0) : tanhSlope(a);
      }
    } else if (spec.cell === 'lstm') {
      const nextC = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        const [ig, fg, gg, og] = names.map((g, k) =>
          gate(g, j, xp[k]![j]! + hp[k]![j]!, g === 'candidate'),
        ) as [number, number, number, number];
        nextC[j] = fg * c[j]! + ig * gg;
        s.extra![o + j] = Math.tanh(nextC[j]!);
        s.extra2![o + j] = tanhSlope(nextC[j]!);
        next[j] = og * s.extra![o + j]!;
      }
      c = nextC;
    } else {
      const after = (spec.gruVariant ?? 'reset-after') === 'reset-after';
      const r = new Float64Array(H);
      for (let j = 0; j < H; j++) {
        r[j] = gate('reset', j, xp[0]![j]! + hp[0]![j]!, false);
        rh[j] = r[j]! * h[j]!;
      }
      // reset-before: the candidate's recurrent term is U_n (r ⊙ h) + b_hn.
      if (!after) blockMatVec(w.wHh, H, 2, H, rh, 0, w.bHh, hp[2]!);
      for (let j = 0; j < H; j++) {
        const z = gate('update', j, xp[1]![j]! + hp[1]![j]!, false);
        s.extra![o + j] = hp[2]![j]!; // reset-after: U_n h + b_hn, what r multiplies
        const a = xp[2]![j]! + (after ? r[j]! * hp[2]![j]! : hp[2]![j]!);
        const n = gate('candidate', j, a, true);
        next[j] = (1 - z) * n + z * h[j]!;
      }
    }
    h = next;
  }
  const n = spec.cell === 'lstm' ? 2 * H : H;
  return {
    T,
    H,
    n,
    newJacobian: () => ({
      dense: new Float64Array(n * H),
      side: spec.cell === 'lstm' ? new Float64Array(n) : null,
    }),
    fill: (t, out) => fillers[spec.cell](spec, w.wHh, s, t, out),
  };
}

/** The lens reads arrays a page or a file handed over: their sizes are checked, not trusted. */
function checkSizes({ spec, weights: w }: Model, seq: LensInputs, G: number): void {
  const { hiddenSize: H, inputSize: I } = spec;
  const want: [string, ArrayLike<number>, number][] = [
    ['W_ih', w.wIh, G * H * I],
    ['W_hh', w.wHh, G * H * H],
    ['b_ih', w.bIh, G * H],
    ['b_hh', w.bHh, G * H],
    ['the inputs', seq.inputs, seq.length * I],
  ];
  for (const [name, a, n] of want)
    if (a.length !== n)
      throw new EngineInputError(`${name} has ${a.length} numbers; this model needs ${n}`);
  if (!(Number.isInteger(seq.length) && seq.length >= 1) || seq.inputSize !== I)
    throw new EngineInputError(`the lens needs a sequence of at least one step of ${I} inputs`);
}

type Filler = (spec: ModelSpec, U: Float32Array, s: Series, t: number, out: StepJacobian) => void;

const fillers: Record<ModelSpec['cell'], Filler> = {
  // J = diag(φ′(a_t)) U
  elman(spec, U, s, t, { dense }) {
    const H = spec.hiddenSize;
    for (let j = 0; j < H; j++) {
      const d = s.dh![t * H + j]!;
      for (let m = 0; m < H; m++) dense[j * H + m] = d * U[j * H + m]!;
    }
  },
  // ∂c/∂h = diag(c_{t−1}σ′_f)U_f + diag(g σ′_i)U_i + diag(i tanh′_g)U_g;
  // ∂h/∂h = diag(tanh(c) σ′_o)U_o + diag(o tanh′(c)) ∂c/∂h; ∂c/∂c = diag(f); ∂h/∂c = diag(o tanh′(c) f).
  lstm(spec, U, s, t, { dense, side }) {
    const H = spec.hiddenSize;
    for (let j = 0; j < H; j++) {
      const q = t * H + j;
      const [i, f, g, o] = [s.input![q]!, s.forget![q]!, s.candidate![q]!, s.output![q]!];
      const ci = g * s.dinput![q]!;
      const cf = s.cPrev![q]! * s.dforget![q]!;
      const cg = i * s.dcandidate![q]!;
      const ho = s.extra![q]! * s.doutput![q]!;
      const hc = o * s.extra2![q]!;
      const rowC = (H + j) * H;
      for (let m = 0; m < H; m++) {
        const b = cf * U[(H + j) * H + m]! + ci * U[j * H + m]! + cg * U[(2 * H + j) * H + m]!;
        dense[rowC + m] = b;
        dense[j * H + m] = ho * U[(3 * H + j) * H + m]! + hc * b;
      }
      side![j] = hc * f;
      side![H + j] = f;
    }
  },
  // h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}: ∂h/∂h = diag(1 − z) ∂n/∂h + diag(h_{t−1} − n) ∂z/∂h + diag(z).
  gru(spec, U, s, t, { dense }) {
    const H = spec.hiddenSize;
    const after = spec.gruVariant === 'reset-after';
    const HH = H * H;
    // reset-before: ∂a_n/∂h = U_n diag(r) + U_n diag(h_{t−1} σ′_r) U_r; the second term is a product.
    for (let j = 0; j < H; j++) {
      const q = t * H + j;
      const z = s.update![q]!;
      const dz = s.dupdate![q]!;
      const n = s.candidate![q]!;
      const dn = s.dcandidate![q]!;
      const coefZ = (s.hPrev![q]! - n) * dz;
      const coefN = (1 - z) * dn;
      for (let m = 0; m < H; m++) {
        let an: number;
        if (after) {
          an = s.reset![q]! * U[2 * HH + j * H + m]! + s.extra![q]! * s.dreset![q]! * U[j * H + m]!;
        } else {
          const r0 = t * H;
          an = U[2 * HH + j * H + m]! * s.reset![r0 + m]!;
          for (let p = 0; p < H; p++) {
            const un = U[2 * HH + j * H + p]!;
            if (un !== 0) an += un * s.hPrev![r0 + p]! * s.dreset![r0 + p]! * U[p * H + m]!;
          }
        }
        dense[j * H + m] = coefN * an + coefZ * U[HH + j * H + m]! + (j === m ? z : 0);
      }
    }
  },
};

/** J_t as a dense row-major [n, n] matrix (for its singular values). */
export function denseJacobian(j: StepJacobian, n: number, H: number, out: Float64Array): void {
  out.fill(0);
  for (let r = 0; r < n; r++) {
    for (let m = 0; m < H; m++) out[r * n + m] = j.dense[r * H + m]!;
    if (j.side) out[r * n + H + (r % H)] = j.side[r]!;
  }
}
