/**
 * The fused recurrence as loops over typed arrays: the cpu and wasm implementation of the
 * kernels in contract.ts (layouts and blocks are documented there).
 *
 * Each kernel walks the whole sequence in one call, so the per-timestep dispatch that dominates
 * small cells in TF.js disappears. Within a step the B rows of the batch go together: the
 * recurrent product of all of them is one matrix product, and sigmoid and tanh run over whole
 * gate blocks (simd.ts: WebAssembly SIMD where available); JS combines the gates and applies
 * the clamps. The arithmetic is the same as src/engine/cells; products sum in float32, as
 * TF.js's matMul does.
 */
import { type FusedAttrs, gateBlocks, gradBlocks, stateBlocks } from './contract';
import { arena } from './simd';
import { PROGRESS_EVERY, reportStep } from '../progress';

/** The what-if clamp at flat index i of the [T·B, G·H] masks: gate·keep + value. */
function clamp(v: number, i: number, keep?: Float32Array, value?: Float32Array): number {
  return keep ? v * keep[i]! + value![i]! : v;
}

/** A clamped gate's slope factor: 0 where held, 1 where free (no masks: always 1). */
function free(keep: Float32Array | undefined, i: number): number {
  return keep ? keep[i]! : 1;
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
  const N = TB * H; // floats per output block
  const GH = gateBlocks(cell) * H;
  const S = stateBlocks(cell);
  const { f, gemm, sigmoid, tanh, offsets } = arena([S * N, H * GH, B * GH, B * H, B * H, H]);
  const [OUT, WT, PRE, TMP, PRE2, ZERO] = offsets as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  f.fill(0, ZERO, ZERO + H); // h_{-1} and c_{-1}
  // W_hhᵀ, [H, G·H]: the step's product is then h_{t-1}[B, H] · W_hhᵀ, rows of B at a time.
  for (let m = 0; m < GH; m++) for (let k = 0; k < H; k++) f[WT + k * GH + m] = wHh[m * H + k]!;
  const hOf = (S - 1) * N; // h is the last block of every cell's state
  // The gru candidates get their products separately: reset-after keeps b_hn inside r ⊙ (…),
  // reset-before multiplies r ⊙ h_{t-1}, known only after r.
  const gru = cell === 'gru-after' || cell === 'gru-before';
  const outside = gru ? 2 * H : GH; // columns where x-side and b_hh simply add
  const N1 = cell === 'gru-before' ? 2 * H : GH;
  for (let t = 0; t < T; t++) {
    if (t % PROGRESS_EVERY === 0) reportStep(t, T, false);
    // Rows of h_{t-1} (zeros at t = 0: every row reads the zero row, stride 0).
    const hRows = t > 0 ? OUT + hOf + (t - 1) * B * H : ZERO;
    const hStride = t > 0 ? H : 0;
    const step = OUT + t * B * H; // this step's rows, block 0
    gemm(hRows, hStride, 1, WT, GH, PRE, GH, B, N1, H, false);
    for (let b = 0; b < B; b++) {
      const p = PRE + b * GH;
      const x0 = (t * B + b) * GH;
      for (let m = 0; m < outside; m++) f[p + m] += xProj[x0 + m]! + bHh[m]!;
      // the gates' nonlinearities, in place: lstm i f | g | o, gru r z
      if (cell === 'lstm') {
        sigmoid(p, 2 * H);
        tanh(p + 2 * H, H);
        sigmoid(p + 3 * H, H);
      } else if (gru) sigmoid(p, 2 * H);
    }
    if (cell === 'elman-tanh' || cell === 'elman-relu') {
      if (cell === 'elman-tanh') {
        tanh(PRE, B * H);
        f.copyWithin(step, PRE, PRE + B * H);
      } else for (let i = 0; i < B * H; i++) f[step + i] = Math.max(0, f[PRE + i]!);
      continue;
    }
    for (let b = 0; b < B; b++) {
      const x0 = (t * B + b) * GH; // row of xProj and of the clamp masks
      const p = PRE + b * GH; // activations of this row
      const out = step + b * H; // block k of this row: out + k·N
      const hp = hRows + b * hStride; // h_{t-1} of this row
      // what-if clamps hold gates at a value, gate·keep + value (the gru candidate's below)
      for (let j = 0; keep && j < outside; j++)
        f[p + j] = f[p + j]! * keep[x0 + j]! + value![x0 + j]!;
      if (cell === 'lstm') {
        const cp = t > 0 ? out + 4 * N - B * H : ZERO;
        for (let j = 0; j < H; j++) {
          const [i, fg, g] = [f[p + j]!, f[p + H + j]!, f[p + 2 * H + j]!];
          f[out + j] = i;
          f[out + N + j] = fg;
          f[out + 2 * N + j] = g;
          f[out + 3 * N + j] = f[p + 3 * H + j]!;
          f[out + 4 * N + j] = fg * f[cp + j]! + i * g;
        }
        continue;
      }
      for (let j = 0; j < H; j++) {
        f[out + j] = f[p + j]!; // r
        f[out + N + j] = f[p + H + j]!; // z
        // the candidate's pre-activation: reset-after r ⊙ (W_hn h + b_hn) + x-side; reset-before
        // needs r ⊙ h_{t-1} of every row first, for its own product (below)
        if (cell === 'gru-before') f[TMP + b * H + j] = f[p + j]! * f[hp + j]!;
        else {
          const hn = (f[out + 3 * N + j] = bHh[2 * H + j]! + f[p + 2 * H + j]!);
          f[TMP + b * H + j] = xProj[x0 + 2 * H + j]! + f[p + j]! * hn;
        }
      }
    }
    if (cell === 'lstm') {
      // h = o ⊙ tanh(c) for the batch: tanh of the step's c rows, copied
      f.copyWithin(TMP, step + 4 * N, step + 4 * N + B * H);
      tanh(TMP, B * H);
      for (let i = 0; i < B * H; i++) f[step + 5 * N + i] = f[step + 3 * N + i]! * f[TMP + i]!;
      continue;
    }
    let cand = TMP;
    if (cell === 'gru-before') {
      // W_hn (r ⊙ h_{t-1}) for the batch: columns 2H..3H of W_hhᵀ, then x-side and b_hn.
      gemm(TMP, H, 1, WT + 2 * H, GH, PRE2, H, B, H, H, false);
      for (let b = 0; b < B; b++) {
        const x0 = (t * B + b) * GH + 2 * H;
        for (let j = 0; j < H; j++) f[PRE2 + b * H + j] += xProj[x0 + j]! + bHh[2 * H + j]!;
      }
      cand = PRE2;
    }
    tanh(cand, B * H);
    const hAt = step + hOf; // this step's h rows
    for (let b = 0; b < B; b++) {
      const out = step + b * H;
      const hp = hRows + b * hStride;
      const ni = (t * B + b) * GH + 2 * H;
      for (let j = 0; j < H; j++) {
        const n = (f[out + 2 * N + j] = clamp(f[cand + b * H + j]!, ni + j, keep, value));
        f[hAt + b * H + j] = n + f[out + N + j]! * (f[hp + j]! - n);
      }
    }
  }
  return f.slice(OUT, OUT + S * N);
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
  const N = TB * H; // floats per block, in the state and in the gradient
  const G = gateBlocks(cell);
  const GH = G * H;
  const hOf = (stateBlocks(cell) - 1) * N;
  const D = gradBlocks(cell);
  const lstm = cell === 'lstm';
  const { f, gemm, tanh, offsets } = arena([D * N, GH * H, B * GH, B * H, B * H, lstm ? N : 0]);
  const [OUT, W, V, DH, DRH, TC] = offsets as [number, number, number, number, number, number];
  f.set(wHh, W); // [G·H, H]: the step's ∂L/∂h_t gets (∂L/∂pre_{t+1})[B, G·H] · W_hh
  if (lstm) {
    f.set(state.subarray(4 * N, 5 * N), TC); // tanh(c_t) of every row, in one call
    tanh(TC, N);
  }
  const after = cell === 'gru-after';
  for (let t = T - 1; t >= 0; t--) {
    if (t % PROGRESS_EVERY === 0) reportStep(t, T, true);
    const hasNext = t < T - 1;
    const next = OUT + (t + 1) * B * H; // gradient rows of step t+1, block 0
    // ∂L/∂h_t of the batch: the readout's share, then what flows back from step t+1 ...
    f.set(dHout.subarray(t * B * H, (t + 1) * B * H), DH);
    if (hasNext && (cell === 'lstm' || cell === 'elman-tanh' || cell === 'elman-relu')) {
      // ... through W_hhᵀ: the gate blocks of step t+1 are [B, H] runs of the gradient.
      const first = cell === 'lstm' ? 2 : 1;
      for (let g = 0; g < G; g++)
        gemm(next + (first + g) * N, H, 1, W + g * H * H, H, DH, H, B, H, H, true);
    } else if (hasNext) {
      for (let b = 0; b < B; b++) {
        const v = V + b * GH;
        const row = next + b * H;
        const rNext = (t + 1) * B * H + b * H; // r_{t+1} in the state
        for (let j = 0; j < H; j++) {
          f[v + j] = f[row + N + j]!;
          f[v + H + j] = f[row + 2 * N + j]!;
          // reset-after: the hidden side of n is r ⊙ (W_hn h + b_hn)
          f[v + 2 * H + j] = f[row + 3 * N + j]! * state[rNext + j]!;
        }
      }
      const len = after ? GH : 2 * H; // reset-before: W_hn acts on r ⊙ h_{t-1} (below)
      gemm(V, GH, 1, W, H, DH, H, B, H, len, true);
    }
    for (let b = 0; b < B; b++) {
      const r = t * B + b;
      const x0 = r * GH; // index base of the clamp masks
      const dh = DH + b * H;
      const s = r * H; // this row's block 0 in the state; block k at s + k·N
      const g = OUT + r * H; // and in the gradient
      const hp = hOf + s - B * H; // h_{t-1} in the state, read only when t > 0
      if (cell === 'elman-tanh' || cell === 'elman-relu') {
        for (let j = 0; j < H; j++) {
          const h = state[s + j]!;
          f[g + j] = f[dh + j]!;
          f[g + N + j] = f[dh + j]! * (cell === 'elman-tanh' ? 1 - h * h : h > 0 ? 1 : 0);
        }
      } else if (cell === 'lstm') {
        for (let j = 0; j < H; j++) {
          const i = state[s + j]!;
          const fg = state[s + N + j]!;
          const gg = state[s + 2 * N + j]!;
          const o = state[s + 3 * N + j]!;
          const tc = f[TC + s + j]!;
          const dH = f[dh + j]!;
          // ∂L/∂c_t: through h_t = o ⊙ tanh(c_t), plus the cell-state path from step t+1
          const fromNext = hasNext ? f[g + B * H + N + j]! * state[s + B * H + N + j]! : 0;
          const dc = dH * o * (1 - tc * tc) + fromNext;
          const cPrev = t > 0 ? state[s - B * H + 4 * N + j]! : 0;
          f[g + j] = dH;
          f[g + N + j] = dc;
          f[g + 2 * N + j] = dc * gg * i * (1 - i) * free(keep, x0 + j);
          f[g + 3 * N + j] = dc * cPrev * fg * (1 - fg) * free(keep, x0 + H + j);
          f[g + 4 * N + j] = dc * i * (1 - gg * gg) * free(keep, x0 + 2 * H + j);
          f[g + 5 * N + j] = dH * tc * o * (1 - o) * free(keep, x0 + 3 * H + j);
        }
      } else {
        for (let j = 0; j < H; j++) {
          let dH = f[dh + j]!;
          if (hasNext) {
            // ... plus the direct paths: z keeps h_{t-1}; reset-before also r ⊙ h_{t-1}.
            dH += f[g + B * H + j]! * state[s + B * H + N + j]!;
            if (!after) dH += f[DRH + b * H + j]! * state[s + B * H + j]!;
          }
          const rr = state[s + j]!;
          const z = state[s + N + j]!;
          const n = state[s + 2 * N + j]!;
          const hPrev = t > 0 ? state[hp + j]! : 0;
          const dAn = dH * (1 - z) * (1 - n * n) * free(keep, x0 + 2 * H + j);
          f[g + j] = dH;
          f[g + 2 * N + j] = dH * (hPrev - n) * z * (1 - z) * free(keep, x0 + H + j);
          f[g + 3 * N + j] = dAn;
          if (after)
            f[g + N + j] = dAn * state[s + 3 * N + j]! * rr * (1 - rr) * free(keep, x0 + j);
        }
      }
    }
    if (cell !== 'gru-before') continue;
    // ∂L/∂(r ⊙ h_{t-1}) = dA_n · W_hn for the batch (kept for step t-1's direct path), then dA_r.
    gemm(OUT + t * B * H + 3 * N, H, 1, W + 2 * H * H, H, DRH, H, B, H, H, false);
    for (let b = 0; b < B; b++) {
      const r = t * B + b;
      for (let j = 0; j < H; j++) {
        const rr = state[r * H + j]!;
        const hPrev = t > 0 ? state[hOf + (r - B) * H + j]! : 0;
        f[OUT + r * H + N + j] =
          f[DRH + b * H + j]! * hPrev * rr * (1 - rr) * free(keep, r * GH + j);
      }
    }
  }
  return f.slice(OUT, OUT + D * N);
}
