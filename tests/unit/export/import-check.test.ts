/** Whether an imported model fits the current task, and the config the page adopts for it. */
import { describe, expect, it } from 'vitest';
import { createTask } from '../../../src/engine/tasks/task';
import { initModel } from '../../../src/engine/weights/init';
import { DEFAULT_CONFIG, sanitize } from '../../../src/config/config';
import { configForModel, importProblem } from '../../../src/ui/export/importCheck';

const adding = createTask('adding', {}, '');
const model = (inputSize: number, hiddenSize: number, outputSize: number, cell = 'gru' as const) =>
  initModel({ cell, inputSize, hiddenSize, outputSize, gruVariant: 'reset-before' }, { seed: 1 });

describe('importProblem', () => {
  it('accepts a model with the task’s input and output sizes', () => {
    expect(importProblem(model(2, 8, 1), adding)).toBeNull();
  });
  it('says which size is wrong and what the task needs', () => {
    expect(importProblem(model(3, 8, 1), adding)).toBe(
      'this file has inputSize 3 but the adding task needs 2 inputs',
    );
    expect(importProblem(model(2, 8, 4), adding)).toBe(
      'this file has outputSize 4 but the adding task needs 1 output',
    );
    expect(importProblem(model(2, 128, 1), adding)).toMatch(/hiddenSize 128; the page shows/);
  });
});

describe('configForModel', () => {
  it('adopts the file’s cell, variant and hidden size, and survives sanitize unchanged', () => {
    const patch = configForModel(model(2, 8, 1));
    expect(patch).toMatchObject({ cell: 'gru', gruVariant: 'reset-before', hiddenSize: 8 });
    const next = sanitize({ ...DEFAULT_CONFIG, weights: 'trained', recurrentScale: 2 }, patch);
    expect(next).toMatchObject({ ...patch, weights: 'imported', recurrentScale: 1 });
  });
});
