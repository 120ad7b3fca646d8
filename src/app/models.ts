/**
 * Turning a config into the weights a cell starts from (seeded init or a shipped checkpoint),
 * shared by the single-cell and the compare controllers.
 */
import type { Task } from '../engine/tasks/task';
import type { CellKind, Model } from '../engine/types';
import type { Config } from '../store/config';
import { loadCheckpoint } from './checkpoint-loader';
import { initModelFor } from './traceInputs';

export async function buildBaseModel(c: Config, cell: CellKind, t: Task): Promise<Model> {
  if (c.weights === 'trained') return loadCheckpoint({ ...c, cell }, t);
  return initModelFor(c, cell, t);
}

export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
