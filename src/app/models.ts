/**
 * Turning a config into the weights a cell starts from (seeded init or a shipped checkpoint),
 * shared by the single-cell and the compare controllers.
 */
import type { Task } from '../engine/tasks/task';
import type { CellKind, Model, ModelSpec } from '../engine/types';
import { initModel } from '../engine/weights/init';
import type { Config } from '../store/config';
import { loadCheckpoint } from './checkpoint-loader';

export async function buildBaseModel(c: Config, cell: CellKind, t: Task): Promise<Model> {
  if (c.weights === 'trained') return loadCheckpoint({ ...c, cell }, t);
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

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
