/**
 * The hand-written BPTT against TF.js autodiff of the very same forward pass. A zero "probe"
 * added to every h_t makes ∂L/∂probe = ∂L/∂h_t, so one tf.grads call yields the total
 * gradient at every step, plus every weight gradient and ∂L/∂x.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, it } from 'vitest';
import {
  checkBatch,
  forwardBackward,
  forwardLoss,
  weightTensors,
} from '../../../src/engine/network';
import type { WeightTensors } from '../../../src/engine/cells/common';
import { mulberry32, randomSequence, randomSpec, randomWeights } from '../../../reference/rnn64';
import { VARIANTS, expectClose, useCpu } from './helpers';

beforeAll(useCpu);

const KEYS = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;

describe.each(VARIANTS)('$name hand BPTT equals autodiff', ({ spec: variant }) => {
  it.each(['mse', 'softmax-xent'] as const)('%s loss, batch of 3', async (loss) => {
    const rng = mulberry32(21);
    const spec = randomSpec(variant.cell, { inputSize: 2, hiddenSize: 6, outputSize: 3 }, variant);
    const weights = randomWeights(spec, rng, 0.6);
    // A batch of three sequences, interleaved time-major, so batching is checked too.
    const T = 9,
      B = 3;
    const seqs = Array.from({ length: B }, () =>
      randomSequence(spec, T, loss, rng, [1, 0, 1, 0, 0, 1, 1, 0, 1]),
    );
    const per = loss === 'mse' ? spec.outputSize : 1;
    const interleave = (
      get: (s: (typeof seqs)[0]) => ArrayLike<number>,
      n: number,
      Arr: typeof Float32Array,
    ) =>
      Arr.from(
        { length: T * B * n },
        (_, k) => get(seqs[Math.floor(k / n) % B]!)[Math.floor(k / n / B) * n + (k % n)]!,
      );
    const batch = {
      length: T,
      batchSize: B,
      inputSize: spec.inputSize,
      loss,
      inputs: interleave((s) => s.inputs, spec.inputSize, Float32Array),
      mask: Uint8Array.from(interleave((s) => s.mask, 1, Float32Array)),
      targets: interleave((s) => s.targets, per, Float32Array),
    };
    const K = checkBatch(spec, batch);

    const [hand, auto] = tf.tidy(() => {
      const w = weightTensors(weights, spec);
      const p = forwardBackward(spec, w, batch, K);
      const probe = tf.zeros([T * B, spec.hiddenSize]);
      const f = (...args: tf.Tensor[]) => {
        const ws = Object.fromEntries(KEYS.map((k, i) => [k, args[i]])) as unknown as WeightTensors;
        const hooks = { X: args[KEYS.length], probe: args[KEYS.length + 1] };
        return forwardLoss(spec, ws, batch, K, hooks).loss.loss;
      };
      const grads = tf.grads(f)([...KEYS.map((k) => w[k]), p.X, probe]);
      return [
        [...KEYS.map((k) => p.grads[k]), p.dX!, p.bwd.dH].map((t) => t.dataSync().slice()),
        grads.map((t) => t.dataSync().slice()),
      ];
    });
    [...KEYS, 'grad x', 'grad h'].forEach((k, i) => expectClose(`${k}`, hand[i]!, auto[i]!, 1e-5));
  });
});
