/**
 * The Elman memory path has two implementations: float64 JS after the read-back (small T·H³) and
 * renormalised matmuls on the backend (large). Both must give the same per-step growth factors.
 */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { elmanStepNormsJs } from '../../../src/engine/derived';
import { checkBatch, forwardBackward, weightTensors } from '../../../src/engine/network';
import type { ModelSpec } from '../../../src/engine/types';
import { initWeights } from '../../../src/engine/weights/init';
import { mulberry32, randomSequence } from '../../../reference/rnn64';
import { useCpu, worstRelative } from './helpers';

beforeAll(useCpu);

describe.each(['tanh', 'relu'] as const)('Elman (%s) memory path', (activation) => {
  // Odd and even H: the JS product works on pairs of columns with a leftover one.
  it.each([1, 7, 12])('backend and JS computations agree step by step (H = %i)', (H) => {
    const spec: ModelSpec = {
      cell: 'elman',
      activation,
      inputSize: 3,
      hiddenSize: H,
      outputSize: 1,
    };
    const weights = initWeights(spec, { seed: 9, recurrentScale: 0.7 });
    const T = 40;
    const L = T - 1;
    const seq = randomSequence(spec, T, 'mse', mulberry32(1), [...Array(L).fill(0), 1]);
    const batch = { ...seq, batchSize: 1 };
    const [backend, h] = tf.tidy(() => {
      const p = forwardBackward(
        spec,
        weightTensors(weights, spec),
        batch,
        checkBatch(spec, batch),
        { pathFrom: L },
      );
      return [p.bwd.pathNorms!.dataSync().slice(), p.fwd.h.dataSync().slice()];
    });
    const js = elmanStepNormsJs(h as Float32Array, weights.wHh, activation, H, L);
    expect(backend).toHaveLength(L);
    expect(worstRelative(backend, js)).toBeLessThan(1e-4);
  });
});
