/**
 * LSTM: a cell state c runs alongside h, changed only by elementwise gates.
 *   i, f, o = σ(·), g = tanh(·)  (pre-activation W_ih x_t + b_ih + W_hh h_{t-1} + b_hh, blocks i f g o)
 *   c_t = f ⊙ c_{t-1} + i ⊙ g,   h_t = o ⊙ tanh(c_t)
 * Along c the step Jacobian is just diag(f_t): with f near 1 the gradient survives.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  type Cell,
  affine,
  backAffine,
  cols,
  next,
  outerSum,
  probed,
  previous,
  sigmoidSlope,
  stackReversed,
  step,
  tanhSlope,
} from './common';
import { clampSlope, clampStep } from '../interventions';

export const lstmCell: Cell = {
  forward(w, xProj, { T, B, H }, probe, clamps) {
    const xb = tf.add(xProj, w.bHh);
    let h: tf.Tensor = tf.zeros([B, H]);
    let c: tf.Tensor = tf.zeros([B, H]);
    const lists = { input: [], forget: [], candidate: [], output: [], c: [], h: [] } as Record<
      string,
      tf.Tensor[]
    >;
    for (let t = 0; t < T; t++) {
      const pre = affine(h, w.wHh, step(xb, t, B));
      const s = tf.sigmoid(pre);
      const i = clampStep(cols(s, 0, H), clamps, 'input', t, B);
      const f = clampStep(cols(s, H, H), clamps, 'forget', t, B);
      const g = clampStep(tf.tanh(cols(pre, 2 * H, H)), clamps, 'candidate', t, B);
      const o = clampStep(cols(s, 3 * H, H), clamps, 'output', t, B);
      c = tf.add(tf.mul(f, c), tf.mul(i, g));
      h = probed(tf.mul(o, tf.tanh(c)), probe, t, B);
      lists.input!.push(i);
      lists.forget!.push(f);
      lists.candidate!.push(g);
      lists.output!.push(o);
      lists.c!.push(c);
      lists.h!.push(h);
    }
    const all = (k: string) => tf.concat(lists[k]!, 0);
    const hAll = all('h');
    return {
      h: hAll,
      hPrev: previous(hAll, B),
      c: all('c'),
      gates: {
        input: all('input'),
        forget: all('forget'),
        candidate: all('candidate'),
        output: all('output'),
      },
      saved: {},
      clamps,
    };
  },

  backward(w, f, dHout, { T, B }) {
    const { input: I, forget: F, candidate: G, output: O } = f.gates as Record<string, tf.Tensor>;
    const C = f.c!;
    const TC = tf.tanh(C);
    const slope = (s: tf.Tensor, gate: string) => clampSlope(s, f.clamps, gate);
    // Everything that does not depend on the incoming gradient is computed for all steps at once:
    // ∂(pre-activation)/∂c_t for blocks i, f, g and ∂(pre-activation)/∂h_t for block o ...
    const K = tf.concat(
      [
        tf.mul(G, slope(sigmoidSlope(I!), 'input')),
        tf.mul(previous(C, B), slope(sigmoidSlope(F!), 'forget')),
        tf.mul(I!, slope(tanhSlope(G!), 'candidate')),
        tf.mul(TC, slope(sigmoidSlope(O!), 'output')),
      ],
      1,
    );
    // ... ∂c_t/∂h_t's partner ∂h_t/∂c_t = o ⊙ tanh'(c_t), and f_{t+1} (zero after the last step).
    const Kh = tf.mul(O!, tanhSlope(TC));
    const Fnext = next(F!, B);

    const dhs: tf.Tensor[] = [];
    const dcs: tf.Tensor[] = [];
    const dAs: tf.Tensor[] = [];
    for (let t = T - 1; t >= 0; t--) {
      const last = t === T - 1;
      const dh = last
        ? step(dHout, t, B)
        : backAffine(dAs[dAs.length - 1]!, w.wHh, step(dHout, t, B));
      const fromH = tf.mul(dh, step(Kh, t, B));
      const dc = last ? fromH : tf.add(fromH, tf.mul(dcs[dcs.length - 1]!, step(Fnext, t, B)));
      dhs.push(dh);
      dcs.push(dc);
      dAs.push(tf.mul(tf.concat([dc, dc, dc, dh], 1), step(K, t, B)));
    }
    const dA = stackReversed(dAs);
    return {
      dH: stackReversed(dhs),
      dC: stackReversed(dcs),
      dPre: dA,
      dWhh: outerSum(dA, f.hPrev),
      dBhh: tf.sum(dA, 0),
    };
  },
};
