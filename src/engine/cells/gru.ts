/**
 * GRU: gates r (reset) and z (update), candidate n; h_t = (1 − z) ⊙ n + z ⊙ h_{t-1}.
 * z is the fraction of the OLD state kept (z = 1 freezes memory), as in PyTorch and Keras.
 *   reset-after  (PyTorch, Keras >= 2.3): n = tanh(W_in x + b_in + r ⊙ (W_hn h_{t-1} + b_hn))
 *   reset-before (Cho 2014, tf.layers):   n = tanh(W_in x + b_in + W_hn (r ⊙ h_{t-1}) + b_hn)
 *
 * Backward trick: every term of ∂L/∂h_{t-1} is a fixed per-step elementwise factor times
 * ∂L/∂h_t (or a product through W_hn for reset-before), so one row of factors K_t and one
 * fused matmul against [W_hh; I] carry the whole recurrence, ~5 kernels per step.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GruVariant } from '../types';
import {
  type Cell,
  type CellForward,
  affine,
  backAffine,
  cols,
  outerSum,
  probed,
  previous,
  rowBlock,
  sigmoidSlope,
  stackReversed,
  step,
  tanhSlope,
} from './common';
import { type ClampTensors, clampSlope, clampStep } from '../interventions';

function finish(
  hs: tf.Tensor[],
  r: tf.Tensor[],
  z: tf.Tensor[],
  n: tf.Tensor[],
  B: number,
  clamps: ClampTensors | undefined,
): CellForward {
  const h = tf.concat(hs, 0);
  return {
    h,
    hPrev: previous(h, B),
    gates: { reset: tf.concat(r, 0), update: tf.concat(z, 0), candidate: tf.concat(n, 0) },
    saved: {},
    clamps,
  };
}

const resetAfter: Cell = {
  forward(w, xProj, { T, B, H }, probe, clamps) {
    let h: tf.Tensor = tf.zeros([B, H]);
    const hs: tf.Tensor[] = [],
      rs: tf.Tensor[] = [],
      zs: tf.Tensor[] = [],
      ns: tf.Tensor[] = [];
    const hns: tf.Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const x = step(xProj, t, B);
      const hp = affine(h, w.wHh, w.bHh); // [W_hr h + b_hr, W_hz h + b_hz, W_hn h + b_hn]
      const s = tf.sigmoid(tf.add(x, hp)); // the n block of s is unused; one kernel beats two slices
      const r = clampStep(cols(s, 0, H), clamps, 'reset', t, B);
      const z = clampStep(cols(s, H, H), clamps, 'update', t, B);
      const hn = cols(hp, 2 * H, H);
      const n = clampStep(
        tf.tanh(tf.add(cols(x, 2 * H, H), tf.mul(r, hn))),
        clamps,
        'candidate',
        t,
        B,
      );
      h = probed(tf.add(n, tf.mul(z, tf.sub(h, n))), probe, t, B);
      hs.push(h);
      rs.push(r);
      zs.push(z);
      ns.push(n);
      hns.push(hn);
    }
    const out = finish(hs, rs, zs, ns, B, clamps);
    out.saved.hn = tf.concat(hns, 0);
    return out;
  },

  backward(w, f, dHout, { T, B, H }) {
    const { reset: R, update: Z, candidate: N } = f.gates as Record<string, tf.Tensor>;
    const Kn = tf.mul(tf.sub(1, Z!), clampSlope(tanhSlope(N!), f.clamps, 'candidate')); // ∂(n pre-activation)/∂h_t
    const Kr = tf.mul(f.saved.hn!, clampSlope(sigmoidSlope(R!), f.clamps, 'reset')); // ∂(r pre)/∂(n pre)
    const Kz = tf.mul(tf.sub(f.hPrev, N!), clampSlope(sigmoidSlope(Z!), f.clamps, 'update')); // ∂(z pre)/∂h_t
    // Row t of K maps dh_t to [∂r_pre, ∂z_pre, ∂(W_hn h + b_hn), direct z path]; W' = [W_hh; I].
    const K = tf.concat([tf.mul(Kn, Kr), Kz, tf.mul(Kn, R!), Z!], 1);
    const wExt = tf.concat([w.wHh, tf.eye(H)], 0);
    const dhs: tf.Tensor[] = [];
    for (let t = T - 1; t >= 0; t--) {
      if (t === T - 1) {
        dhs.push(step(dHout, t, B));
        continue;
      }
      const v = tf.mul(tf.tile(dhs[dhs.length - 1]!, [1, 4]), step(K, t + 1, B));
      dhs.push(backAffine(v, wExt, step(dHout, t, B)));
    }
    const dH = stackReversed(dhs);
    const dAn = tf.mul(dH, Kn);
    const dAr = tf.mul(dAn, Kr);
    const dAz = tf.mul(dH, Kz);
    const dAh = tf.concat([dAr, dAz, tf.mul(dAn, R!)], 1); // gradient w.r.t. W_hh h + b_hh
    return {
      dH,
      dPre: tf.concat([dAr, dAz, dAn], 1),
      dWhh: outerSum(dAh, f.hPrev),
      dBhh: tf.sum(dAh, 0),
    };
  },
};

const resetBefore: Cell = {
  forward(w, xProj, { T, B, H }, probe, clamps) {
    const xb = tf.add(xProj, w.bHh); // every bias sits outside the gate products here
    const wRz = rowBlock(w.wHh, 0, 2 * H);
    const wN = rowBlock(w.wHh, 2 * H, H);
    let h: tf.Tensor = tf.zeros([B, H]);
    const hs: tf.Tensor[] = [],
      rs: tf.Tensor[] = [],
      zs: tf.Tensor[] = [],
      ns: tf.Tensor[] = [];
    for (let t = 0; t < T; t++) {
      const x = step(xb, t, B);
      const s = tf.sigmoid(affine(h, wRz, cols(x, 0, 2 * H)));
      const r = clampStep(cols(s, 0, H), clamps, 'reset', t, B);
      const z = clampStep(cols(s, H, H), clamps, 'update', t, B);
      const n = clampStep(
        tf.tanh(affine(tf.mul(r, h), wN, cols(x, 2 * H, H))),
        clamps,
        'candidate',
        t,
        B,
      );
      h = probed(tf.add(n, tf.mul(z, tf.sub(h, n))), probe, t, B);
      hs.push(h);
      rs.push(r);
      zs.push(z);
      ns.push(n);
    }
    return finish(hs, rs, zs, ns, B, clamps);
  },

  backward(w, f, dHout, { T, B, H }) {
    const { reset: R, update: Z, candidate: N } = f.gates as Record<string, tf.Tensor>;
    const wN = rowBlock(w.wHh, 2 * H, H);
    const Kn = tf.mul(tf.sub(1, Z!), clampSlope(tanhSlope(N!), f.clamps, 'candidate'));
    const Kr = tf.mul(f.hPrev, clampSlope(sigmoidSlope(R!), f.clamps, 'reset')); // ∂(r pre) per unit of ∂(r ⊙ h)
    const Kz = tf.mul(tf.sub(f.hPrev, N!), clampSlope(sigmoidSlope(Z!), f.clamps, 'update'));
    // v_t = [drh, dh, drh, dh] ⊙ [Kr, Kz, R, Z] gives [∂r_pre, ∂z_pre, ∂h via r⊙h, ∂h via z];
    // multiplied by [W_hr; W_hz; I; I] it is ∂L/∂h_{t-1} from step t.
    const K = tf.concat([Kr, Kz, R!, Z!], 1);
    const wExt = tf.concat([rowBlock(w.wHh, 0, 2 * H), tf.eye(H), tf.eye(H)], 0);
    const dhs: tf.Tensor[] = [];
    const drhs: tf.Tensor[] = [];
    for (let t = T - 1; t >= 0; t--) {
      const dh =
        t === T - 1 ? step(dHout, t, B) : backFrom(drhs[drhs.length - 1]!, dhs[dhs.length - 1]!, t);
      dhs.push(dh);
      drhs.push(tf.matMul(tf.mul(dh, step(Kn, t, B)), wN)); // ∂L/∂(r ⊙ h_{t-1}) at step t
    }
    function backFrom(drh: tf.Tensor, dh: tf.Tensor, t: number): tf.Tensor {
      const v = tf.mul(tf.concat([drh, dh, drh, dh], 1), step(K, t + 1, B));
      return backAffine(v, wExt, step(dHout, t, B));
    }
    const dH = stackReversed(dhs);
    const dAn = tf.mul(dH, Kn);
    const dArz = tf.concat([tf.mul(stackReversed(drhs), Kr), tf.mul(dH, Kz)], 1);
    const dPre = tf.concat([dArz, dAn], 1);
    return {
      dH,
      dPre,
      dWhh: tf.concat([outerSum(dArz, f.hPrev), outerSum(dAn, tf.mul(R!, f.hPrev))], 0),
      dBhh: tf.sum(dPre, 0),
    };
  },
};

export function gruCell(variant: GruVariant): Cell {
  return variant === 'reset-after' ? resetAfter : resetBefore;
}
