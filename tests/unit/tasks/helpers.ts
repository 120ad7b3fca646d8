/** Shared fixtures for the task tests: settings that cover every task and its parameter corners. */
import { createTask, type Task, type TaskId } from '../../../src/engine/tasks/task';
import type { Batch, Sequence } from '../../../src/engine/types';

export interface Setting {
  name: string;
  id: TaskId;
  params?: Record<string, number>;
  custom?: string;
}

export const SETTINGS: readonly Setting[] = [
  { name: 'adding default', id: 'adding' },
  { name: 'adding short odd', id: 'adding', params: { length: 11 } },
  { name: 'copy default', id: 'copy' },
  { name: 'copy no gap', id: 'copy', params: { symbols: 2, items: 1, gap: 0 } },
  { name: 'copy max', id: 'copy', params: { symbols: 8, items: 10, gap: 200 } },
  { name: 'parity default', id: 'parity' },
  { name: 'parity min', id: 'parity', params: { length: 2 } },
  { name: 'forecast default', id: 'forecast' },
  { name: 'forecast 1 wave noiseless', id: 'forecast', params: { waves: 1, noise: 0, length: 10 } },
  { name: 'forecast 3 waves noisy', id: 'forecast', params: { waves: 3, noise: 0.5 } },
  { name: 'anomaly default', id: 'anomaly' },
  { name: 'anomaly frequent', id: 'anomaly', params: { rate: 0.3, length: 300 } },
  { name: 'charlm default', id: 'charlm' },
  { name: 'charlm short', id: 'charlm', params: { length: 5 } },
  { name: 'custom numbers', id: 'custom', custom: '1, 2, 3.5, -4, 5e2' },
  { name: 'custom text', id: 'custom', custom: 'the cat sat on the mat.\nthe end' },
];

export function build(s: Setting): Task {
  return createTask(s.id, s.params, s.custom);
}

/** Values per target row: O for mse, 1 class index for softmax-xent. */
export function targetWidth(task: Task): number {
  return task.loss === 'mse' ? task.outputSize : 1;
}

/** Step t of sequence b of a batch, as a standalone one-sequence view (copied). */
export function stepOf(task: Task, b: Batch, t: number, seq: number) {
  const r = t * b.batchSize + seq;
  const I = task.inputSize;
  const W = targetWidth(task);
  return {
    input: Array.from(b.inputs.subarray(r * I, (r + 1) * I)),
    mask: b.mask[r],
    target: Array.from(b.targets.subarray(r * W, (r + 1) * W)),
  };
}

/** A readout that puts all its mass on the target class (or equals the target value). */
export function perfectReadout(task: Task, b: Sequence & { batchSize?: number }): Float32Array {
  const rows = b.length * (b.batchSize ?? 1);
  const O = task.outputSize;
  const y = new Float32Array(rows * O);
  for (let r = 0; r < rows; r++) {
    if (task.loss === 'mse') for (let o = 0; o < O; o++) y[r * O + o] = b.targets[r * O + o]!;
    else y[r * O + b.targets[r]!] = 5;
  }
  return y;
}

export function countMask(mask: Uint8Array): number {
  return mask.reduce((a, m) => a + m, 0);
}
