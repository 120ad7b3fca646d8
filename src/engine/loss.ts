/**
 * Losses over the targeted steps, with their gradient w.r.t. the readout y.
 *   mse:          L = (1 / (K·O)) Σ_targeted Σ_o (y − target)²     (PyTorch MSELoss over targeted rows)
 *   softmax-xent: L = (1 / K) Σ_targeted −log softmax(y)[class]
 * K counts targeted (step, batch row) pairs. stepLoss is each row's own loss (mean over outputs
 * for mse), zero where untargeted, so L is the mean of stepLoss over targeted rows.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { LossKind } from './types';

export interface LossTensors {
  stepLoss: tf.Tensor;
  loss: tf.Scalar;
  dY: tf.Tensor;
}

/**
 * @param mask [T*B] of 0/1
 * @param targets mse: [T*B, O]; softmax-xent: [T*B] class indices (float, cast here)
 * @param K number of targeted rows (the count of ones in mask)
 */
export function lossAndGradient(
  kind: LossKind,
  Y: tf.Tensor,
  targets: tf.Tensor,
  mask: tf.Tensor,
  K: number,
): LossTensors {
  const O = Y.shape[1]!;
  const m = tf.reshape(mask, [-1, 1]);
  const inv = K > 0 ? 1 / K : 0; // no target at all: zero loss and zero gradient
  if (kind === 'mse') {
    const diff = tf.mul(tf.sub(Y, targets), m);
    const stepLoss = tf.div(tf.sum(tf.square(diff), 1), O);
    return {
      stepLoss,
      loss: tf.mul(tf.sum(stepLoss), inv),
      dY: tf.mul(diff, (2 * inv) / O),
    };
  }
  const oneHot = tf.oneHot(tf.cast(targets, 'int32') as tf.Tensor, O);
  const logP = tf.logSoftmax(Y);
  const stepLoss = tf.mul(tf.neg(tf.sum(tf.mul(oneHot, logP), 1)), mask);
  return {
    stepLoss,
    loss: tf.mul(tf.sum(stepLoss), inv),
    // softmax = exp(logP), with logP ≤ 0 made explicit: WebGL's packed textures carry padding
    // that elementwise ops also transform, and exp of a large padding value is Inf, which a later
    // packed matMul over an odd number of rows turns into NaN (0 × Inf). Valid entries are unchanged.
    dY: tf.mul(tf.sub(tf.exp(tf.minimum(logP, 0)), oneHot), tf.mul(m, inv)),
  };
}
