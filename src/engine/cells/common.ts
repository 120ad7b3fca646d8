/**
 * The interface every cell implements, and the few tensor helpers they share.
 *
 * Tensors are time-major and flattened: a [T, B, N] sequence of per-step [B, N] rows is
 * stored as a [T*B, N] matrix, so step t is rows t*B .. t*B+B-1. That lets every
 * time-independent product (input projections, weight gradients) be one matmul over
 * all steps, while only the recurrence itself loops over t.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ClampTensors } from '../interventions';

/** The model's weights as tensors, PyTorch layout (see types.ts). */
export interface WeightTensors {
  wIh: tf.Tensor;
  wHh: tf.Tensor;
  bIh: tf.Tensor;
  bHh: tf.Tensor;
  wOut: tf.Tensor;
  bOut: tf.Tensor;
}

export interface Dims {
  /** timesteps */
  T: number;
  /** batch rows */
  B: number;
  /** hidden units */
  H: number;
}

export interface CellForward {
  /** h_t for every step, [T*B, H] */
  h: tf.Tensor;
  /** h_{t-1} for every step (zeros at t = 0), [T*B, H] */
  hPrev: tf.Tensor;
  /** LSTM cell state c_t, [T*B, H] */
  c?: tf.Tensor;
  /** Gate activations by name, each [T*B, H] */
  gates: Record<string, tf.Tensor>;
  /** Gates held constant (what-if interventions): their slopes are zero in the backward pass. */
  clamps?: ClampTensors;
  /** Cell-private tensors the backward pass needs (e.g. the GRU's W_hn h + b_hn). */
  saved: Record<string, tf.Tensor>;
}

export interface CellBackward {
  /** Total ∂L/∂h_t: through the readout at t and through every later step, [T*B, H] */
  dH: tf.Tensor;
  /** LSTM: total ∂L/∂c_t, [T*B, H] */
  dC?: tf.Tensor;
  /** ∂L/∂(input-side pre-activation) of every gate block, concatenated in row order, [T*B, G*H] */
  dPre: tf.Tensor;
  dWhh: tf.Tensor;
  dBhh: tf.Tensor;
  /** Elman only, B = 1: per-step relative norms of the memory-path Jacobian product (see elman.ts). */
  pathNorms?: tf.Tensor;
}

export interface Cell {
  /**
   * Runs the recurrence. `xProj` is W_ih x_t + b_ih for all steps, [T*B, G*H]; each cell
   * folds b_hh in where the equations allow it. `probe` ([T*B, H], tests only) is added to
   * each h_t as it is produced, so autodiff w.r.t. it gives ∂L/∂h_t.
   */
  forward(
    w: WeightTensors,
    xProj: tf.Tensor,
    d: Dims,
    probe?: tf.Tensor,
    clamps?: ClampTensors,
  ): CellForward;
  /**
   * Backprop through time given ∂L/∂h_t from the readout alone, [T*B, H].
   * `pathFrom`: Elman only, the step whose memory path to measure (B must be 1).
   */
  backward(
    w: WeightTensors,
    f: CellForward,
    dHout: tf.Tensor,
    d: Dims,
    pathFrom?: number,
  ): CellBackward;
}

/**
 * Rows of step t, [B, N]. On the wasm backend Slice first copies its whole input out of the heap,
 * which makes slicing one step out of a [T*B, N] tensor O(T) and the loop O(T²); Gather reads
 * only the rows it returns, so wasm uses it instead.
 */
export function step(x: tf.Tensor, t: number, B: number): tf.Tensor {
  // Below ~64K values the copy is cheaper than making an index tensor every step.
  if (x.size > 65536 && tf.getBackend() === 'wasm') {
    const rows = tf.tensor1d(
      Int32Array.from({ length: B }, (_, b) => t * B + b),
      'int32',
    );
    const out = tf.gather(x, rows);
    rows.dispose();
    return out;
  }
  return tf.slice(x, [t * B, 0], [B, -1]);
}

