/**
 * What-if interventions: clamped gates stay correct under BPTT (checked against autodiff of the
 * clamped forward), the classic demonstrations behave as theory says, and the spectral radius
 * matches matrices whose eigenvalues are known by construction.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WeightTensors } from '../../../src/engine/cells/common';
import type { GateClamp } from '../../../src/engine/interventions';
import { recurrentSpectralRadii, spectralRadius } from '../../../src/engine/linalg';
import {
  checkBatch,
  forwardBackward,
  forwardLoss,
  weightTensors,
} from '../../../src/engine/network';
import { Rng } from '../../../src/engine/rng';
import { runTrace } from '../../../src/engine/trace';
import type { ModelSpec } from '../../../src/engine/types';
import { initWeights, writeOrthogonal } from '../../../src/engine/weights/init';
import { mulberry32, randomSequence, randomSpec, randomWeights } from '../../../reference/rnn64';
import { expectClose, useCpu } from './helpers';

beforeAll(useCpu);

const KEYS = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;

describe.each([
  {
    name: 'lstm',
    spec: { cell: 'lstm' as const },
    clamps: [
      { gate: 'forget', value: 1, from: 2, to: 5 },
      { gate: 'output', value: 0.3 },
    ],
  },
  {
    name: 'gru reset-after',
    spec: { cell: 'gru' as const },
    clamps: [
      { gate: 'update', value: 1, from: 1, to: 4 },
      { gate: 'reset', value: 0 },
    ],
  },
  {
    name: 'gru reset-before',
    spec: { cell: 'gru' as const, gruVariant: 'reset-before' as const },
    clamps: [{ gate: 'candidate', value: -0.5, from: 3, to: 3 }],
  },
])('$name with clamped gates: hand BPTT equals autodiff', ({ spec: v, clamps }) => {
  it('all weight gradients and ∂L/∂h_t', () => {
    const rng = mulberry32(31);
    const spec = randomSpec(v.cell, { inputSize: 2, hiddenSize: 4, outputSize: 2 }, v);
    const weights = randomWeights(spec, rng, 0.7);
    const seq = randomSequence(spec, 8, 'mse', rng, [0, 1, 0, 1, 0, 0, 1, 1]);
    const batch = { ...seq, batchSize: 1 };
    const K = checkBatch(spec, batch);
    const [hand, auto] = tf.tidy(() => {
      const w = weightTensors(weights, spec);
      const p = forwardBackward(spec, w, batch, K, { clamps });
      const probe = tf.zeros([8, spec.hiddenSize]);
      const f = (...args: tf.Tensor[]) => {
        const ws = Object.fromEntries(KEYS.map((k, i) => [k, args[i]])) as unknown as WeightTensors;
        return forwardLoss(spec, ws, batch, K, { clamps, probe: args[KEYS.length] }).loss.loss;
      };
      const g = tf.grads(f)([...KEYS.map((k) => w[k]), probe]);
      return [
        [...KEYS.map((k) => p.grads[k]), p.bwd.dH].map((t) => t.dataSync().slice()),
        g.map((t) => t.dataSync().slice()),
      ];
    });
    [...KEYS, 'grad h'].forEach((k, i) => expectClose(k, hand[i]!, auto[i]!, 1e-5));
  });
});

describe('the classic demonstrations', () => {
  it('LSTM with forget = 1 and input = 0: ∂L/∂c_t is constant along the cell path', async () => {
    const spec: ModelSpec = { cell: 'lstm', inputSize: 2, hiddenSize: 6, outputSize: 1 };
    const T = 30;
    const seq = randomSequence(spec, T, 'mse', mulberry32(2), [...Array(T - 1).fill(0), 1]);
    const clamps: GateClamp[] = [
      { gate: 'forget', value: 1 },
      { gate: 'input', value: 0 },
    ];
    const tr = await runTrace({ spec, weights: initWeights(spec, { seed: 3 }) }, seq, { clamps });
    const H = spec.hiddenSize;
    const last = Array.from(tr.grad.c!.subarray((T - 1) * H));
    expect(last.some((v) => v !== 0)).toBe(true);
    for (let t = 0; t < T; t++)
      expect(Array.from(tr.grad.c!.subarray(t * H, (t + 1) * H))).toEqual(last);
    expect(Array.from(tr.series.memoryPath.subarray(0, T))).toEqual(Array(T).fill(1));
  });

  it('Elman with W_hh at spectral radius 0.5: ‖∂L/∂h_t‖ decays at least geometrically with lag', async () => {
    const spec: ModelSpec = { cell: 'elman', inputSize: 2, hiddenSize: 16, outputSize: 1 };
    const weights = initWeights(spec, { seed: 5, recurrentScale: 0.5 });
    expect(spectralRadius(weights.wHh, 16)).toBeCloseTo(0.5, 3);
    const T = 40;
    const tr = await runTrace(
      { spec, weights },
      randomSequence(spec, T, 'mse', mulberry32(4), [...Array(T - 1).fill(0), 1]),
    );
    const g = tr.series.gradHNorm;
    // ‖∂h_t/∂h_{t-1}‖ ≤ ‖W_hh‖·max|tanh'| = 0.5 (W_hh is 0.5 × orthogonal), so each step back at most halves it.
    for (let t = 0; t < T - 1; t++) expect(g[t]!).toBeLessThanOrEqual(0.5 * g[t + 1]! * (1 + 1e-5));
    expect(g[0]! / g[T - 1]!).toBeLessThan(0.5 ** (T - 1) * 1.0001);
  });
});

describe('spectral radius', () => {
  /** Q·D·Qᵀ with D block-diagonal (rotation-scale 2×2 blocks and reals): eigenvalues known. */
  function known(n: number, moduli: number[], seed: number): Float64Array {
    const d = new Float64Array(n * n);
    let k = 0;
    moduli.forEach((r, b) => {
      if (b % 2 === 0 && k + 1 < n) {
        const th = 0.3 + b; // a complex pair r·e^{±iθ}
        d[k * n + k] = r * Math.cos(th);
        d[k * n + k + 1] = -r * Math.sin(th);
        d[(k + 1) * n + k] = r * Math.sin(th);
        d[(k + 1) * n + k + 1] = r * Math.cos(th);
        k += 2;
      } else if (k < n) {
        d[k * n + k] = b % 3 === 0 ? -r : r;
        k += 1;
      }
    });
    const qf = new Float32Array(n * n);
    writeOrthogonal(new Rng(seed), qf, 0, n, 1);
    const q = Float64Array.from(qf);
    const out = new Float64Array(n * n);
    for (let i = 0; i < n; i++)
      for (let j = 0; j < n; j++) {
        let s = 0;
        for (let a = 0; a < n; a++)
          for (let b = 0; b < n; b++) s += q[i * n + a]! * d[a * n + b]! * q[j * n + b]!;
        out[i * n + j] = s;
      }
    return out;
  }

  it.each([
    [8, [0.9, 0.4, 0.3, 0.2, 0.1, 0.05], 0.9],
    [8, [0.2, 1.7, 0.5, 0.4, 0.3], 1.7],
    [6, [0.5, 0.5, 0.5, 0.5], 0.5],
  ])('n=%i, moduli %j → %f', (n, moduli, rho) => {
    expect(spectralRadius(known(n, moduli, 7), n)).toBeCloseTo(rho, 3);
  });

  it('is 0 for a nilpotent matrix and scales with the recurrent scale per gate block', () => {
    expect(spectralRadius([0, 1, 0, 0], 2)).toBe(0);
    const spec: ModelSpec = { cell: 'gru', inputSize: 1, hiddenSize: 8, outputSize: 1 };
    const radii = recurrentSpectralRadii(spec, initWeights(spec, { seed: 1, recurrentScale: 1.3 }));
    expect(radii).toHaveLength(3);
    for (const r of radii) expect(r).toBeCloseTo(1.3, 3);
  });
});
