/** No tensor outlives a trace, a failed trace or a pass; bad inputs are refused before any work. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EngineInputError } from '../../../src/engine/spec';
import { runTrace } from '../../../src/engine/trace';
import type { ModelSpec } from '../../../src/engine/types';
import { initWeights } from '../../../src/engine/weights/init';
import { mulberry32, randomSequence } from '../../../reference/rnn64';
import { VARIANTS, useCpu } from './helpers';

beforeAll(useCpu);

const sized = (v: (typeof VARIANTS)[0]['spec']): ModelSpec => ({
  ...v,
  inputSize: 2,
  hiddenSize: 5,
  outputSize: 3,
});

describe('tensor memory', () => {
  it('is unchanged after traces of every cell', async () => {
    const before = tf.memory().numTensors;
    for (const v of VARIANTS) {
      const spec = sized(v.spec);
      for (const loss of ['mse', 'softmax-xent'] as const) {
        await runTrace(
          { spec, weights: initWeights(spec, { seed: 1 }) },
          randomSequence(spec, 7, loss, mulberry32(2)),
        );
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('is unchanged after rejected inputs', async () => {
    const spec = sized(VARIANTS[2]!.spec);
    const weights = initWeights(spec, { seed: 1 });
    const before = tf.memory().numTensors;
    const seq = randomSequence(spec, 5, 'softmax-xent', mulberry32(2));
    const bad = [
      { ...seq, targets: Float32Array.from([0, 1, 7, 0, 0]) },
      { ...seq, inputs: seq.inputs.map((v, k) => (k === 3 ? NaN : v)) },
      { ...seq, inputSize: 3 },
    ];
    for (const s of bad)
      await expect(runTrace({ spec, weights }, s)).rejects.toThrow(EngineInputError);
    await expect(
      runTrace({ spec, weights: { ...weights, wHh: new Float32Array(3) } }, seq),
    ).rejects.toThrow(/wHh must have shape \[20, 5\]/);
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('input checks name what is wrong and what is allowed', () => {
  const spec = sized(VARIANTS[0]!.spec);
  const weights = initWeights(spec, { seed: 1 });
  const seq = randomSequence(spec, 5, 'softmax-xent', mulberry32(2));
  const cases: [string, Partial<typeof seq>, RegExp][] = [
    [
      'class out of range',
      { targets: Float32Array.from([0, 1, 3, 0, 0]) },
      /target at step 3 must be a class index from 0 to 2 \(got 3\)/,
    ],
    [
      'non-finite input',
      { inputs: seq.inputs.map((v, k) => (k === 1 ? Infinity : v)) },
      /inputs hold a non-finite value/,
    ],
    ['too long', { length: 5000 }, /sequence length must be a whole number from 1 to 1000/],
    ['empty', { length: 0 }, /sequence length must be a whole number from 1 to 1000/],
  ];
  it.each(cases)('%s', async (_, change, message) => {
    await expect(runTrace({ spec, weights }, { ...seq, ...change })).rejects.toThrow(message);
  });

  it('limits the hidden size in the engine, not only in the UI', async () => {
    await expect(runTrace({ spec: { ...spec, hiddenSize: 1e6 }, weights }, seq)).rejects.toThrow(
      /hiddenSize must be a whole number from 1 to 256/,
    );
  });
});
