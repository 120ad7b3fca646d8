/**
 * The engine's forward against tf.layers (the only part of TF.js that implements these cells
 * for us): weights go in through our own Keras export, so this also checks the Keras layout.
 * tf.layers.gru is reset-before only (it has no resetAfter option); its LSTM defaults to hard sigmoid, so 'sigmoid' is set.
 */
import * as tf from '@tensorflow/tfjs-core';
// tf.layers calls chained ops (x.flatten()), which the split core package does not register.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as tfl from '@tensorflow/tfjs-layers';
import { beforeAll, describe, expect, it } from 'vitest';
import { runTrace } from '../../../src/engine/trace';
import type { ModelSpec } from '../../../src/engine/types';
import { initWeights } from '../../../src/engine/weights/init';
import { exportWeights } from '../../../src/engine/weights/format';
import { mulberry32, randomSequence } from '../../../reference/rnn64';
import { scaledError, useCpu } from './helpers';

beforeAll(useCpu);

const I = 4,
  H = 16,
  O = 3,
  T = 30;

function layerFor(spec: ModelSpec): tfl.layers.Layer {
  const common = { units: H, returnSequences: true, inputShape: [T, I] as [number, number] };
  if (spec.cell === 'lstm') return tfl.layers.lstm({ ...common, recurrentActivation: 'sigmoid' });
  if (spec.cell === 'gru') return tfl.layers.gru({ ...common, recurrentActivation: 'sigmoid' });
  return tfl.layers.simpleRNN({ ...common, activation: 'tanh' });
}

describe.each([
  { cell: 'elman' },
  { cell: 'lstm' },
  { cell: 'gru', gruVariant: 'reset-before' },
] as const)('$cell matches tf.layers', (cellSpec) => {
  it('h_t at every step within 1e-5', async () => {
    const spec: ModelSpec = { ...cellSpec, inputSize: I, hiddenSize: H, outputSize: O };
    // A non-trivial bias, so a bias-layout mistake shows up too.
    const weights = initWeights(spec, { seed: 11, recurrentScale: 0.9, forgetBias: 1 });
    weights.bIh.forEach((_, k) => (weights.bIh[k] = 0.1 * Math.sin(k)));
    weights.bHh.forEach((_, k) => (weights.bHh[k] = 0.05 * Math.cos(k)));
    const seq = randomSequence(spec, T, 'mse', mulberry32(5));
    const trace = await runTrace({ spec, weights }, seq);

    const file = exportWeights({ spec, weights }, 'keras').tensors;
    const layer = layerFor(spec);
    const model = tfl.sequential({ layers: [layer] });
    layer.setWeights([
      tf.tensor(file.kernel as number[][]),
      tf.tensor(file.recurrent_kernel as number[][]),
      tf.tensor(file.bias as number[]),
    ]);
    const out = model.predict(tf.tensor3d(seq.inputs, [1, T, I])) as tf.Tensor;
    const oracle = await out.data();
    const err = scaledError(trace.h, oracle);
    expect(err).toBeLessThanOrEqual(1e-5);
    model.dispose();
    out.dispose();
  });
});
