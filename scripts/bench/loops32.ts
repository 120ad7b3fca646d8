/**
 * Plain-TypeScript forward + BPTT on Float32Array, no TF.js: the "how fast could a hand loop
 * be" baseline of the bench. Same math and outputs as the engine's trace (states, gates,
 * readout, masked MSE, ∂L/∂h, ∂L/∂c, ∂L/∂pre, weight gradients, ∂L/∂x), PyTorch layout.
 * Cells: LSTM, Elman (tanh) and GRU (reset-after). The bench checks it against the float64
 * reference (reference/) before timing it.
 */
import type { ModelSpec, Sequence, Weights } from '../../src/engine/types';

export interface Loop32Result {
  /** [T, H] */
  h: Float32Array;
  /** [T, H], LSTM only */
  c?: Float32Array;
  /** [T, G*H] gate activations, blocks in weight-row order (Elman: empty) */
  gates: Float32Array;
  /** [T, O] */
  y: Float32Array;
  loss: number;
  /** [T, H] total ∂L/∂h_t */
  dH: Float32Array;
  /** [T, H] LSTM total ∂L/∂c_t */
  dC?: Float32Array;
  /** [T, G*H] ∂L/∂(input-side pre-activation) */
  dPre: Float32Array;
  /** [T, I] */
  dX: Float32Array;
  grads: Weights;
}

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

/** out[r] = b1[r] + b2[r] + W[r, :] · v, rows r < rows (row-major W with `cols` columns). */
function matVec(
  out: Float32Array,
  w: Float32Array,
  v: Float32Array,
  vOff: number,
  rows: number,
  cols: number,
  bias: Float32Array,
): void {
  for (let r = 0; r < rows; r++) {
    let s = bias[r]!;
    const base = r * cols;
    for (let k = 0; k < cols; k++) s += w[base + k]! * v[vOff + k]!;
    out[r] = s;
  }
}

/** out[outOff + k] += Σ_r W[r, k] g[gOff + r]: the transpose product. */
function addMatTVec(
  out: Float32Array,
  outOff: number,
  w: Float32Array,
  g: Float32Array,
  gOff: number,
  rows: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const gr = g[gOff + r]!;
    if (gr === 0) continue;
    const base = r * cols;
    for (let k = 0; k < cols; k++) out[outOff + k]! += w[base + k]! * gr;
  }
}

/** out[k] += Σ_r WT[k, r] g[gOff + r], with WT = Wᵀ stored row-major [cols, rows]: the transpose product as dot products. */
function addMatTVecT(
  out: Float32Array,
  wT: Float32Array,
  g: Float32Array,
  gOff: number,
  rows: number,
  cols: number,
): void {
  for (let k = 0; k < cols; k++) {
    let s = 0;
    const base = k * rows;
    for (let r = 0; r < rows; r++) s += wT[base + r]! * g[gOff + r]!;
    out[k]! += s;
  }
}

/** dW[r, k] += g[gOff + r] v[vOff + k]. */
function addOuter(
  dW: Float32Array,
  g: Float32Array,
  gOff: number,
  rows: number,
  v: Float32Array,
  vOff: number,
  cols: number,
): void {
  for (let r = 0; r < rows; r++) {
    const gr = g[gOff + r]!;
    if (gr === 0) continue;
    const base = r * cols;
    for (let k = 0; k < cols; k++) dW[base + k]! += gr * v[vOff + k]!;
  }
}

/** ∂L/∂y for the masked mean MSE, plus y and L. */
function readout(spec: ModelSpec, w: Weights, seq: Sequence, h: Float32Array) {
  const { hiddenSize: H, outputSize: O } = spec;
  const T = seq.length;
  const y = new Float32Array(T * O);
  const dY = new Float32Array(T * O);
  let K = 0;
  for (let t = 0; t < T; t++) if (seq.mask[t]) K++;
  let loss = 0;
  for (let t = 0; t < T; t++) {
    for (let o = 0; o < O; o++) {
      let s = w.bOut[o]!;
      for (let j = 0; j < H; j++) s += w.wOut[o * H + j]! * h[t * H + j]!;
      y[t * O + o] = s;
      if (!seq.mask[t]) continue;
      const d = s - seq.targets[t * O + o]!;
      loss += (d * d) / (K * O);
      dY[t * O + o] = (2 * d) / (K * O);
    }
  }
  return { y, dY, loss };
}

