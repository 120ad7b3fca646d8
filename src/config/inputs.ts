/**
 * The inputs of the page's trace for a config, where they need no TF.js and no file: the task,
 * the shown sequence and the seeded initial weights. Shared by the engine controller (through
 * models.ts), the backend measurement (a model of the page's own size), the precomputed first
 * trace (scripts/precompute-trace.ts writes it, the page shell checks it) and their tests.
 */
import { Rng } from '../engine/rng';
import { createTask, type Task } from '../engine/tasks/task';
import type { CellKind, Model, ModelSpec, Sequence } from '../engine/types';
import { initModel } from '../engine/weights/init';
import { type Config, sequenceSeed } from './config';

export function taskFor(c: Config): Task {
  return createTask(c.task, c.taskParams, c.customText);
}

/** The one sequence the page shows for this config (its own seeded stream). */
export function sequenceFor(c: Config, t: Task): Sequence {
  return t.sample(new Rng(sequenceSeed(c.seed)));
}

/** The seeded initial weights ('random' weights) of `cell` for this config and task. */
export function initModelFor(c: Config, cell: CellKind, t: Task): Model {
  const spec: ModelSpec = {
    cell,
    gruVariant: c.gruVariant,
    activation: c.activation,
    inputSize: t.inputSize,
    hiddenSize: c.hiddenSize,
    outputSize: t.outputSize,
  };
  return initModel(spec, {
    seed: c.seed,
    recurrentScale: c.recurrentScale,
    forgetBias: c.forgetBias,
  });
}
