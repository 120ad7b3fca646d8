/**
 * Long-session soak in Node on the cpu backend: many cell/task switches, thousands of training
 * steps and every error path must leave tf.memory().numTensors where it was. JS heap numbers
 * are recorded and printed only with SOAK_REPORT=1 (a forced gc runs first when node was
 * started with --expose-gc; nothing requires it). See docs/reliability.md.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initModel } from '../../../src/engine';
import { Rng } from '../../../src/engine/rng';
import { EngineInputError } from '../../../src/engine/spec';
import { createTask, type TaskId } from '../../../src/engine/tasks/task';
import { runTrace } from '../../../src/engine/trace';
import { Trainer, isDivergence } from '../../../src/engine/train';
import type { Model, ModelSpec, Sequence } from '../../../src/engine/types';
import { VARIANTS, useCpu } from '../engine/helpers';

const REPORT = process.env.SOAK_REPORT === '1';
const rows: string[] = [];

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

function record(what: string, t0: number, heap0: number, tensors: string): void {
  const ms = performance.now() - t0;
  rows.push(
    `${what}: ${(ms / 1000).toFixed(1)} s, tensors ${tensors}, heap ${heap0.toFixed(1)} → ${heapMb().toFixed(1)} MB`,
  );
}

const TASKS: [TaskId, Record<string, number>][] = [
  ['adding', { length: 12 }],
  ['copy', { symbols: 3, items: 2, gap: 4 }],
  ['parity', { length: 10 }],
  ['forecast', { length: 16 }],
  ['anomaly', { length: 24 }],
  ['charlm', { length: 14 }],
];

function modelFor(variant: (typeof VARIANTS)[number], id: TaskId, H: number, seed: number) {
  const [, params] = TASKS.find(([t]) => t === id)!;
  const task = createTask(id, params);
  const spec: ModelSpec = {
    ...variant.spec,
    inputSize: task.inputSize,
    hiddenSize: H,
    outputSize: task.outputSize,
  };
  return { task, model: initModel(spec, { seed }), seq: task.sample(new Rng(seed)) };
}

beforeAll(async () => {
  await useCpu();
});

afterAll(() => {
  if (REPORT) console.log(['soak (unit, cpu):', ...rows].join('\n  '));
});

describe('soak', () => {
  it('200 cell/task switches with a trace each leave no tensor behind', async () => {
    const t0 = performance.now();
    const heap0 = heapMb();
    const before = tf.memory().numTensors;
    const sizes = [1, 4, 8, 16];
    for (let k = 0; k < 200; k++) {
      const variant = VARIANTS[k % VARIANTS.length]!;
      const [id] = TASKS[Math.floor(k / VARIANTS.length) % TASKS.length]!;
      const { model, seq } = modelFor(variant, id, sizes[k % sizes.length]!, k + 1);
      const trace = await runTrace(model, seq);
      expect(Number.isFinite(trace.loss)).toBe(true);
    }
    const after = tf.memory().numTensors;
    record('200 switches', t0, heap0, `${before} → ${after}`);
    expect(after).toBe(before);
  });

  it('2,000 training steps keep the tensor count flat; evaluate() and model() leak nothing', async () => {
    const t0 = performance.now();
    const heap0 = heapMb();
    const before = tf.memory().numTensors;
    const task = createTask('adding', { length: 10 });
    const model = initModel(
      { cell: 'elman', inputSize: task.inputSize, hiddenSize: 8, outputSize: task.outputSize },
      { seed: 3 },
    );
    const tr = new Trainer(model, task, { batchSize: 4, seed: 5 });
    const first = await tr.step();
    expect(isDivergence(first)).toBe(false);
    const afterFirst = tf.memory().numTensors;
    const evalBatch = task.batch(new Rng(9), 4);
    for (let k = 2; k <= 2000; k++) {
      const r = await tr.step();
      if (isDivergence(r)) throw new Error(r.reason);
      if (k % 250 === 0) {
        expect(tf.memory().numTensors, `after step ${k}`).toBe(afterFirst);
        const e = await tr.evaluate(evalBatch);
        expect(Number.isFinite(e.loss)).toBe(true);
        await tr.model();
        expect(tf.memory().numTensors, `after evaluate/model at ${k}`).toBe(afterFirst);
      }
    }
    expect(tr.steps).toBe(2000);
    tr.dispose();
    const after = tf.memory().numTensors;
    record(
      '2,000 steps',
      t0,
      heap0,
      `${before} → ${afterFirst} (after step 1) → ${afterFirst} (step 2,000) → ${after} (disposed)`,
    );
    expect(after).toBe(before);
  });

  it('every error path leaves the tensor count unchanged', async () => {
    const t0 = performance.now();
    const heap0 = heapMb();
    const before = tf.memory().numTensors;
    const { task, model, seq } = modelFor(VARIANTS[2]!, 'adding', 4, 1);
    const badSeq = (s: Partial<Sequence>): Sequence => ({ ...seq, ...s });
    const badModel = (m: Partial<Model['weights']>): Model => ({
      ...model,
      weights: { ...model.weights, ...m },
    });
    const nan = new Float32Array(model.weights.wHh.length).fill(NaN);
    const traceCases: [string, () => Promise<unknown>][] = [
      ['short x', () => runTrace(model, badSeq({ inputs: seq.inputs.subarray(1) }))],
      ['bad length', () => runTrace(model, badSeq({ length: 0 }))],
      ['short target', () => runTrace(model, badSeq({ targets: seq.targets.subarray(1) }))],
      ['short mask', () => runTrace(model, badSeq({ mask: seq.mask.subarray(1) }))],
      ['short wHh', () => runTrace(badModel({ wHh: model.weights.wHh.subarray(1) }), seq)],
      ['NaN wHh', () => runTrace(badModel({ wHh: nan }), seq)],
      ['hidden 0', () => runTrace({ ...model, spec: { ...model.spec, hiddenSize: 0 } }, seq)],
      [
        'unknown cell',
        () => runTrace({ ...model, spec: { ...model.spec, cell: 'rnn' as 'lstm' } }, seq),
      ],
      [
        'bad clamp',
        () => runTrace(model, seq, { clamps: [{ gate: 'nope', from: 0, to: 99, value: 2 }] }),
      ],
    ];
    const trainerCases: [string, () => unknown][] = [
      ['batch 0', () => new Trainer(model, task, { batchSize: 0 })],
      ['lr 0', () => new Trainer(model, task, { learningRate: 0 })],
      ['lr NaN', () => new Trainer(model, task, { learningRate: NaN })],
      ['clip -1', () => new Trainer(model, task, { clipNorm: -1 })],
      ['momentum 1', () => new Trainer(model, task, { optimizer: 'sgd', momentum: 1 })],
      ['NaN weights', () => new Trainer(badModel({ wHh: nan }), task)],
    ];
    let rejected = 0;
    for (let round = 0; round < 20; round++) {
      for (const [name, run] of traceCases) {
        const n0 = tf.memory().numTensors;
        await expect(run(), name).rejects.toThrow();
        expect(tf.memory().numTensors, name).toBe(n0);
        rejected++;
      }
      for (const [name, make] of trainerCases) {
        const n0 = tf.memory().numTensors;
        expect(make, name).toThrow(EngineInputError);
        expect(tf.memory().numTensors, name).toBe(n0);
        rejected++;
      }
      expect(tf.memory().numTensors, `round ${round}`).toBe(before);
    }
    // A diverging run: SGD at lr 100 on an Elman with recurrent scale 3 and no clipping.
    const elman = modelFor(VARIANTS[0]!, 'adding', 8, 2);
    const wild = initModel(elman.model.spec, { seed: 2, recurrentScale: 3 });
    let divergedAt = 0;
    for (let run = 0; run < 5; run++) {
      const tr = new Trainer(wild, elman.task, {
        optimizer: 'sgd',
        learningRate: 100,
        momentum: 0,
        clipNorm: 0,
        batchSize: 4,
        seed: run + 1,
      });
      let r = await tr.step();
      for (let k = 0; k < 200 && !isDivergence(r); k++) r = await tr.step();
      expect(isDivergence(r), `run ${run} diverges`).toBe(true);
      divergedAt = Math.max(divergedAt, tr.divergence!.step);
      // Stepping past divergence is refused and allocates nothing.
      for (let k = 0; k < 10; k++) expect(isDivergence(await tr.step())).toBe(true);
      const m = await tr.model();
      expect(m.weights.wHh.every(Number.isFinite)).toBe(true);
      await tr.evaluate(elman.task.batch(new Rng(1), 4));
      tr.dispose();
      // Nothing stays, including tfjs-core 4.22's SGD learning-rate scalar that
      // MomentumOptimizer.dispose() forgets (Trainer.dispose frees it).
      expect(tf.memory().numTensors, `diverging run ${run}`).toBe(before);
    }
    record(
      `error paths (${rejected} rejections, 5 divergences by step ≤ ${divergedAt})`,
      t0,
      heap0,
      `${before} → ${tf.memory().numTensors}`,
    );
  });

  // The constructor picks the optimizer before making its variables, so an invalid one leaves
  // nothing behind.
  it('a Trainer with an unknown optimizer leaves no variables behind', () => {
    const { task, model } = modelFor(VARIANTS[0]!, 'adding', 4, 1);
    const before = tf.memory().numTensors;
    expect(() => new Trainer(model, task, { optimizer: 'lbfgs' as 'adam' })).toThrow(
      EngineInputError,
    );
    expect(tf.memory().numTensors).toBe(before);
  });
});
