/**
 * The training curve: loss against update step on a log scale (losses fall over decades), with
 * the task's memoryless baseline as a reference line. Non-finite points are dropped, never drawn.
 */
import type { LossPoint } from '../../store/training';

export interface LossChartData {
  /** [step, log10(loss)] */
  points: [number, number][];
  baselineLog10: number | null;
  xDomain: [number, number];
  yDomain: [number, number];
}

export function lossChartData(
  history: readonly LossPoint[],
  baseline: number | null,
): LossChartData {
  const points: [number, number][] = [];
  for (const p of history)
    if (p.loss > 0 && Number.isFinite(p.loss)) points.push([p.step, Math.log10(p.loss)]);
  const baselineLog10 = baseline && baseline > 0 ? Math.log10(baseline) : null;
  const ys = points.map((p) => p[1]);
  if (baselineLog10 !== null) ys.push(baselineLog10);
  const lo = ys.length ? Math.floor(Math.min(...ys)) : -2;
  const hi = ys.length ? Math.ceil(Math.max(...ys) + 0.01) : 0;
  const last = points.length ? points[points.length - 1]![0] : 1;
  return {
    points,
    baselineLog10,
    xDomain: [points.length ? points[0]![0] : 0, Math.max(last, 10)],
    yDomain: [Math.min(lo, hi - 1), hi],
  };
}
