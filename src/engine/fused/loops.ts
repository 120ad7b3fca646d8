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

/** out[m] = Σ_k W[(row0 + m)·H + k] · v[v0 + k] for m < rows: a block of rows of W times v. */
function matVec(
  out: Float64Array,
  W: Float32Array,
  row0: number,
  rows: number,
  H: number,
  v: Float32Array,
  v0: number,
): void {
  for (let m = 0; m < rows; m++) {
    const w0 = (row0 + m) * H;
    // Four independent partial sums keep the CPU's multiply-add units busy.
    let s0 = 0,
      s1 = 0,
      s2 = 0,
      s3 = 0;
    let k = 0;
    for (; k + 3 < H; k += 4) {
      s0 += W[w0 + k]! * v[v0 + k]!;
      s1 += W[w0 + k + 1]! * v[v0 + k + 1]!;
      s2 += W[w0 + k + 2]! * v[v0 + k + 2]!;
      s3 += W[w0 + k + 3]! * v[v0 + k + 3]!;
    }
    for (; k < H; k++) s0 += W[w0 + k]! * v[v0 + k]!;
    out[m] = s0 + s1 + s2 + s3;
  }
}

/** out[k] += Σ_m W[(row0 + m)·H + k] · v[m] for m < rows: a block of Wᵀ times v. */
function matTVecAdd(
  out: Float64Array,
  W: Float32Array,
  row0: number,
  rows: number,
  H: number,
  v: Float32Array | Float64Array,
  v0: number,
): void {
  for (let m = 0; m < rows; m++) {
    const vm = v[v0 + m]!;
    if (vm === 0) continue;
    const w0 = (row0 + m) * H;
    for (let k = 0; k < H; k++) out[k] += W[w0 + k]! * vm;
  }
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
  const cl = (v: number, i: number) => clamp(v, i, keep, value);
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
        matVec(pre, wHh, 0, H, H, hp, hp0);
        addInput(x0, 0, H);
        for (let j = 0; j < H; j++) {
          out[hOut + j] = cell === 'elman-tanh' ? Math.tanh(pre[j]!) : Math.max(0, pre[j]!);
        }
      } else if (cell === 'lstm') {
        matVec(pre, wHh, 0, GH, H, hp, hp0);
        addInput(x0, 0, GH);
        const [i0, f0, g0, o0, c0] = [at(0, r), at(1, r), at(2, r), at(3, r), at(4, r)];
        for (let j = 0; j < H; j++) {
          const i = (out[i0 + j] = cl(sigmoid(pre[j]!), x0 + j));
          const f = (out[f0 + j] = cl(sigmoid(pre[H + j]!), x0 + H + j));
          const g = (out[g0 + j] = cl(Math.tanh(pre[2 * H + j]!), x0 + 2 * H + j));
          const o = (out[o0 + j] = cl(sigmoid(pre[3 * H + j]!), x0 + 3 * H + j));
          const cPrev = t > 0 ? out[cp0 + j]! : 0;
          const c = (out[c0 + j] = f * cPrev + i * g);
          out[hOut + j] = o * Math.tanh(c);
        }
      } else if (cell === 'gru-after') {
        matVec(pre, wHh, 0, GH, H, hp, hp0);
        addInput(x0, 0, 2 * H);
        const [r0, z0, n0, hn0] = [at(0, r), at(1, r), at(2, r), at(3, r)];
        for (let j = 0; j < H; j++) {
          const rr = (out[r0 + j] = cl(sigmoid(pre[j]!), x0 + j));
          const z = (out[z0 + j] = cl(sigmoid(pre[H + j]!), x0 + H + j));
          // reset-after: r scales the recurrent part only, so b_hn stays inside with it.
          const hn = (out[hn0 + j] = bHh[2 * H + j]! + pre[2 * H + j]!);
          const ni = x0 + 2 * H + j;
          const n = (out[n0 + j] = cl(Math.tanh(xProj[ni]! + rr * hn), ni));
          out[hOut + j] = n + z * (hp[hp0 + j]! - n);
        }
      } else {
        // gru-before: the candidate needs r at every unit first (W_n multiplies r ⊙ h_{t-1}).
        matVec(pre, wHh, 0, 2 * H, H, hp, hp0);
        addInput(x0, 0, 2 * H);
        const [r0, z0, n0] = [at(0, r), at(1, r), at(2, r)];
        for (let j = 0; j < H; j++) {
          out[r0 + j] = cl(sigmoid(pre[j]!), x0 + j);
          out[z0 + j] = cl(sigmoid(pre[H + j]!), x0 + H + j);
          rh[j] = out[r0 + j]! * hp[hp0 + j]!;
        }
        matVec(pre, wHh, 2 * H, H, H, rh, 0);
        for (let j = 0; j < H; j++) {
          const ni = x0 + 2 * H + j;
          const n = (out[n0 + j] = cl(Math.tanh(xProj[ni]! + bHh[2 * H + j]! + pre[j]!), ni));
          out[hOut + j] = n + out[z0 + j]! * (hp[hp0 + j]! - n);
        }
      }
    }
  }
  return out;
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
  const st = (s: number, r: number, j: number) => state[at(s, r) + j]!;
  const dh = new Float64Array(H);
  const v = new Float64Array(GH);
  /** gru-before: ∂L/∂(r ⊙ h_{t-1}) of the step just processed, per batch row */
  const drh = new Float64Array(B * H);
  const tmp = new Float64Array(H);
  const k = (i: number) => (keep ? keep[i]! : 1);
  for (let t = T - 1; t >= 0; t--) {
    for (let b = 0; b < B; b++) {
      const r = t * B + b;
      const x0 = r * GH; // index base of the clamp masks
      const hasNext = t < T - 1;
      const nx = r + B; // row of step t+1
      const hPrev = (j: number) => (t > 0 ? st(hBlock, r - B, j) : 0);
      // ∂L/∂h_t: the readout's share, then (below) what flows back from step t+1.
      for (let j = 0; j < H; j++) dh[j] = dHout[r * H + j]!;
      if (hasNext && (cell === 'elman-tanh' || cell === 'elman-relu' || cell === 'lstm')) {
        // W_hhᵀ times step t+1's pre-activation gradients (blocks 1.. of elman, 2.. of lstm)
        const first = cell === 'lstm' ? 2 : 1;
        for (let g = 0; g < GH / H; g++) matTVecAdd(dh, wHh, g * H, H, H, out, at(first + g, nx));
      }
      if (cell === 'elman-tanh' || cell === 'elman-relu') {
        for (let j = 0; j < H; j++) {
          const h = st(0, r, j);
          out[at(0, r) + j] = dh[j]!;
          out[at(1, r) + j] = dh[j]! * (cell === 'elman-tanh' ? 1 - h * h : h > 0 ? 1 : 0);
        }
      } else if (cell === 'lstm') {
        for (let j = 0; j < H; j++) {
          const i = st(0, r, j);
          const f = st(1, r, j);
          const g = st(2, r, j);
          const o = st(3, r, j);
          const tc = Math.tanh(st(4, r, j));
          const fromNext = hasNext ? out[at(1, nx) + j]! * st(1, nx, j) : 0;
          const dc = dh[j]! * o * (1 - tc * tc) + fromNext;
          const cPrev = t > 0 ? st(4, r - B, j) : 0;
          out[at(0, r) + j] = dh[j]!;
          out[at(1, r) + j] = dc;
          out[at(2, r) + j] = dc * g * i * (1 - i) * k(x0 + j);
          out[at(3, r) + j] = dc * cPrev * f * (1 - f) * k(x0 + H + j);
          out[at(4, r) + j] = dc * i * (1 - g * g) * k(x0 + 2 * H + j);
          out[at(5, r) + j] = dh[j]! * tc * o * (1 - o) * k(x0 + 3 * H + j);
        }
      } else {
        const after = cell === 'gru-after';
        if (hasNext) {
          // Through step t+1's gates: W_hhᵀ (hidden-side pre-activation gradients) ...
          for (let j = 0; j < H; j++) {
            v[j] = out[at(1, nx) + j]!;
            v[H + j] = out[at(2, nx) + j]!;
            if (after) v[2 * H + j] = out[at(3, nx) + j]! * st(0, nx, j);
          }
          matTVecAdd(dh, wHh, 0, after ? GH : 2 * H, H, v, 0);
          // ... plus the direct paths: z keeps h_{t-1}; reset-before also r ⊙ h_{t-1}.
          for (let j = 0; j < H; j++) {
            dh[j] += out[at(0, nx) + j]! * st(1, nx, j);
            if (!after) dh[j] += drh[b * H + j]! * st(0, nx, j);
          }
        }
        for (let j = 0; j < H; j++) {
          const rr = st(0, r, j);
          const z = st(1, r, j);
          const n = st(2, r, j);
          const dAn = dh[j]! * (1 - z) * (1 - n * n) * k(x0 + 2 * H + j);
          out[at(0, r) + j] = dh[j]!;
          out[at(2, r) + j] = dh[j]! * (hPrev(j) - n) * z * (1 - z) * k(x0 + H + j);
          out[at(3, r) + j] = dAn;
          if (after) out[at(1, r) + j] = dAn * st(3, r, j) * rr * (1 - rr) * k(x0 + j);
        }
        if (!after) {
          tmp.fill(0);
          matTVecAdd(tmp, wHh, 2 * H, H, H, out, at(3, r));
          for (let j = 0; j < H; j++) {
            const rr = st(0, r, j);
            drh[b * H + j] = tmp[j]!;
            out[at(1, r) + j] = tmp[j]! * hPrev(j) * rr * (1 - rr) * k(x0 + j);
          }
        }
      }
    }
  }
  return out;
}
