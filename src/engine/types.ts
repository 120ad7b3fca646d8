/**
 * Shared engine types. Everything here is plain data: no tensors, no DOM.
 *
 * Internal weight layout follows PyTorch: a matrix is row-major with one row per
 * output unit, gates stacked along the rows in a fixed order per cell:
 *   elman: [h]               (G = 1)
 *   lstm:  [i, f, g, o]      (G = 4: input, forget, candidate, output)
 *   gru:   [r, z, n]         (G = 3: reset, update, candidate)
 */

export type CellKind = 'elman' | 'lstm' | 'gru';

/** Where the GRU reset gate acts: after the recurrent matmul (PyTorch, Keras >= 2.3) or before it (Cho 2014, tf.layers). */
export type GruVariant = 'reset-after' | 'reset-before';

/** Elman nonlinearity. LSTM and GRU always use sigmoid gates and tanh candidates. */
export type ElmanActivation = 'tanh' | 'relu';

export type LossKind = 'mse' | 'softmax-xent';

export interface ModelSpec {
  cell: CellKind;
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  /** GRU only; defaults to 'reset-after'. */
  gruVariant?: GruVariant;
  /** Elman only; defaults to 'tanh'. */
  activation?: ElmanActivation;
}

/**
 * Weights of one cell plus its linear readout y = W_out h + b_out, PyTorch layout.
 * All arrays are row-major Float32Array.
 */
export interface Weights {
  /** [G*H, I] */
  wIh: Float32Array;
  /** [G*H, H] */
  wHh: Float32Array;
  /** [G*H] */
  bIh: Float32Array;
  /** [G*H] */
  bHh: Float32Array;
  /** [O, H] */
  wOut: Float32Array;
  /** [O] */
  bOut: Float32Array;
}

export interface Model {
  spec: ModelSpec;
  weights: Weights;
}

/**
 * One sequence to run, flat and typed so tasks can produce thousands cheaply.
 * Targets may cover every step, some steps or only the last (many-to-one): `mask` says which.
 */
export interface Sequence {
  /** T */
  length: number;
  /** I */
  inputSize: number;
  /** [T, I] row-major */
  inputs: Float32Array;
  loss: LossKind;
  /** [T]: 1 where step t has a target */
  mask: Uint8Array;
  /**
   * 'mse': [T, O] row-major target values (rows where mask is 0 are ignored).
   * 'softmax-xent': [T] class indices in [0, O) (entries where mask is 0 are ignored).
   */
  targets: Float32Array;
}

/**
 * B sequences of equal length run together (training). Arrays are time-major: row t*B + b
 * is step t of sequence b. A Sequence is the same thing with batchSize 1.
 */
export interface Batch extends Sequence {
  batchSize: number;
}
