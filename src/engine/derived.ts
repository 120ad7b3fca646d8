/**
 * Per-step series derived in float64 from the read-back trace, so that gradients far below
 * float32's normal range (an Elman gradient 60 steps back is ~1e-30) keep their value.
 */
import type { ModelSpec } from './types';

/** Euclidean norm of a vector, scaled so that squaring cannot underflow or overflow. */
export function stableNorm(v: ArrayLike<number>, from = 0, to = v.length): number {
  let m = 0;
  for (let k = from; k < to; k++) m = Math.max(m, Math.abs(v[k]!));
  if (m === 0 || !Number.isFinite(m)) return m;
  let s = 0;
  for (let k = from; k < to; k++) {
    const r = v[k]! / m;
    s += r * r;
  }
  return m * Math.sqrt(s);
}

/** Norm of each row of a [T, N] matrix. */
export function rowNorms(m: Float32Array, T: number, N: number): Float64Array {
  const out = new Float64Array(T);
  for (let t = 0; t < T; t++) out[t] = stableNorm(m, t * N, (t + 1) * N);
  return out;
}

export interface PathInputs {
  spec: Required<ModelSpec>;
  T: number;
  gates: Record<string, Float32Array>;
  lossStep: number;
  /** Elman: per-step norm growth of the renormalised Jacobian product, for t = lossStep-1 .. 0,
   * when the backend computed it (large T·H³); otherwise it is computed here from h and W_hh. */
  elmanStepNorms?: Float32Array;
  /** Elman: hidden states [T, H] and W_hh [H, H], for the path computed here */
  h?: Float32Array;
  wHh?: Float32Array;
}

/**
 * Up to this many multiply-adds (T·H³) the Elman memory path is computed in float64 JS after the
 * read-back: at T = 100, H = 32 that is ~3 ms, against ~30 ms of per-step TF.js dispatch.
 * Beyond it the backend's matmuls win on wasm and WebGL, so the path is computed there (see
 * cells/elman.ts); not on cpu, whose per-step matMul, dispatch and float32 loops lose to this
 * float64 loop at every size (a whole trace at T = 1,000, H = 64 in Node: 1,120 ms with the
 * path there, 215 ms with it here).
 */
export const ELMAN_PATH_JS_LIMIT = 2e8;

/**
 * Per-step growth factors of M_t = Π_{s=L..t+1} diag(act'(a_s)) W_hh, starting from I/√H and
 * renormalised every step (float64), for t = L-1 .. 0: the same numbers the backend path makes.
 */
export function elmanStepNormsJs(
  h: Float32Array,
  wHh: Float32Array,
  activation: string,
  H: number,
  L: number,
): Float64Array {
  let m = new Float64Array(H * H);
  for (let i = 0; i < H; i++) m[i * H + i] = 1 / Math.sqrt(H);
  let next = new Float64Array(H * H);
  // (M·diag(D)·W)[i][c] = Σ_j (M[i][j]·D[j]) · W[j][c]: with W transposed once, every entry is a
  // dot product of two contiguous rows (partial sums, no read-modify-write per product).
  const wT = new Float64Array(H * H);
  for (let j = 0; j < H; j++) for (let c = 0; c < H; c++) wT[c * H + j] = wHh[j * H + c]!;
  const d = new Float64Array(H);
  const u = new Float64Array(H);
  const norms = new Float64Array(L);
  for (let k = 0; k < L; k++) {
    const s = L - k; // the step whose Jacobian is applied: M_{s-1} = M_s · diag(D_s) · W_hh
    for (let j = 0; j < H; j++) {
      const v = h[s * H + j]!;
      d[j] = activation === 'relu' ? (v > 0 ? 1 : 0) : 1 - v * v;
    }
    let ss = 0;
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < H; j++) u[j] = m[i * H + j]! * d[j]!;
      // Two output columns per pass, so each u[j] read feeds both; an odd H leaves one column.
      let c = 0;
      for (; c + 1 < H; c += 2) {
        const a0 = c * H;
        const b0 = a0 + H;
        let sa = 0,
          sb = 0,
          ta = 0,
          tb = 0;
        let j = 0;
        for (; j + 1 < H; j += 2) {
          const u0 = u[j]!;
          const u1 = u[j + 1]!;
          sa += u0 * wT[a0 + j]!;
          sb += u0 * wT[b0 + j]!;
          ta += u1 * wT[a0 + j + 1]!;
          tb += u1 * wT[b0 + j + 1]!;
        }
        if (j < H) {
          sa += u[j]! * wT[a0 + j]!;
          sb += u[j]! * wT[b0 + j]!;
        }
        const va = sa + ta;
        const vb = sb + tb;
        next[i * H + c] = va;
        next[i * H + c + 1] = vb;
        ss += va * va + vb * vb;
      }
      // ... and the odd one left over.
      if (c < H) {
        let v = 0;
        for (let j = 0; j < H; j++) v += u[j]! * wT[c * H + j]!;
        next[i * H + c] = v;
        ss += v * v;
      }
    }
    const n = Math.sqrt(ss);
    norms[k] = n;
    if (n > 0) for (let q = 0; q < next.length; q++) next[q]! /= n;
    const done = m;
    m = next;
    next = done;
  }
  return norms;
}

