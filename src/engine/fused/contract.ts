/**
 * The fused recurrence kernels: what goes in, what comes out, shared by every backend's
 * implementation (cpu/wasm: a loop over typed arrays; webgl: one shader program per step).
 *
 * Two kernels per cell kind, registered with tf.registerKernel under the names below:
 *   forward  — runs the whole recurrence and returns every step's state row;
 *   backward — backprop through time over those rows, returning every step's gradient row.
 * Everything time-independent (input projection, readout, weight gradients, ∂L/∂x) stays
 * outside as a handful of batched TF.js ops, so per timestep only the recurrence is dispatched.
 *
 * Layout: time-major rows, row r = t·B + b. Weights in PyTorch layout: wHh is [G·H, H]
 * (row j of block g multiplies h_{t-1}), bHh is [G·H]; blocks in the cell's gate order
 * (lstm: input forget candidate output; gru: reset update candidate; elman: one block).
 *
 * Forward inputs:  xProj [T·B, G·H] = W_ih x_t + b_ih (no b_hh: the kernel adds it where the
 *                  equations put it), wHh, bHh, and when attrs.clamped: keep, value [T·B, G·H]
 *                  (gate ← gate·keep + value, the what-if clamp of interventions.ts).
 * Outputs are block-major: block s of every step is one contiguous [T·B, H] run of rows, so a
 * gate's whole sequence is a contiguous row range (a cheap slice on every backend).
 * Forward output:  state [S·T·B, H]; rows s·T·B + r hold block s of row r. Blocks:
 *   elman-*     : h                       (S = 1)
 *   lstm        : i f g o c h             (S = 6)
 *   gru-after   : r z n hn h              (S = 5; hn = W_hn h_{t-1} + b_hn)
 *   gru-before  : r z n h                 (S = 4)
 * Backward inputs: state (as above), dHout [T·B, H] = ∂L/∂h_t through the readout only,
 *                  wHh, and when attrs.clamped: keep (a clamped gate has zero slope).
 * Backward output: grad [D·T·B, H], block-major like state. Blocks:
 *   elman-*     : dh da                   (D = 2; da = ∂L/∂pre-activation)
 *   lstm        : dh dc dA_i dA_f dA_g dA_o   (D = 6)
 *   gru-*       : dh dA_r dA_z dA_n       (D = 4; ∂L/∂ input-side pre-activations)
 * dh is the total ∂L/∂h_t (readout at t plus every later step), dc the total ∂L/∂c_t.
 *
 * A third kernel, on cpu and wasm only (where TF.js's generic matMul is the slow part), sums
 * the recurrent weight gradients from the same rows:
 * Weight grads inputs: state, grad (as above). Output [G·H + G, H]: rows 0..G·H are ∂L/∂W_hh
 *   (as wHh), then ∂L/∂b_hh as G rows of H. Where it is not registered the pass takes the
 *   same sums as batched ops.
 */
import type { CellKind, GruVariant } from '../types';

export const FUSED_FORWARD = 'GatescopeRnnForward';
export const FUSED_BACKWARD = 'GatescopeRnnBackward';
export const FUSED_WEIGHT_GRADS = 'GatescopeRnnWeightGrads';
/**
 * Rows [from, from + rows) of a 2-D tensor, on wasm only: its Slice first copies the whole
 * input out of the module's heap (readSync), ~1.2 ms per block of a T·B = 3200, H = 32 state,
 * where this reads just the rows. Attrs {from, rows}.
 */
export const ROW_BLOCK = 'GatescopeRowBlock';
/**
 * Blocks of a block-major 2-D tensor x [·, W] side by side, on WebGL only, where every Slice of
 * a packed texture is a copy: out[r, g·W + m] = x[first + g·rows + r − shift, m] for r ≥ shift,
 * else 0; out is [rows, n·W]. One program where n slices and a concat took n + 1 (the gate
 * blocks of ∂L/∂pre), and h_{t−1} (shift B) in one where previous() took three.
 * Attrs {first, rows, n, shift}.
 */
export const BLOCK_COLUMNS = 'GatescopeBlockColumns';

export type FusedCell = 'elman-tanh' | 'elman-relu' | 'lstm' | 'gru-after' | 'gru-before';

/** Kernel attributes (the same object for both kernels). */
export interface FusedAttrs {
  cell: FusedCell;
  T: number;
  B: number;
  H: number;
  /** true when keep/value inputs are given */
  clamped: boolean;
}

export function fusedCellOf(
  cell: CellKind,
  activation: 'tanh' | 'relu',
  gruVariant: GruVariant,
): FusedCell {
  if (cell === 'lstm') return 'lstm';
  if (cell === 'gru') return gruVariant === 'reset-after' ? 'gru-after' : 'gru-before';
  return activation === 'relu' ? 'elman-relu' : 'elman-tanh';
}

/** Gate blocks G in wHh / xProj / clamps. */
export function gateBlocks(cell: FusedCell): number {
  return cell === 'lstm' ? 4 : cell.startsWith('gru') ? 3 : 1;
}

/** Blocks S of the forward state row. */
export function stateBlocks(cell: FusedCell): number {
  return { 'elman-tanh': 1, 'elman-relu': 1, lstm: 6, 'gru-after': 5, 'gru-before': 4 }[cell];
}

/** Blocks D of the backward gradient row. */
export function gradBlocks(cell: FusedCell): number {
  return cell === 'lstm' ? 6 : cell.startsWith('gru') ? 4 : 2;
}

/**
 * Programs dispatched by fused kernels since the page started (cpu/wasm: one per kernel call;
 * webgl: one per shader program run). The bench divides by T to report programs per step,
 * which tf.profile cannot see inside a kernel.
 */
export const fusedStats = { programs: 0 };
