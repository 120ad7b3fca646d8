/**
 * The fused recurrence as plain loops over typed arrays: the cpu and wasm implementation of the
 * kernels in contract.ts (layouts and blocks are documented there). Sums accumulate in JS
 * numbers (float64) and are stored as float32, as the op-by-op path stores its tensors.
 *
 * Each kernel walks the whole sequence in one call, so the per-timestep dispatch cost that
 * dominates small cells in TF.js disappears; the arithmetic is the same as src/engine/cells.
 */
import { type FusedAttrs, gateBlocks, gradBlocks, stateBlocks } from './contract';

const sigmoid = (x: number): number => 1 / (1 + Math.exp(-x));

/**
 * out[m] = Σ_{k<len} W[w0 + m·stride + k] · v[v0 + k] for m < rows: rows of a row-major matrix
 * (or a column range of them) times a vector.
 */
function matVec(
  out: Float64Array,
  W: Float32Array,
  w0: number,
  rows: number,
  stride: number,
  len: number,
  v: Float32Array,
  v0: number,
): void {
  for (let m = 0; m < rows; m++) {
    const r0 = w0 + m * stride;
    // Four independent partial sums keep the CPU's multiply-add units busy.
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    let k = 0;
    for (; k + 3 < len; k += 4) {
      s0 += W[r0 + k]! * v[v0 + k]!;
      s1 += W[r0 + k + 1]! * v[v0 + k + 1]!;
      s2 += W[r0 + k + 2]! * v[v0 + k + 2]!;
      s3 += W[r0 + k + 3]! * v[v0 + k + 3]!;
    }
    for (; k < len; k++) s0 += W[r0 + k]! * v[v0 + k]!;
    out[m] = s0 + s1 + s2 + s3;
  }
}

/** Wᵀ of a [rows, cols] matrix: backprop multiplies by W_hhᵀ, read row by row from this copy. */
function transpose(W: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let m = 0; m < rows; m++)
    for (let k = 0; k < cols; k++) out[k * rows + m] = W[m * cols + k]!;
  return out;
}

/** The what-if clamp at flat index i of the [T·B, G·H] masks: gate·keep + value. */
function clamp(v: number, i: number, keep?: Float32Array, value?: Float32Array): number {
  return keep ? v * keep[i]! + value![i]! : v;
}

