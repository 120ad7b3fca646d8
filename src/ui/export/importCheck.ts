/**
 * Whether an imported model can be shown on the current task, and the settings the page adopts
 * for it. Pure (no TF.js), so the import button can answer before the engine is touched.
 */
import type { Task } from '../../engine/tasks/task';
import type { Model } from '../../engine/types';
import { type Config, KNOBS } from '../../config/config';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A sentence saying why this model cannot run on this task, or null when it can. */
export function importProblem(model: Model, task: Pick<Task, 'id' | 'inputSize' | 'outputSize'>) {
  const { inputSize, outputSize, hiddenSize } = model.spec;
  if (inputSize !== task.inputSize)
    return `this file has inputSize ${inputSize} but the ${task.id} task needs ${plural(task.inputSize, 'input')}`;
  if (outputSize !== task.outputSize)
    return `this file has outputSize ${outputSize} but the ${task.id} task needs ${plural(task.outputSize, 'output')}`;
  const { min, max } = KNOBS.hiddenSize;
  if (hiddenSize < min || hiddenSize > max)
    return `this file has hiddenSize ${hiddenSize}; the page shows ${min} to ${max} hidden units`;
  return null;
}

/**
 * The config that describes the imported model. The file does not record an Elman activation;
 * PyTorch's and Keras's default is tanh, so that is what the page assumes. Seeded-init knobs
 * that would mislabel imported weights (the W_hh scale badge) go back to neutral; the weights
 * selector says 'imported'.
 */
export function configForModel(model: Model): Partial<Config> {
  const s = model.spec;
  return {
    cell: s.cell,
    hiddenSize: s.hiddenSize,
    ...(s.cell === 'gru' ? { gruVariant: s.gruVariant ?? 'reset-after' } : {}),
    ...(s.cell === 'elman' ? { activation: 'tanh' as const } : {}),
    weights: 'imported',
    recurrentScale: 1,
  };
}
