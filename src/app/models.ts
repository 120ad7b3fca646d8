/**
 * Turning a config into the weights a cell starts from (seeded init or a shipped checkpoint), and
 * what else both the single-cell and the compare controllers need of a model.
 */
import { recurrentSpectralRadii } from '../engine/linalg';
import type { Task } from '../engine/tasks/task';
import type { CellKind, Model, Weights } from '../engine/types';
import type { Config } from '../config/config';
import { loadCheckpoint } from './checkpoint-loader';
import { initModelFor } from '../config/inputs';

export async function buildBaseModel(c: Config, cell: CellKind, t: Task): Promise<Model> {
  if (c.weights === 'trained') return loadCheckpoint({ ...c, cell }, t);
  return initModelFor(c, cell, t);
}

/** Spectral radii per weights object: given by the training worker, or computed here once. */
const knownRadii = new WeakMap<Weights, number[]>();

export function rememberSpectralRadii(weights: Weights, radii: number[]): void {
  knownRadii.set(weights, radii);
}

/** True when these very weights' radii are known (the trace worker need not compute them). */
export function hasSpectralRadii(weights: Weights): boolean {
  return knownRadii.has(weights);
}

/** recurrentSpectralRadii, skipped when these very weights were seen (~30 ms at H = 64). */
export function spectralRadiiOf(model: Model): number[] {
  let radii = knownRadii.get(model.weights);
  if (!radii) {
    radii = recurrentSpectralRadii(model.spec, model.weights);
    knownRadii.set(model.weights, radii);
  }
  return radii;
}

/**
 * Wraps `work` so that runs never overlap and calls coalesce: calls in one task start one run (in
 * a microtask), and calls while it runs schedule exactly one more after it. Retraces driven by
 * the training worker's weights use it: the compare view gets three cells' weights in one
 * message (one retrace draws all three), and on a slow backend a trace can outlast the interval
 * between weights, so traces must not pile up behind each other.
 */
export function oneAtATime(work: () => Promise<void>): () => void {
  let running = false;
  let scheduled = false;
  const start = (): void => {
    scheduled = false;
    running = true;
    void work().finally(() => {
      running = false;
      if (scheduled) start();
    });
  };
  return () => {
    if (scheduled) return;
    scheduled = true;
    if (!running) queueMicrotask(start);
  };
}

export { errorMessage, nextTask } from '../engine/util';
