/**
 * The wasm backend (used by the CLI and the training scripts) gives the same trace as cpu,
 * including at sizes where per-step rows are gathered instead of sliced (see cells/common.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng';
import { runTrace } from '../../../src/engine/trace';
import type { ModelSpec, Sequence } from '../../../src/engine/types';
import { initModel } from '../../../src/engine/weights/init';
import { useNodeBackend } from '../../../scripts/node-backend';
import { expectClose } from './helpers';

afterAll(() => useNodeBackend('cpu'));

function sequence(T: number, I: number): Sequence {
  const r = new Rng(3);
  return {
    length: T,
    inputSize: I,
    inputs: Float32Array.from({ length: T * I }, () => r.uniform(-1, 1)),
    loss: 'mse',
    mask: new Uint8Array(T).fill(1),
    targets: new Float32Array(T),
  };
}

describe('wasm backend', () => {
  it.each(['lstm', 'gru', 'elman'] as const)(
    '%s: same trace as cpu, T large enough to gather rows',
    async (cell) => {
      const spec: ModelSpec = { cell, inputSize: 4, hiddenSize: 64, outputSize: 1 };
      const model = initModel(spec, { seed: 2, recurrentScale: 0.9 });
      const seq = sequence(300, 4);
      await useNodeBackend('cpu');
      const cpu = await runTrace(model, seq);
      await useNodeBackend('wasm');
      expect(tf.getBackend()).toBe('wasm');
      const before = tf.memory().numTensors;
      const wasm = await runTrace(model, seq);
      expect(tf.memory().numTensors).toBe(before);
      expectClose('h', wasm.h, cpu.h, 1e-5);
      expectClose('grad h', wasm.grad.h, cpu.grad.h, 1e-5);
      expectClose('dWhh', wasm.grad.weights.wHh, cpu.grad.weights.wHh, 1e-5);
    },
  );

  // The op path's products add their bias in TF.js's fused matMul where that works; wasm's
  // fused product with transposeB does not (cells/common.ts), so every cell is checked there.
  it.each(['lstm', 'gru', 'elman'] as const)('%s: the op path on wasm equals cpu', async (cell) => {
    const spec: ModelSpec = { cell, inputSize: 3, hiddenSize: 8, outputSize: 1 };
    const model = initModel(spec, { seed: 4, recurrentScale: 0.9 });
    const seq = sequence(12, 3);
    await useNodeBackend('cpu');
    const cpu = await runTrace(model, seq, { path: 'ops' });
    await useNodeBackend('wasm');
    const wasm = await runTrace(model, seq, { path: 'ops' });
    expectClose('h', wasm.h, cpu.h, 1e-5);
    expectClose('dWhh', wasm.grad.weights.wHh, cpu.grad.weights.wHh, 1e-5);
  });
});
