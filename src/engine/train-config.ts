/**
 * Training settings as plain data, TF.js-free so the UI can hold and validate them before the
 * engine is loaded.
 */
import { EngineInputError, LIMITS, checkInt } from './spec';

export type OptimizerKind = 'adam' | 'sgd' | 'rmsprop';

export interface TrainConfig {
  optimizer: OptimizerKind;
  learningRate: number;
  /** SGD momentum (0 = plain SGD); ignored by the others. */
  momentum?: number;
  batchSize: number;
  /** Clip the global gradient norm to this value; 0 turns clipping off. */
  clipNorm: number;
  /** Seeds the batch sampler, so the same seed replays the same run. */
  seed: number;
}

export const DEFAULT_TRAIN: TrainConfig = {
  optimizer: 'adam',
  learningRate: 0.01,
  momentum: 0.9,
  batchSize: 32,
  clipNorm: 1,
  seed: 1,
};

/** Throws EngineInputError naming the setting and its allowed range. */
export function checkTrainConfig(c: TrainConfig): void {
  checkInt('batch size', c.batchSize, LIMITS.batchSize);
  if (!(c.learningRate > 0 && c.learningRate <= 100))
    throw new EngineInputError(`learning rate must be in (0, 100] (got ${c.learningRate})`);
  if (!(c.clipNorm >= 0 && Number.isFinite(c.clipNorm)))
    throw new EngineInputError(`clip norm must be 0 (off) or positive (got ${c.clipNorm})`);
  const m = c.momentum ?? 0;
  if (!(m >= 0 && m < 1)) throw new EngineInputError(`momentum must be in [0, 1) (got ${m})`);
}