export function loop32(spec: ModelSpec, w: Weights, seq: Sequence): Loop32Result {
  if (seq.loss !== 'mse') throw new Error('loop32 implements the MSE loss only');
  if (spec.cell === 'elman' && (spec.activation ?? 'tanh') !== 'tanh')
    throw new Error('loop32 implements the tanh Elman cell only');
  if (spec.cell === 'gru' && (spec.gruVariant ?? 'reset-after') !== 'reset-after')
    throw new Error('loop32 implements the reset-after GRU only');
  const { inputSize: I, hiddenSize: H, outputSize: O } = spec;
  const G = spec.cell === 'lstm' ? 4 : spec.cell === 'gru' ? 3 : 1;
  const GH = G * H;
  const T = seq.length;
  const x = seq.inputs;
  const h = new Float32Array(T * H);
  const c = spec.cell === 'lstm' ? new Float32Array(T * H) : undefined;
  const gates = new Float32Array(spec.cell === 'elman' ? 0 : T * GH);
  const hn = spec.cell === 'gru' ? new Float32Array(T * H) : undefined; // W_hn h + b_hn
  const xp = new Float32Array(GH);
  const hp = new Float32Array(GH);
  const zeros = new Float32Array(H);

  // ---- forward
  for (let t = 0; t < T; t++) {
    const hPrev = t > 0 ? h : zeros;
    const hOff = t > 0 ? (t - 1) * H : 0;
    matVec(xp, w.wIh, x, t * I, GH, I, w.bIh);
    matVec(hp, w.wHh, hPrev, hOff, GH, H, w.bHh);
    const o = t * H;
    if (spec.cell === 'elman') {
      for (let j = 0; j < H; j++) h[o + j] = Math.tanh(xp[j]! + hp[j]!);
    } else if (spec.cell === 'lstm') {
      const g0 = t * GH;
      for (let j = 0; j < H; j++) {
        const ig = sigmoid(xp[j]! + hp[j]!);
        const fg = sigmoid(xp[H + j]! + hp[H + j]!);
        const gg = Math.tanh(xp[2 * H + j]! + hp[2 * H + j]!);
        const og = sigmoid(xp[3 * H + j]! + hp[3 * H + j]!);
        const cp = t > 0 ? c![o - H + j]! : 0;
        const cn = fg * cp + ig * gg;
        c![o + j] = cn;
        h[o + j] = og * Math.tanh(cn);
        gates[g0 + j] = ig;
        gates[g0 + H + j] = fg;
        gates[g0 + 2 * H + j] = gg;
        gates[g0 + 3 * H + j] = og;
      }
    } else {
      const g0 = t * GH;
      for (let j = 0; j < H; j++) {
        const r = sigmoid(xp[j]! + hp[j]!);
        const z = sigmoid(xp[H + j]! + hp[H + j]!);
        const n = Math.tanh(xp[2 * H + j]! + r * hp[2 * H + j]!);
        hn![o + j] = hp[2 * H + j]!;
        h[o + j] = (1 - z) * n + z * hPrev[hOff + j]!;
        gates[g0 + j] = r;
        gates[g0 + H + j] = z;
        gates[g0 + 2 * H + j] = n;
      }
    }
  }
  const { y, dY, loss } = readout(spec, w, seq, h);

  // ---- backward
  const grads: Weights = {
    wIh: new Float32Array(GH * I),
    wHh: new Float32Array(GH * H),
    bIh: new Float32Array(GH),
    bHh: new Float32Array(GH),
    wOut: new Float32Array(O * H),
    bOut: new Float32Array(O),
  };
  const dH = new Float32Array(T * H);
  const dC = c ? new Float32Array(T * H) : undefined;
  const dPre = new Float32Array(T * GH);
  const dX = new Float32Array(T * I);
  const dB = new Float32Array(GH);
  // W_hhᵀ once, so ∂L/∂h_{t-1} = W_hhᵀ δ is a row of dot products.
  const wHhT = new Float32Array(H * GH);
  for (let r = 0; r < GH; r++) for (let k = 0; k < H; k++) wHhT[k * GH + r] = w.wHh[r * H + k]!; // GRU: gradient w.r.t. W_hh h + b_hh (differs from dPre in n)
  let dhNext = new Float32Array(H);
  let dhNextNew = new Float32Array(H);
  const dcNext = new Float32Array(H);
  for (let t = T - 1; t >= 0; t--) {
    const o = t * H;
    const p0 = t * GH;
    const hOff = t > 0 ? (t - 1) * H : 0;
    const hPrev = t > 0 ? h : zeros;
    // dh_t = readout part + what step t+1 sent back
    for (let k = 0; k < O; k++) {
      const d = dY[t * O + k]!;
      grads.bOut[k]! += d;
      for (let j = 0; j < H; j++) grads.wOut[k * H + j]! += d * h[o + j]!;
    }
    for (let j = 0; j < H; j++) {
      let s = dhNext[j]!;
      for (let k = 0; k < O; k++) s += w.wOut[k * H + j]! * dY[t * O + k]!;
      dH[o + j] = s;
    }
    dhNextNew.fill(0);
    let hSide: Float32Array = dPre;
    let hSideOff = p0;
    if (spec.cell === 'elman') {
      for (let j = 0; j < H; j++) {
        const hj = h[o + j]!;
        dPre[p0 + j] = dH[o + j]! * (1 - hj * hj);
      }
    } else if (spec.cell === 'lstm') {
      for (let j = 0; j < H; j++) {
        const ig = gates[p0 + j]!;
        const fg = gates[p0 + H + j]!;
        const gg = gates[p0 + 2 * H + j]!;
        const og = gates[p0 + 3 * H + j]!;
        const tc = Math.tanh(c![o + j]!);
        const dh = dH[o + j]!;
        const dc = dh * og * (1 - tc * tc) + dcNext[j]!;
        dC![o + j] = dc;
        const cp = t > 0 ? c![o - H + j]! : 0;
        dPre[p0 + j] = dc * gg * ig * (1 - ig);
        dPre[p0 + H + j] = dc * cp * fg * (1 - fg);
        dPre[p0 + 2 * H + j] = dc * ig * (1 - gg * gg);
        dPre[p0 + 3 * H + j] = dh * tc * og * (1 - og);
        dcNext[j] = dc * fg;
      }
    } else {
      for (let j = 0; j < H; j++) {
        const r = gates[p0 + j]!;
        const z = gates[p0 + H + j]!;
        const n = gates[p0 + 2 * H + j]!;
        const dh = dH[o + j]!;
        const dn = dh * (1 - z) * (1 - n * n);
        const dr = dn * hn![o + j]! * r * (1 - r);
        const dz = dh * (hPrev[hOff + j]! - n) * z * (1 - z);
        dPre[p0 + j] = dr;
        dPre[p0 + H + j] = dz;
        dPre[p0 + 2 * H + j] = dn;
        dB[j] = dr;
        dB[H + j] = dz;
        dB[2 * H + j] = dn * r;
        dhNextNew[j] = dh * z; // direct path through z ⊙ h_{t-1}
      }
      hSide = dB;
      hSideOff = 0;
    }
    // time-independent products, accumulated step by step
    addOuter(grads.wIh, dPre, p0, GH, x, t * I, I);
    addMatTVec(dX, t * I, w.wIh, dPre, p0, GH, I);
    for (let r = 0; r < GH; r++) {
      grads.bIh[r]! += dPre[p0 + r]!;
      grads.bHh[r]! += hSide[hSideOff + r]!;
    }
    if (t > 0) {
      addOuter(grads.wHh, hSide, hSideOff, GH, hPrev, hOff, H);
      addMatTVecT(dhNextNew, wHhT, hSide, hSideOff, GH, H);
    }
    [dhNext, dhNextNew] = [dhNextNew, dhNext];
  }
  return { h, c, gates, y, loss, dH, dC, dPre, dX, grads };
}
