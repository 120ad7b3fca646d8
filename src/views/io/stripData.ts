/**
 * Render data for the input / output strip: per step the input token or value, the target,
 * the prediction, and the input's saliency ‖∂L/∂x_t‖ on a log scale relative to the largest.
 */
import type { Task } from '../../engine/tasks/task';
import type { Trace } from '../../engine/trace';
import type { Sequence } from '../../engine/types';
import { FLOAT32_TINY } from '../scales';

/** Saliency below this many decades under the largest shows as none. */
export const SALIENCY_DECADES = 6;

export interface StripCell {
  t: number;
  input: string;
  target: string;
  prediction: string;
  /** 0 (no influence on the loss) … 1 (the most influential input) */
  saliency: number;
  /** the raw norm, for the tooltip */
  saliencyNorm: number;
  targeted: boolean;
  /** for classification: whether the predicted label equals the target */
  correct: boolean | null;
}

export function stripRenderData(
  trace: Trace,
  task: Pick<Task, 'inputLabel' | 'targetLabel' | 'outputLabel' | 'loss'>,
  seq: Sequence,
): StripCell[] {
  const norms = trace.series.gradXNorm;
  let max = 0;
  for (const v of norms) if (Number.isFinite(v)) max = Math.max(max, v);
  const top = max > 0 ? Math.log10(max) : 0;
  const cells: StripCell[] = [];
  for (let t = 0; t < trace.T; t++) {
    const n = norms[t]!;
    const saliency =
      n > FLOAT32_TINY && max > 0 ? Math.max(0, 1 - (top - Math.log10(n)) / SALIENCY_DECADES) : 0;
    const targeted = trace.mask[t] === 1;
    const target = targeted ? task.targetLabel(seq, t) : '';
    const prediction = task.outputLabel(trace.y.subarray(t * trace.O, (t + 1) * trace.O));
    cells.push({
      t,
      input: task.inputLabel(seq, t),
      target,
      prediction,
      saliency,
      saliencyNorm: n,
      targeted,
      correct: targeted && task.loss === 'softmax-xent' ? prediction === target : null,
    });
  }
  return cells;
}