export function fusedForwardLoop(
  a: FusedAttrs,
  xProj: Float32Array,
  wHh: Float32Array,
  bHh: Float32Array,
  keep?: Float32Array,
  value?: Float32Array,
): Float32Array {
  const { cell, T, B, H } = a;
  const TB = T * B;
  const GH = gateBlocks(cell) * H;
  const S = stateBlocks(cell);
  const out = new Float32Array(S * TB * H);
  /** Start of block s of row r in the block-major output. */
  const at = (s: number, r: number) => (s * TB + r) * H;
  const hBlock = S - 1; // h is the last block of every cell's state
  const zeros = new Float32Array(H);
  const pre = new Float64Array(GH);
  const rh = new Float32Array(H);
  /** pre[m] = xProj + b_hh + the recurrent product, for blocks where the bias sits outside. */
  const addInput = (x0: number, from: number, n: number) => {
    for (let m = from; m < from + n; m++) pre[m]! += xProj[x0 + m]! + bHh[m]!;
  };
  for (let t = 0; t < T; t++) {
    for (let b = 0; b < B; b++) {
      const r = t * B + b;
      const x0 = r * GH;
      // h_{t-1} (zeros before the first step) and, for the LSTM, c_{t-1}.
      const hp = t > 0 ? out : zeros;
      const hp0 = t > 0 ? at(hBlock, r - B) : 0;
      const cp0 = t > 0 ? at(4, r - B) : 0;
      const hOut = at(hBlock, r);
      if (cell === 'elman-tanh' || cell === 'elman-relu') {
        matVec(pre, wHh, 0, H, H, H, hp, hp0);
        addInput(x0, 0, H);
        for (let j = 0; j < H; j++) {
          out[hOut + j] = cell === 'elman-tanh' ? Math.tanh(pre[j]!) : Math.max(0, pre[j]!);
        }
      } else if (cell === 'lstm') {
        matVec(pre, wHh, 0, GH, H, H, hp, hp0);
        addInput(x0, 0, GH);
        const [i0, f0, g0, o0, c0] = [at(0, r), at(1, r), at(2, r), at(3, r), at(4, r)];
        for (let j = 0; j < H; j++) {
          const i = (out[i0 + j] = clamp(sigmoid(pre[j]!), x0 + j, keep, value));
          const f = (out[f0 + j] = clamp(sigmoid(pre[H + j]!), x0 + H + j, keep, value));
          const g = (out[g0 + j] = clamp(Math.tanh(pre[2 * H + j]!), x0 + 2 * H + j, keep, value));
          const o = (out[o0 + j] = clamp(sigmoid(pre[3 * H + j]!), x0 + 3 * H + j, keep, value));
          const cPrev = t > 0 ? out[cp0 + j]! : 0;
          const c = (out[c0 + j] = f * cPrev + i * g);
          out[hOut + j] = o * Math.tanh(c);
        }
      } else if (cell === 'gru-after') {
        matVec(pre, wHh, 0, GH, H, H, hp, hp0);
        addInput(x0, 0, 2 * H);
        const [r0, z0, n0, hn0] = [at(0, r), at(1, r), at(2, r), at(3, r)];
        for (let j = 0; j < H; j++) {
          const rr = (out[r0 + j] = clamp(sigmoid(pre[j]!), x0 + j, keep, value));
          const z = (out[z0 + j] = clamp(sigmoid(pre[H + j]!), x0 + H + j, keep, value));
          // reset-after: r scales the recurrent part only, so b_hn stays inside with it.
          const hn = (out[hn0 + j] = bHh[2 * H + j]! + pre[2 * H + j]!);
          const ni = x0 + 2 * H + j;
          const n = (out[n0 + j] = clamp(Math.tanh(xProj[ni]! + rr * hn), ni, keep, value));
          out[hOut + j] = n + z * (hp[hp0 + j]! - n);
        }
      } else {
        // gru-before: the candidate needs r at every unit first (W_n multiplies r ⊙ h_{t-1}).
        matVec(pre, wHh, 0, 2 * H, H, H, hp, hp0);
        addInput(x0, 0, 2 * H);
        const [r0, z0, n0] = [at(0, r), at(1, r), at(2, r)];
        for (let j = 0; j < H; j++) {
          out[r0 + j] = clamp(sigmoid(pre[j]!), x0 + j, keep, value);
          out[z0 + j] = clamp(sigmoid(pre[H + j]!), x0 + H + j, keep, value);
          rh[j] = out[r0 + j]! * hp[hp0 + j]!;
        }
        matVec(pre, wHh, 2 * H * H, H, H, H, rh, 0);
        for (let j = 0; j < H; j++) {
          const ni = x0 + 2 * H + j;
          const n = (out[n0 + j] = clamp(
            Math.tanh(xProj[ni]! + bHh[2 * H + j]! + pre[j]!),
            ni,
            keep,
            value,
          ));
          out[hOut + j] = n + out[z0 + j]! * (hp[hp0 + j]! - n);
        }
      }
    }
  }
  return out;
}

/** A clamped gate's slope factor: 0 where held, 1 where free (no masks: always 1). */
function free(keep: Float32Array | undefined, i: number): number {
  return keep ? keep[i]! : 1;
}