/**
 * The memory path: how much of the state at step t still reaches the loss step L along the
 * cell's memory route, as the RMS gain ‖M_t‖_F / √H (1 for the identity, so 1 at t = L):
 *   lstm:  M_t = diag(Π_{s=t+1..L} f_s)   (the cell-state line: only forget gates on it)
 *   gru:   M_t = diag(Π_{s=t+1..L} z_s)   (the carry-through of the old state)
 *   elman: M_t = Π_{s=L..t+1} diag(act'(a_s)) W_hh   (the full step-Jacobian product)
 * Zero after L (and everywhere when no step has a target).
 */
export function memoryPath({
  spec,
  T,
  gates,
  lossStep: L,
  elmanStepNorms,
  h,
  wHh,
}: PathInputs): Float64Array {
  const out = new Float64Array(T);
  if (L < 0) return out;
  const H = spec.hiddenSize;
  if (spec.cell === 'elman') {
    const norms = elmanStepNorms ?? elmanStepNormsJs(h!, wHh!, spec.activation, H, L);
    out[L] = 1;
    for (let k = 0; k < L; k++) out[L - 1 - k] = out[L - k]! * norms[k]!;
    return out;
  }
  const g = spec.cell === 'lstm' ? gates.forget! : gates.update!;
  // Per-unit running products in log space, so long paths underflow only when truly below 1e-308.
  const logP = new Float64Array(H);
  const p = new Float64Array(H);
  out[L] = 1;
  for (let t = L - 1; t >= 0; t--) {
    for (let j = 0; j < H; j++) {
      logP[j]! += Math.log(g[(t + 1) * H + j]!);
      p[j] = Math.exp(logP[j]!);
    }
    out[t] = stableNorm(p) / Math.sqrt(H);
  }
  return out;
}

/**
 * ‖step t's contribution to ∂L/∂W_hh‖_F. Each contribution is an outer product δ_t a_tᵀ
 * (on disjoint row blocks), whose norm is ‖δ_t‖·‖a_t‖:
 *   elman, lstm: δ = all pre-activation grads, a = h_{t-1}
 *   gru reset-after: δ = [∂r, ∂z, ∂n ⊙ r], a = h_{t-1}
 *   gru reset-before: rows r,z with a = h_{t-1}; rows n with δ = ∂n, a = r ⊙ h_{t-1}
 */
export function whhStepNorms(
  spec: Required<ModelSpec>,
  T: number,
  h: Float32Array,
  gates: Record<string, Float32Array>,
  pre: Record<string, Float32Array>,
): Float64Array {
  const H = spec.hiddenSize;
  const out = new Float64Array(T);
  const hPrev = new Float64Array(H);
  const scratch = new Float64Array(H);
  const blockNorm = (a: Float32Array, t: number, times?: Float32Array) => {
    for (let j = 0; j < H; j++) scratch[j] = a[t * H + j]! * (times ? times[t * H + j]! : 1);
    return stableNorm(scratch);
  };
  for (let t = 0; t < T; t++) {
    for (let j = 0; j < H; j++) hPrev[j] = t === 0 ? 0 : h[(t - 1) * H + j]!;
    const hn = stableNorm(hPrev);
    if (spec.cell === 'gru') {
      const rz = Math.hypot(blockNorm(pre.reset!, t), blockNorm(pre.update!, t));
      const dn = blockNorm(
        pre.candidate!,
        t,
        spec.gruVariant === 'reset-after' ? gates.reset : undefined,
      );
      if (spec.gruVariant === 'reset-after') {
        out[t] = Math.hypot(rz, dn) * hn;
      } else {
        for (let j = 0; j < H; j++) scratch[j] = gates.reset![t * H + j]! * hPrev[j]!;
        out[t] = Math.hypot(rz * hn, dn * stableNorm(scratch));
      }
    } else {
      out[t] = Math.hypot(...Object.values(pre).map((a) => blockNorm(a, t))) * hn;
    }
  }
  return out;
}
