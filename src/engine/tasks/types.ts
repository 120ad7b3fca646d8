/**
 * The task contract: what every task gives the engine and the views. The task files import only
 * this; task.ts builds a task from its id, so the two never import each other.
 */
import type { Rng } from '../rng';
import type { Batch, LossKind, Sequence } from '../types';

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

/** The one name of each task: the menu shows it and every task's `title` is it. */
export const TASK_TITLES: Readonly<Record<TaskId, string>> = {
  adding: 'Adding problem',
  copy: 'Copy after a delay',
  parity: 'Parity (XOR)',
  forecast: 'Forecast the next value',
  anomaly: 'Spot the anomalies',
  charlm: 'Next character',
  custom: 'Your own sequence',
};
