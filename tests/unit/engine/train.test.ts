/** Training with the engine's BPTT: it learns, it is reproducible, it leaks nothing, it stops on NaN. */
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng';
import { createTask } from '../../../src/engine/tasks/task';
import { Trainer, globalNorm, isDivergence, type StepReport } from '../../../src/engine/train';
import type { ModelSpec } from '../../../src/engine/types';
import { initModel } from '../../../src/engine/weights/init';
import { useCpu } from './helpers';

beforeAll(useCpu);

const adding = createTask('adding', { length: 10 });
const spec = (cell: ModelSpec['cell']): ModelSpec => ({
  cell,
  inputSize: adding.inputSize,
  hiddenSize: 16,
  outputSize: adding.outputSize,
});

async function run(trainer: Trainer, steps: number): Promise<StepReport[]> {
  const out: StepReport[] = [];
  for (let k = 0; k < steps; k++) {
    const r = await trainer.step();
    if (isDivergence(r)) throw new Error(r.reason);
    out.push(r);
  }
  return out;
}

describe('Trainer', () => {
  it('learns the adding problem at T=10 well below the 1/6 baseline', async () => {
    const trainer = new Trainer(initModel(spec('lstm'), { seed: 1 }), adding, {
      learningRate: 0.01,
      batchSize: 32,
      seed: 2,
    });
    const test = adding.batch(new Rng(999), 256);
    const before = await trainer.evaluate(test);
    await run(trainer, 400);
    const after = await trainer.evaluate(test);
    trainer.dispose();
    expect(before.loss).toBeGreaterThan(adding.baseline.loss * 0.8);
    expect(after.loss).toBeLessThan(adding.baseline.loss * 0.2);
  });

  it.each(['adam', 'sgd', 'rmsprop'] as const)(
    '%s replays exactly from the same seed',
    async (optimizer) => {
      const make = () =>
        new Trainer(initModel(spec('gru'), { seed: 3 }), adding, {
          optimizer,
          learningRate: 0.01,
          batchSize: 8,
          seed: 4,
        });
      const [a, b] = [make(), make()];
      const la = (await run(a, 5)).map((r) => r.loss);
      const lb = (await run(b, 5)).map((r) => r.loss);
      expect(la).toEqual(lb);
      expect(new Set(la).size).toBeGreaterThan(1);
      a.dispose();
      b.dispose();
    },
  );

  it('global gradient norm: close to float64, no overflow or underflow, NaN for non-finite', () => {
    const norm = (...parts: number[][]) =>
      tf.tidy(() => globalNorm(parts.map((p) => tf.tensor1d(p))).dataSync()[0]!);
    const exact = (...parts: number[][]) => Math.hypot(...parts.flat());
    const a = [0.3, -1.25, 2e-3];
    const b = [4, -0.5];
    expect(norm(a, b)).toBeCloseTo(exact(a, b), 5);
    expect(norm([0, 0], [0])).toBe(0);
    // squares of these would overflow or underflow float32 without the scaling
    expect(norm([3e30], [-4e30]) / 5e30).toBeCloseTo(1, 5);
    expect(norm([3e-30], [4e-30]) / 5e-30).toBeCloseTo(1, 5);
    expect(norm([1, Infinity])).toBeNaN();
    expect(norm([1, NaN], [2])).toBeNaN();
  });

  it('clips the global gradient norm', async () => {
    const trainer = new Trainer(
      initModel(spec('elman'), { seed: 5, recurrentScale: 2.5 }),
      adding,
      { clipNorm: 1e-3, seed: 1 },
    );
    const [r] = await run(trainer, 1);
    expect(r!.clipped).toBe(true);
    expect(r!.gradNorm).toBeGreaterThan(1e-3);
    trainer.dispose();
  });

  it('leaks no tensors over steps, evaluation and disposal', async () => {
    const before = tf.memory().numTensors;
    const trainer = new Trainer(initModel(spec('lstm'), { seed: 1 }), adding, { batchSize: 4 });
    await run(trainer, 3);
    const during = tf.memory().numTensors;
    await run(trainer, 5);
    expect(tf.memory().numTensors).toBe(during);
    await trainer.evaluate(adding.batch(new Rng(1), 4));
    await trainer.model();
    trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops at the first non-finite loss and keeps the last good weights', async () => {
    const trainer = new Trainer(initModel(spec('elman'), { seed: 7, recurrentScale: 3 }), adding, {
      optimizer: 'sgd',
      momentum: 0,
      learningRate: 100,
      clipNorm: 0,
      batchSize: 8,
    });
    let result: Awaited<ReturnType<Trainer['step']>> | undefined;
    for (let k = 0; k < 200; k++) {
      result = await trainer.step();
      if (isDivergence(result)) break;
    }
    expect(result && isDivergence(result)).toBe(true);
    const d = trainer.divergence!;
    expect(d.reason).toMatch(/became infinite or NaN at step \d+; kept the weights after step \d+/);
    expect(trainer.steps).toBe(d.step - 2);
    const model = await trainer.model();
    expect(Object.values(model.weights).every((a) => a.every(Number.isFinite))).toBe(true);
    // Refuses further steps until reset, without touching the weights.
    expect(await trainer.step()).toBe(d);
    trainer.dispose();
  });

  it('refuses bad settings with a message', () => {
    const m = initModel(spec('lstm'), { seed: 1 });
    expect(() => new Trainer(m, adding, { learningRate: -1 })).toThrow(
      /learning rate must be in \(0, 100\]/,
    );
    expect(() => new Trainer(m, adding, { batchSize: 0 })).toThrow(
      /batch size must be a whole number from 1 to 512/,
    );
    expect(() => new Trainer(m, adding, { momentum: 1 })).toThrow(/momentum must be in \[0, 1\)/);
  });
});
