/**
 * ∂L/∂W_hh and ∂L/∂b_hh summed over every step and batch row, from the fused kernels' state
 * and gradient rows: the cpu/wasm implementation of FUSED_WEIGHT_GRADS (contract.ts).
 *
 * On these backends TF.js's generic matMul of a transposed [T·B, G·H] operand was the slowest
 * op of a training update (44 ms of ~140 at T = 100, B = 32, H = 32 on cpu); here it is one
 * SIMD product per gate block over all rows, reading the gradient blocks where they lie.
 */
import { type FusedAttrs, gateBlocks, gradBlocks, stateBlocks } from './contract';
import { arena } from './simd';

/**
 * Per gate block g, the rows A_g (∂L/∂ the hidden-side pre-activation) and the rows they meet,
 * X_g (what W_hh multiplies): W_hh's block g gets Σ_r A_g[r] ⊗ X_g[r], b_hh's Σ_r A_g[r].
 * A source is a gradient block, times a state block when the hidden side is gated;
 * X is h_{t-1}, or r ⊙ h_{t-1} for the reset-before candidate.
 */
function sources(a: FusedAttrs): { grad: number; times?: number; resetInput?: boolean }[] {
  if (a.cell === 'lstm') return [2, 3, 4, 5].map((grad) => ({ grad }));
  if (a.cell === 'elman-tanh' || a.cell === 'elman-relu') return [{ grad: 1 }];
  // gru: dA_r, dA_z, dA_n; reset-after's hidden side of n is r ⊙ (W_hn h + b_hn).
  if (a.cell === 'gru-after') return [{ grad: 1 }, { grad: 2 }, { grad: 3, times: 0 }];
  return [{ grad: 1 }, { grad: 2 }, { grad: 3, resetInput: true }];
}

/** Returns [G·H + G, H]: the G·H rows of ∂L/∂W_hh, then ∂L/∂b_hh as G rows of H. */
export function fusedWeightGradLoop(
  a: FusedAttrs,
  state: Float32Array,
  grad: Float32Array,
): Float32Array {
  const { cell, T, B, H } = a;
  const TB = T * B;
  const G = gateBlocks(cell);
  const GH = G * H;
  const hAt = (stateBlocks(cell) - 1) * TB * H;
  const { f, gemm, offsets } = arena([gradBlocks(cell) * TB * H, TB * H, TB * H, TB * H, GH * H]);
  const [GRAD, HS, A, X, OUT] = offsets as [number, number, number, number, number];
  f.set(grad, GRAD);
  f.set(state.subarray(hAt, hAt + TB * H), HS);
  const bias = new Float64Array(GH);
  sources(a).forEach((src, g) => {
    let rows = GRAD + src.grad * TB * H;
    if (src.times !== undefined) {
      const s0 = src.times * TB * H;
      for (let i = 0; i < TB * H; i++) f[A + i] = f[rows + i]! * state[s0 + i]!;
      rows = A;
    }
    let xs = HS; // X[r] = h_{r-B}: rows of h, one step earlier
    if (src.resetInput) {
      // r_t ⊙ h_{t-1} for t ≥ 1, stored at row r - B like h_{t-1}
      for (let i = 0; i < (TB - B) * H; i++) f[X + i] = state[B * H + i]! * f[HS + i]!;
      xs = X;
    }
    for (let r = 0; r < TB; r++)
      for (let m = 0; m < H; m++) bias[g * H + m]! += f[rows + r * H + m]!;
    // Σ_{r ≥ B} A_g[r, m] · X[r - B, n]: Aᵀ runs down the rows (stride H), k = r - B.
    gemm(rows + B * H, 1, H, xs, H, OUT + g * H * H, H, H, H, TB - B, false);
  });
  const out = new Float32Array(GH * H + GH);
  out.set(f.subarray(OUT, OUT + GH * H));
  out.set(bias, GH * H);
  return out;
}
