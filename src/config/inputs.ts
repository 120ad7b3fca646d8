/**
 * What a config means for the engine, where that needs no TF.js and no file: the task, its
 * recipe (how a worker rebuilds it), the one sequence the page shows, the keys that say when a
 * model must be rebuilt or retraced, and the seeded initial weights, built once per model key.
 * Shared by the session (src/app/session/), the backend measurement (a model of the page's own
 * size), the precomputed first trace (scripts/precompute-trace.ts writes it, the page checks it),
 * the training worker (createTask from the recipe) and their tests.
 */
import { Rng } from '../engine/rng';
import { createTask, type Task, type TaskId } from '../engine/tasks/task';
import type { CellKind, Model, ModelSpec, Sequence } from '../engine/types';
import { initModel } from '../engine/weights/init';
import { type Config, interventionKey, sequenceSeed, weightsKey } from './config';

export function taskFor(c: Config): Task {
  return createTask(c.task, c.taskParams, c.customText);
}

/** What createTask needs to rebuild the page's task on the other side of a worker. */
export interface TaskRecipe {
  id: TaskId;
  params: Partial<Record<string, number>>;
  customText: string;
}

export function recipeFor(c: Config): TaskRecipe {
  return { id: c.task, params: c.taskParams, customText: c.customText };
}

/** The one sequence the page shows for this config (its own seeded stream). */
export function sequenceFor(c: Config, t: Task): Sequence {
  return t.sample(new Rng(sequenceSeed(c.seed)));
}

/** Everything that decides a cell's starting weights: a new key means a new model. */
export function modelKey(c: Config, cell: CellKind): string {
  return cell + weightsKey(c);
}

/** Everything that changes the single view's picture: its model's key plus the what-ifs. */
export function viewKey(c: Config): string {
  return modelKey(c, c.cell) + interventionKey(c);
}

/** Seeded models by key: start-up asks for the default one three times (first frame, measure, trace). */
const initCache = new Map<string, Model>();
const INIT_CACHE_SIZE = 6;

/**
 * The seeded initial weights ('random' weights) of `cell` for this config and task, built once
 * per model key (the recent few are kept). Callers never write into the arrays: training works
 * on copies in the training worker, and a trained model is a new object.
 */
export function initModelFor(c: Config, cell: CellKind, t: Task): Model {
  const key = `${modelKey(c, cell)}|${t.inputSize}|${t.outputSize}`;
  const cached = initCache.get(key);
  if (cached) return cached;
  const spec: ModelSpec = {
    cell,
    gruVariant: c.gruVariant,
    activation: c.activation,
    inputSize: t.inputSize,
    hiddenSize: c.hiddenSize,
    outputSize: t.outputSize,
  };
  const model = initModel(spec, {
    seed: c.seed,
    recurrentScale: c.recurrentScale,
    forgetBias: c.forgetBias,
  });
  initCache.set(key, model);
  if (initCache.size > INIT_CACHE_SIZE) initCache.delete(initCache.keys().next().value!);
  return model;
}
