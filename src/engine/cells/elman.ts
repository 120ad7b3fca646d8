/**
 * Elman RNN: h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh), act = tanh (or ReLU).
 *
 * Its only memory is h itself, so the gradient reaching step t from step T is the
 * product of step Jacobians diag(act'(a_s)) W_hh — the product whose norm the
 * memory path measures, and which vanishes when W_hh's gain is below one.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  type Cell,
  type CellForward,
  type Dims,
  type WeightTensors,
  affine,
  backAffine,
  outerSum,
  probed,
  previous,
  stackReversed,
  step,
  tanhSlope,
} from './common';

export function elmanCell(activation: 'tanh' | 'relu'): Cell {
  const act = activation === 'tanh' ? tf.tanh : tf.relu;
  /** act'(a_t) from h_t: 1 − h² for tanh, [h > 0] for ReLU. */
  const slope = (h: tf.Tensor): tf.Tensor =>
    activation === 'tanh' ? tanhSlope(h) : tf.cast(tf.greater(h, 0), 'float32');

  return {
    forward(w: WeightTensors, xProj: tf.Tensor, { T, B, H }: Dims, probe?: tf.Tensor): CellForward {
      const xb = tf.add(xProj, w.bHh); // both biases add outside the activation
      let h: tf.Tensor = tf.zeros([B, H]);
      const hs: tf.Tensor[] = [];
      for (let t = 0; t < T; t++) {
        h = probed(act(affine(h, w.wHh, step(xb, t, B))), probe, t, B);
        hs.push(h);
      }
      const hAll = tf.concat(hs, 0);
      return { h: hAll, hPrev: previous(hAll, B), gates: {}, saved: {} };
    },

    backward(w, f, dHout, { T, B }, pathFrom) {
      const D = slope(f.h);
      const dhs: tf.Tensor[] = [];
      const das: tf.Tensor[] = [];
      for (let t = T - 1; t >= 0; t--) {
        // dh_t = ∂L/∂h_t from the readout + W_hhᵀ-path from step t+1, in one fused kernel.
        const dh =
          t === T - 1
            ? step(dHout, t, B)
            : backAffine(das[das.length - 1]!, w.wHh, step(dHout, t, B));
        dhs.push(dh);
        das.push(tf.mul(dh, step(D, t, B)));
      }
      const dA = stackReversed(das);
      return {
        dH: stackReversed(dhs),
        dPre: dA,
        dWhh: outerSum(dA, f.hPrev),
        dBhh: tf.sum(dA, 0),
        pathNorms: pathFrom === undefined ? undefined : jacobianPathNorms(w.wHh, D, pathFrom),
      };
    },
  };
}

/**
 * Memory path of an Elman network (batch 1): M_t = ∂h_L/∂h_t = Π_{s=L..t+1} diag(D_s) W_hh,
 * starting from M_L = I/√H so that the product of the returned per-step factors is the RMS
 * gain ‖M_t‖_F/√H. M is renormalised every step, so gains far below float32's range
 * (1e-60 after a hundred steps is ordinary) are kept exactly as products in float64 later.
 * Returns n_t for t = L-1 .. 0 (length L), each the norm growth of one step.
 */
export function jacobianPathNorms(wHh: tf.Tensor, D: tf.Tensor, L: number): tf.Tensor {
  const H = wHh.shape[1]!;
  let M: tf.Tensor = tf.div(tf.eye(H), Math.sqrt(H));
  const norms: tf.Tensor[] = [];
  for (let t = L - 1; t >= 0; t--) {
    // M·diag(D_{t+1})·W_hh: scaling M's columns by D_{t+1} is a broadcast multiply.
    const grown = tf.matMul(tf.mul(M, step(D, t + 1, 1)), wHh);
    const n = tf.sqrt(tf.sum(tf.square(grown)));
    norms.push(n);
    M = tf.divNoNan(grown, n);
  }
  return norms.length ? tf.stack(norms) : tf.zeros([0]);
}
