/**
 * The fused recurrence kernels (src/engine/fused) against the op-by-op cells they replace:
 * every array of a pass agrees to 1e-5 of its scale, for every cell variant, both losses,
 * partial masks, batches, clamps and T = 1, with the matrix products in WebAssembly SIMD and in
 * plain JS; the recurrence dispatches two kernels per pass (three with the W_hh sums);
 * nothing leaks; switching the kernels off really runs the op path.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GateClamp } from '../../../src/engine/interventions';
import { fusedAvailable, fusedStats, setFusedKernels } from '../../../src/engine/fused';
import { setWasmSimd, wasmSimdActive } from '../../../src/engine/fused/simd';
import {
  type PassPath,
  checkBatch,
  forwardBackward,
  weightTensors,
} from '../../../src/engine/network';
import { runTrace } from '../../../src/engine/trace';
import type { Batch, ModelSpec } from '../../../src/engine/types';
import { TEST_CLAMPS, interleavedBatch, passArrays } from '../../../reference/batches';
import { mulberry32, randomSequence, randomSpec, randomWeights } from '../../../reference/random';
import { useNodeBackend } from '../../../scripts/node-backend';
import { VARIANTS, expectClose, useCpu } from './helpers';

beforeAll(useCpu);
afterAll(() => setFusedKernels(true));

function pass(spec: ModelSpec, b: Batch, path: PassPath, clamps: GateClamp[], pathFrom?: number) {
  const w = randomWeights(spec, mulberry32(7), 0.9);
  const K = checkBatch(spec, b);
  return tf.tidy(() => {
    return passArrays(
      forwardBackward(spec, weightTensors(w, spec), b, K, { path, clamps, pathFrom }),
    );
  });
}

function expectSamePass(a: Record<string, Float32Array>, b: Record<string, Float32Array>): void {
  expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  for (const k of Object.keys(b)) expectClose(k, a[k]!, b[k]!, 1e-5);
}

describe.each(VARIANTS)('$name: fused = op-by-op', ({ spec: variant }) => {
  const spec = randomSpec(variant.cell, { inputSize: 3, hiddenSize: 5, outputSize: 2 }, variant);
  const clampCases = variant.cell === 'elman' ? [[]] : [[], TEST_CLAMPS[variant.cell]];
  it.each([
    { T: 9, B: 1, loss: 'mse' as const },
    { T: 9, B: 3, loss: 'softmax-xent' as const },
    { T: 1, B: 2, loss: 'mse' as const },
  ])('T=$T B=$B $loss', ({ T, B, loss }) => {
    for (const clamps of clampCases) {
      const b = interleavedBatch(spec, T, B, loss, 11 + T + B);
      const before = tf.memory().numTensors;
      const fused = pass(spec, b, 'fused', clamps);
      expect(tf.memory().numTensors).toBe(before);
      expectSamePass(fused, pass(spec, b, 'ops', clamps));
    }
  });
});

describe.each(VARIANTS)('$name: gradsOnly (training)', ({ spec: variant }) => {
  const spec = randomSpec(variant.cell, { inputSize: 3, hiddenSize: 5, outputSize: 2 }, variant);
  it.each(['fused', 'ops'] as const)(
    '%s: the same loss, readout and gradients, less else',
    (path) => {
      const b = interleavedBatch(spec, 7, 3, 'mse', 5);
      const w = randomWeights(spec, mulberry32(7), 0.9);
      const K = checkBatch(spec, b);
      const run = (gradsOnly: boolean) =>
        tf.tidy(() =>
          passArrays(forwardBackward(spec, weightTensors(w, spec), b, K, { path, gradsOnly })),
        );
      const before = tf.memory().numTensors;
      const slim = run(true);
      expect(tf.memory().numTensors).toBe(before);
      const full = run(false);
      const kept = [
        'y',
        'loss',
        'stepLoss',
        ...Object.keys(full).filter((k) => k.startsWith('grad.')),
      ];
      for (const k of kept) expectClose(k, slim[k]!, full[k]!, 1e-6);
      expect(slim.dX).toBeUndefined();
      // the fused path leaves out the blocks nothing reads; GRU's backward reads r on some backends
      const dropped = path === 'fused' && spec.cell !== 'gru';
      const gates = (r: Record<string, Float32Array>) =>
        Object.keys(r).filter((k) => k.startsWith('gate.') || k === 'c');
      expect(gates(slim)).toEqual(dropped ? [] : gates(full));
    },
  );
});

// The same loops with their matrix products in plain JS (no WebAssembly SIMD in the engine).
describe.each(VARIANTS)('$name: fused with JS products = op-by-op', ({ spec: variant }) => {
  const spec = randomSpec(variant.cell, { inputSize: 2, hiddenSize: 6, outputSize: 3 }, variant);
  it.each([
    { T: 7, B: 3, loss: 'softmax-xent' as const },
    { T: 1, B: 1, loss: 'mse' as const },
  ])('T=$T B=$B $loss', ({ T, B, loss }) => {
    const clamps = variant.cell === 'elman' ? [] : TEST_CLAMPS[variant.cell];
    const b = interleavedBatch(spec, T, B, loss, 5 + T);
    expect(wasmSimdActive()).toBe(true);
    setWasmSimd(false);
    try {
      expect(wasmSimdActive()).toBe(false);
      expectSamePass(pass(spec, b, 'fused', clamps), pass(spec, b, 'ops', clamps));
    } finally {
      setWasmSimd(true);
    }
  });
});

describe('fused kernels', () => {
  it('Elman memory path on the backend agrees too', () => {
    const spec = randomSpec('elman', { hiddenSize: 6 });
    const b = interleavedBatch(spec, 12, 1, 'mse', 5);
    expectSamePass(pass(spec, b, 'fused', [], 10), pass(spec, b, 'ops', [], 10));
  });

  it('the recurrence is two kernels per pass and the W_hh sums a third, ≤ 4 per timestep in all', async () => {
    const spec = randomSpec('lstm', { inputSize: 8, hiddenSize: 32, outputSize: 1 });
    const model = { spec, weights: randomWeights(spec, mulberry32(2)) };
    const seq = randomSequence(spec, 100, 'mse', mulberry32(3));
    const programs = fusedStats.programs;
    const fused = await tf.profile(async () => {
      await runTrace(model, seq);
    });
    expect(fusedStats.programs - programs).toBe(3);
    const names = fused.kernels.map((k) => k.name);
    expect(names.filter((n) => n.startsWith('GatescopeRnn'))).toEqual([
      'GatescopeRnnForward',
      'GatescopeRnnBackward',
      'GatescopeRnnWeightGrads',
    ]);
    expect(names.length / 100).toBeLessThanOrEqual(4);
    const ops = await tf.profile(async () => {
      await runTrace(model, seq, { path: 'ops' });
    });
    expect(ops.kernels.length / 100).toBeGreaterThan(15);
  });

  it('switched off, every pass takes the op path; forcing fused then says why it cannot', () => {
    const spec = randomSpec('gru', { hiddenSize: 4 });
    const b = interleavedBatch(spec, 5, 1, 'mse', 9);
    setFusedKernels(false);
    try {
      expect(fusedAvailable()).toBe(false);
      const programs = fusedStats.programs;
      pass(spec, b, 'auto', []);
      expect(fusedStats.programs).toBe(programs);
      expect(() => pass(spec, b, 'fused', [])).toThrow(/not available on the cpu backend/);
    } finally {
      setFusedKernels(true);
    }
  });

  it('wasm runs the same loops: equal to the op path on cpu', async () => {
    for (const v of VARIANTS) {
      const spec = randomSpec(v.spec.cell, { hiddenSize: 7 }, v.spec);
      const b = interleavedBatch(spec, 8, 2, 'mse', 4);
      await useNodeBackend('cpu');
      const ops = pass(spec, b, 'ops', []);
      await useNodeBackend('wasm');
      expect(tf.getBackend()).toBe('wasm');
      const before = tf.memory().numTensors;
      const fused = pass(spec, b, 'fused', []);
      expect(tf.memory().numTensors).toBe(before);
      expectSamePass(fused, ops);
    }
    await useNodeBackend('cpu');
  });
});
