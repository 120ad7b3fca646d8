/** Every task and setting: shapes, masks, time-major layout, determinism, labels, metric sanity. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBatch } from '../../../src/engine/network';
import { Rng } from '../../../src/engine/rng';
import { LIMITS } from '../../../src/engine/spec';
import { TASK_IDS, TASK_PARAMS, type Task } from '../../../src/engine/tasks/task';
import type { Batch } from '../../../src/engine/types';
import {
  build,
  countMask,
  perfectReadout,
  SETTINGS,
  stepOf,
  targetWidth,
  type Setting,
} from './helpers';

/** Targeted steps per sequence, as each task documents it. */
function expectedTargetSteps(s: Setting, task: Task): number[] {
  const T = task.length;
  const all = Array.from({ length: T }, (_, t) => t);
  if (s.id === 'adding' || s.id === 'parity') return [T - 1];
  if (s.id === 'copy') {
    const k = task.params.items!;
    return all.slice(T - k);
  }
  return all;
}

describe.each(SETTINGS.map((s) => [s.name, s] as const))('%s', (_name, s) => {
  const task = build(s);
  const B = 7;
  const batch = task.batch(new Rng(11), B);

  it('has shapes, sizes and limits that match the engine', () => {
    const T = task.length;
    expect(T).toBeGreaterThanOrEqual(1);
    expect(T).toBeLessThanOrEqual(LIMITS.length.max);
    expect(batch).toMatchObject({ length: T, inputSize: task.inputSize, loss: task.loss });
    expect(batch.batchSize).toBe(B);
    expect(batch.inputs).toBeInstanceOf(Float32Array);
    expect(batch.targets).toBeInstanceOf(Float32Array);
    expect(batch.mask).toBeInstanceOf(Uint8Array);
    expect(batch.inputs.length).toBe(T * B * task.inputSize);
    expect(batch.targets.length).toBe(T * B * targetWidth(task));
    expect(batch.mask.length).toBe(T * B);
    expect(batch.inputs.every(Number.isFinite)).toBe(true);
    const spec = { cell: 'lstm' as const, inputSize: task.inputSize, hiddenSize: 3 };
    expect(checkBatch({ ...spec, outputSize: task.outputSize }, batch)).toBe(countMask(batch.mask));
  });

  it('targets exactly the documented steps, with valid targets', () => {
    const steps = expectedTargetSteps(s, task);
    expect(countMask(batch.mask)).toBe(steps.length * B);
    for (const t of steps) for (let b = 0; b < B; b++) expect(batch.mask[t * B + b]).toBe(1);
    for (let r = 0; r < task.length * B; r++) {
      if (!batch.mask[r]) continue;
      const W = targetWidth(task);
      for (let o = 0; o < W; o++) {
        const v = batch.targets[r * W + o]!;
        if (task.loss === 'mse') expect(Number.isFinite(v)).toBe(true);
        else expect(Number.isInteger(v) && v >= 0 && v < task.outputSize).toBe(true);
      }
    }
  });

  it('lays batches out time-major: row t*B+b is step t of the b-th sequence drawn', () => {
    const rng = new Rng(11);
    const seqs = Array.from({ length: B }, () => task.sample(rng));
    const one: Batch = { ...seqs[0]!, batchSize: 1 };
    for (let b = 0; b < B; b++) {
      const seqB: Batch = { ...seqs[b]!, batchSize: 1 };
      for (let t = 0; t < task.length; t++) {
        expect(stepOf(task, batch, t, b)).toEqual(stepOf(task, seqB, t, 0));
      }
    }
    // Labels read sequence b=0 whether given a Sequence or a Batch.
    for (let t = 0; t < task.length; t++) {
      expect(task.inputLabel(batch, t)).toBe(task.inputLabel(one, t));
      expect(task.targetLabel(batch, t)).toBe(task.targetLabel(seqs[0]!, t));
    }
  });

  it('is deterministic per seed', () => {
    expect(task.batch(new Rng(11), B)).toEqual(batch);
    const other = task.batch(new Rng(12), B);
    // The user's own sequence is fixed: every seed gives the same copies.
    if (s.id === 'custom') expect(other).toEqual(batch);
    else expect(other.inputs).not.toEqual(batch.inputs);
  });

  it('labels every input and every targeted step, and nothing else', () => {
    const seq = task.sample(new Rng(3));
    for (let t = 0; t < task.length; t++) {
      expect(task.inputLabel(seq, t)).not.toBe('');
      expect(task.targetLabel(seq, t) !== '').toBe(seq.mask[t] === 1);
    }
    const y = perfectReadout(task, seq);
    const O = task.outputSize;
    for (let t = 0; t < task.length; t++) {
      const label = task.outputLabel(y.subarray(t * O, (t + 1) * O));
      expect(label).not.toBe('');
      if (seq.mask[t] && task.loss === 'softmax-xent') expect(label).toBe(task.targetLabel(seq, t));
    }
  });

  it('scores a perfect readout perfectly and rejects a misshapen one', () => {
    const y = perfectReadout(task, batch);
    expect(task.metric.compute(y, batch)).toBe(task.metric.higherIsBetter ? 1 : 0);
    expect(() => task.metric.compute(y.subarray(1), batch)).toThrow(/readout must hold/);
  });

  it('states a finite baseline and how it was computed', () => {
    expect(Number.isFinite(task.baseline.loss)).toBe(true);
    expect(task.baseline.loss).toBeGreaterThanOrEqual(0);
    expect(task.baseline.how.length).toBeGreaterThan(20);
    expect(task.title).not.toBe('');
    expect(task.description.length).toBeGreaterThan(30);
  });
});

describe('task registry', () => {
  it('covers every id with a param table whose lengths fit LIMITS', () => {
    expect([...TASK_IDS].sort()).toEqual(Object.keys(TASK_PARAMS).sort());
    for (const id of TASK_IDS) {
      for (const p of TASK_PARAMS[id]) {
        expect(p.min).toBeLessThanOrEqual(p.default);
        expect(p.default).toBeLessThanOrEqual(p.max);
        if (p.key === 'length') expect(p.max).toBeLessThanOrEqual(LIMITS.length.max);
      }
    }
  });

  it('rejects batch sizes outside LIMITS', () => {
    const task = build(SETTINGS[0]!);
    expect(() => task.batch(new Rng(1), 0)).toThrow(/batch size must be a whole number/);
    expect(() => task.batch(new Rng(1), LIMITS.batchSize.max + 1)).toThrow(/batch size/);
  });

  it('keeps the generators free of TF.js, DOM and UI imports', () => {
    const dir = join(__dirname, '../../../src/engine/tasks');
    for (const f of readdirSync(dir)) {
      const src = readFileSync(join(dir, f), 'utf8');
      expect(src, f).not.toMatch(/from '(@tensorflow|react|d3|zustand)/);
      expect(src, f).not.toMatch(/\b(document|window)\.[a-z]/i);
    }
  });
});
