/**
 * The loss history of a training run as the page keeps it: one point per update, thinned two to
 * one as the run grows, so a long run costs a bounded array. The training worker reports points;
 * the session appends them; the loss charts draw them.
 */

export interface LossPoint {
  step: number;
  loss: number;
  metric: number;
}

/** Keep at most this many points: older ones are thinned two-to-one as the run grows. */
export const HISTORY_CAP = 600;

export function appendPoint(history: LossPoint[], p: LossPoint): LossPoint[] {
  const next = [...history, p];
  if (next.length <= HISTORY_CAP) return next;
  return next.filter((_, i) => i % 2 === 0 || i === next.length - 1);
}

/** Appends a report's points in order, thinning exactly as one appendPoint per update would. */
export function appendPoints(history: LossPoint[], points: readonly LossPoint[]): LossPoint[] {
  return points.reduce(appendPoint, history);
}
