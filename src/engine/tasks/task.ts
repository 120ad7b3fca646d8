/**
 * The task contract and the one entry point that builds a task from an id and URL-style params.
 * Tasks are pure typed-array generators (no TF.js), so they run the same in Node and the browser.
 */
import type { Rng } from '../rng';
import { EngineInputError } from '../spec';
import type { Batch, LossKind, Sequence } from '../types';
import { createAdding } from './adding';
import { createAnomaly } from './anomaly';
import { createCharLm } from './charlm';
import { createCopy } from './copy';
import { createCustom } from './custom';
import { createForecast } from './forecast';
import { createParity } from './parity';
import { resolveParams, TASK_PARAMS } from './params';

export type TaskId = 'adding' | 'copy' | 'parity' | 'forecast' | 'anomaly' | 'charlm' | 'custom';

export interface ParamSpec {
  key: string;
  label: string;
  min: number;
  max: number;
  step: number;
  default: number;
  help: string;
}

export interface Baseline {
  loss: number;
  how: string;
}

export interface Task {
  id: TaskId;
  title: string;
  /** one or two sentences a student reads */
  description: string;
  inputSize: number;
  outputSize: number;
  loss: LossKind;
  /** validated/clamped values actually used */
  params: Readonly<Record<string, number>>;
  /** T of every sequence this task makes */
  length: number;
  /** B sequences, time-major (row t*B+b), as the engine's Batch type. Deterministic given the rng state. */
  batch(rng: Rng, batchSize: number): Batch;
  /** One sequence (= batch of 1). */
  sample(rng: Rng): Sequence;
  /** The loss of the best MEMORYLESS predictor (one that sees only x_t, or nothing); `how` says how it is computed. */
  baseline: Baseline;
  /**
   * Only where it differs from `baseline` and is exact: the best loss of a predictor that sees
   * x_t but nothing earlier (e.g. a bigram model for text), so "beats this" really means memory.
   */
  inputOnlyBaseline?: Baseline;
  /** The task metric, computed from readout y [T*B, O] row-major (time-major like the batch). */
  metric: { name: string; higherIsBetter: boolean; compute(y: Float32Array, b: Batch): number };
  /** Short label of the input at step t of sequence b=0. */
  inputLabel(seq: Sequence, t: number): string;
  /** Label of the target at step t of sequence b=0, or '' when step t is untargeted. */
  targetLabel(seq: Sequence, t: number): string;
  /** Label of one output row y_t (the predicted class, or the value). */
  outputLabel(y: ArrayLike<number>): string;
}

export const TASK_IDS: readonly TaskId[] = [
  'adding',
  'copy',
  'parity',
  'forecast',
  'anomaly',
  'charlm',
  'custom',
];

export { TASK_PARAMS };

/**
 * Builds a task. Params are clamped to TASK_PARAMS bounds and snapped to their step (unknown keys
 * and non-numbers are ignored so stale URLs still load); `custom` is the user's text for 'custom'.
 */
export function createTask(
  id: TaskId,
  params: Partial<Record<string, number>> = {},
  custom?: string,
): Task {
  if (!TASK_IDS.includes(id)) {
    throw new EngineInputError(
      `unknown task '${String(id)}': expected one of ${TASK_IDS.join(', ')}`,
    );
  }
  const p = resolveParams(TASK_PARAMS[id], params);
  switch (id) {
    case 'adding':
      return createAdding(p);
    case 'copy':
      return createCopy(p);
    case 'parity':
      return createParity(p);
    case 'forecast':
      return createForecast(p);
    case 'anomaly':
      return createAnomaly(p);
    case 'charlm':
      return createCharLm(p);
    case 'custom':
      return createCustom(custom ?? '');
  }
}
