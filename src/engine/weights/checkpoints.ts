/**
 * Shipped checkpoints: public/checkpoints/<cell>-<task>.json (gatescope.weights/1) listed in
 * manifest.json with the task settings they were trained on and how well they did.
 */
import type { CellKind } from '../types';

export interface CheckpointEntry {
  id: string;
  cell: CellKind;
  task: string;
  /** the task parameters used in training: the page adopts them when the checkpoint loads */
  taskParams: Record<string, number>;
  hiddenSize: number;
  seed: number;
  steps: number;
  testLoss: number;
  /** loss of the best memoryless guess, for comparison */
  baseline: number;
  metricName: string;
  testMetric: number;
}

export function checkpointId(cell: CellKind, task: string): string {
  return `${cell}-${task}`;
}