export function fusedBackwardLoop(
  a: FusedAttrs,
  state: Float32Array,
  dHout: Float32Array,
  wHh: Float32Array,
  keep?: Float32Array,
): Float32Array {
  const { cell, T, B, H } = a;
  const TB = T * B;
  const GH = gateBlocks(cell) * H;
  const hBlock = stateBlocks(cell) - 1;
  const out = new Float32Array(gradBlocks(cell) * TB * H);
  /** Start of block s of row r in the block-major state and gradient arrays. */
  const at = (s: number, r: number) => (s * TB + r) * H;
  const dh = new Float64Array(H);
  const tmp = new Float64Array(H);
  /** Step t+1's hidden-side pre-activation gradients, gathered contiguous for the product. */
  const v = new Float32Array(GH);
  const wT = transpose(wHh, GH, H); // [H, G·H]: row k of W_hhᵀ
  /** h_{t-1} of the current row (zeros before the first step). */
  const hPrev = new Float32Array(H);
  /** gru-before: ∂L/∂(r ⊙ h_{t-1}) of the step just processed, per batch row */
  const drh = new Float64Array(B * H);
  for (let t = T - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) {
      const r = t * B + b;
      const x0 = r * GH; // index base of the clamp masks
      const hasNext = t < T - 1;
      const nx = r + B; // row of step t+1
      if (t > 0) hPrev.set(state.subarray(at(hBlock, r - B), at(hBlock, r - B) + H));
      else hPrev.fill(0);
      // ∂L/∂h_t: the readout's share, then what flows back from step t+1 through W_hhᵀ ...
      for (let j = 0; j < H; j++) dh[j] = dHout[r * H + j]!;
      if (hasNext) {
        if (cell === 'lstm' || cell === 'elman-tanh' || cell === 'elman-relu') {
          const first = cell === 'lstm' ? 2 : 1; // pre-activation blocks of the gradient row
          for (let g = 0; g < GH / H; g++)
            v.set(out.subarray(at(first + g, nx), at(first + g, nx) + H), g * H);
        } else {
          const [r1, z1, n1] = [at(1, nx), at(2, nx), at(3, nx)];
          const rNext = at(0, nx);
          for (let j = 0; j < H; j++) {
            v[j] = out[r1 + j]!;
            v[H + j] = out[z1 + j]!;
            // reset-after: the hidden side of n is r ⊙ (W_hn h + b_hn)
            v[2 * H + j] = out[n1 + j]! * state[rNext + j]!;
          }
        }
        const len = cell === 'gru-before' ? 2 * H : GH;
        matVec(tmp, wT, 0, H, GH, len, v, 0);
        for (let j = 0; j < H; j++) dh[j] += tmp[j]!;
      }
      const [s0, s1, s2, s3, s4] = [at(0, r), at(1, r), at(2, r), at(3, r), at(4, r)];
      const [g0, g1, g2, g3, g4, g5] = [at(0, r), at(1, r), at(2, r), at(3, r), at(4, r), at(5, r)];
      if (cell === 'elman-tanh' || cell === 'elman-relu') {
        for (let j = 0; j < H; j++) {
          const h = state[s0 + j]!;
          out[g0 + j] = dh[j]!;
          out[g1 + j] = dh[j]! * (cell === 'elman-tanh' ? 1 - h * h : h > 0 ? 1 : 0);
        }
      } else if (cell === 'lstm') {
        const dcNext = at(1, nx);
        const fNext = at(1, nx);
        const cPrev0 = at(4, r - B);
        for (let j = 0; j < H; j++) {
          const i = state[s0 + j]!;
          const f = state[s1 + j]!;
          const g = state[s2 + j]!;
          const o = state[s3 + j]!;
          const tc = Math.tanh(state[s4 + j]!);
          // ∂L/∂c_t: through h_t = o ⊙ tanh(c_t), plus the cell-state path from step t+1
          const fromNext = hasNext ? out[dcNext + j]! * state[fNext + j]! : 0;
          const dc = dh[j]! * o * (1 - tc * tc) + fromNext;
          const cPrev = t > 0 ? state[cPrev0 + j]! : 0;
          out[g0 + j] = dh[j]!;
          out[g1 + j] = dc;
          out[g2 + j] = dc * g * i * (1 - i) * free(keep, x0 + j);
          out[g3 + j] = dc * cPrev * f * (1 - f) * free(keep, x0 + H + j);
          out[g4 + j] = dc * i * (1 - g * g) * free(keep, x0 + 2 * H + j);
          out[g5 + j] = dh[j]! * tc * o * (1 - o) * free(keep, x0 + 3 * H + j);
        }
      } else {
        const after = cell === 'gru-after';
        if (hasNext) {
          // ... plus the direct paths: z keeps h_{t-1}; reset-before also r ⊙ h_{t-1}.
          const [dhNext, rNext, zNext] = [at(0, nx), at(0, nx), at(1, nx)];
          for (let j = 0; j < H; j++) {
            dh[j] += out[dhNext + j]! * state[zNext + j]!;
            if (!after) dh[j] += drh[b * H + j]! * state[rNext + j]!;
          }
        }
        for (let j = 0; j < H; j++) {
          const rr = state[s0 + j]!;
          const z = state[s1 + j]!;
          const n = state[s2 + j]!;
          const dAn = dh[j]! * (1 - z) * (1 - n * n) * free(keep, x0 + 2 * H + j);
          out[g0 + j] = dh[j]!;
          out[g2 + j] = dh[j]! * (hPrev[j]! - n) * z * (1 - z) * free(keep, x0 + H + j);
          out[g3 + j] = dAn;
          if (after) out[g1 + j] = dAn * state[s3 + j]! * rr * (1 - rr) * free(keep, x0 + j);
        }
        if (!after) {
          // ∂L/∂(r ⊙ h_{t-1}) = W_hnᵀ dA_n: columns 2H..3H of W_hhᵀ
          matVec(tmp, wT, 2 * H, H, GH, H, out, g3);
          for (let j = 0; j < H; j++) {
            const rr = state[s0 + j]!;
            drh[b * H + j] = tmp[j]!;
            out[g1 + j] = tmp[j]! * hPrev[j]! * rr * (1 - rr) * free(keep, x0 + j);
          }
        }
      }
    }
  }
  return out;
}
