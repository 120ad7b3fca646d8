/** The training-throughput case and its plan (no TF.js here: the report imports them). */
import type { TrainingCaseDef, TrainingPlan } from './types';

export const TRAINING_CASE: TrainingCaseDef = {
  id: 'adding-lstm-T100-H32-B32',
  task: 'adding',
  cell: 'lstm',
  T: 100,
  H: 32,
  batchSize: 32,
};
export const QUICK_TRAINING_CASE: TrainingCaseDef = {
  id: 'adding-lstm-T10-H4-B4',
  task: 'adding',
  cell: 'lstm',
  T: 10,
  H: 4,
  batchSize: 4,
};

/** A cold run, one more untimed, then 5 timed runs of 4 updates each (median per update). */
export const TRAINING_PLAN: TrainingPlan = { warmup: 1, runs: 5, stepsPerRun: 4 };
export const QUICK_TRAINING_PLAN: TrainingPlan = { warmup: 0, runs: 2, stepsPerRun: 1 };