/** h_t plus row t of the probe, when there is one. */
export function probed(
  h: tf.Tensor,
  probe: tf.Tensor | undefined,
  t: number,
  B: number,
): tf.Tensor {
  return probe ? tf.add(h, step(probe, t, B)) : h;
}

/** Columns [from, from + n) of x. */
export function cols(x: tf.Tensor, from: number, n: number): tf.Tensor {
  return tf.slice(x, [0, from], [-1, n]);
}

/** Row-blocks [from, from + n) of a weight matrix. */
export function rowBlock(x: tf.Tensor, from: number, n: number): tf.Tensor {
  return tf.slice(x, [from, 0], [n, -1]);
}

/** The sequence shifted one step later, zeros at t = 0: x_{t-1}. */
export function previous(x: tf.Tensor, B: number): tf.Tensor {
  const [TB, N] = x.shape as [number, number];
  if (TB === B) return tf.zeros([B, N]);
  return tf.concat([tf.zeros([B, N]), tf.slice(x, [0, 0], [TB - B, N])], 0);
}

/** The sequence shifted one step earlier, zeros at t = T-1: x_{t+1}. */
export function next(x: tf.Tensor, B: number): tf.Tensor {
  const [TB, N] = x.shape as [number, number];
  if (TB === B) return tf.zeros([B, N]);
  return tf.concat([tf.slice(x, [B, 0], [TB - B, N]), tf.zeros([B, N])], 0);
}

/** σ'(a) expressed through s = σ(a): s(1 − s). */
export function sigmoidSlope(s: tf.Tensor): tf.Tensor {
  return tf.mul(s, tf.sub(1, s));
}

/** tanh'(a) expressed through y = tanh(a): 1 − y². */
export function tanhSlope(y: tf.Tensor): tf.Tensor {
  return tf.sub(1, tf.square(y));
}

/** Stacks per-step rows collected backwards in time (last step first) into [T*B, N]. */
export function stackReversed(rowsLastFirst: tf.Tensor[]): tf.Tensor {
  return tf.concat(rowsLastFirst.slice().reverse(), 0);
}

/** Weight gradient Σ_t δ_tᵀ a_t as one matmul over all steps. */
export function outerSum(delta: tf.Tensor, input: tf.Tensor): tf.Tensor {
  return tf.matMul(delta, input, true, false);
}

/**
 * The wasm backend fuses only a rank-1 bias, and its fused product with transposeB is wrong
 * (TF.js 4.22: off by O(1) at every shape tried, tests/unit/engine/wasm-backend.test.ts);
 * elsewhere a [B, N] bias fuses too. Falls back to matmul + add where fusing does not work.
 */
function fusedMatMul(a: tf.Tensor, b: tf.Tensor, transposeB: boolean, bias: tf.Tensor): tf.Tensor {
  if (tf.getBackend() !== 'wasm' || (bias.rank === 1 && !transposeB)) {
    return tf.fused.matMul({ a: a as tf.Tensor2D, b: b as tf.Tensor2D, transposeB, bias });
  }
  return tf.add(tf.matMul(a, b, false, transposeB), bias);
}

/** x_t @ Wᵀ + bias as one fused kernel (bias [B, N] or [N]). */
export function affine(x: tf.Tensor, w: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return fusedMatMul(x, w, true, bias);
}

/** δ @ W + bias as one fused kernel: the backward counterpart of affine. */
export function backAffine(delta: tf.Tensor, w: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return fusedMatMul(delta, w, false, bias);
}

/**
 * Σ over rows, [N]: a bias gradient. On the cpu backend written as ones[1, rows] × x, because
 * its reduction over axis 0 first transposes x, which costs more than the product. Elsewhere a
 * plain sum: WebGL's packed matMul also multiplies texture padding, and a reduction never reads it.
 */
export function columnSums(x: tf.Tensor): tf.Tensor {
  if (tf.getBackend() !== 'cpu') return tf.sum(x, 0);
  return tf.reshape(tf.matMul(tf.ones([1, x.shape[0]!]), x), [-1]);
}
