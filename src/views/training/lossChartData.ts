import type { LossPoint } from '../../engine/lossHistory';
/**
 * The training curve: loss against update step on a log scale (losses fall over decades), with
 * the task's memoryless baseline as a reference line. Non-finite points are dropped, never drawn.
 * `lossSeriesData` draws several named runs on shared axes (the compare view); `lossChartData`
 * is its one-run form.
 */

export interface LossChartData {
  /** [step, log10(loss)] */
  points: [number, number][];
  baselineLog10: number | null;
  xDomain: [number, number];
  yDomain: [number, number];
}

export interface LossSeriesInput {
  key: string;
  history: readonly LossPoint[];
}

export interface LossSeriesData {
  key: string;
  /** [step, log10(loss)], finite and positive losses only */
  points: [number, number][];
  /** the latest finite point as recorded, null when none */
  last: LossPoint | null;
  /** the points smoothed (see lossSeriesData), or [] when no smoothing was asked for */
  smoothed: [number, number][];
}

export interface MultiLossChartData {
  series: LossSeriesData[];
  baselineLog10: number | null;
  /** updates: from the first point of any run to the last (at least 10) */
  xDomain: [number, number];
  /** log10 of the loss: whole decades covering every run and the baseline */
  yDomain: [number, number];
}

function toPoints(history: readonly LossPoint[]): LossSeriesData['points'] {
  const points: [number, number][] = [];
  for (const p of history)
    if (p.loss > 0 && Number.isFinite(p.loss)) points.push([p.step, Math.log10(p.loss)]);
  return points;
}

/**
 * Exponential moving average of log10(loss) over the points, with the start-up bias removed
 * (as TensorBoard does), so the first points are not pulled towards 0. `factor` in [0, 1): the
 * weight kept by the past.
 */
export function smoothLog(points: readonly [number, number][], factor: number) {
  const out: [number, number][] = [];
  let avg = 0;
  let weight = 0;
  for (const [x, y] of points) {
    avg = factor * avg + (1 - factor) * y;
    weight = factor * weight + (1 - factor);
    out.push([x, avg / weight]);
  }
  return out;
}

/** Several runs on shared axes; `smoothing` (0 = none) also gives each a smoothed line. */
export function lossSeriesData(
  runs: readonly LossSeriesInput[],
  baseline: number | null,
  smoothing = 0,
): MultiLossChartData {
  const series = runs.map((r) => {
    const points = toPoints(r.history);
    let last: LossPoint | null = null;
    for (let k = r.history.length - 1; k >= 0 && !last; k--) {
      const p = r.history[k]!;
      if (p.loss > 0 && Number.isFinite(p.loss)) last = p;
    }
    const smoothed = smoothing > 0 ? smoothLog(points, Math.min(smoothing, 0.999)) : [];
    return { key: r.key, points, last, smoothed };
  });
  const baselineLog10 = baseline && baseline > 0 ? Math.log10(baseline) : null;
  let ylo = Infinity;
  let yhi = -Infinity;
  let xlo = Infinity;
  let xhi = -Infinity;
  for (const s of series) {
    for (const [x, y] of s.points) {
      ylo = Math.min(ylo, y);
      yhi = Math.max(yhi, y);
      xlo = Math.min(xlo, x);
      xhi = Math.max(xhi, x);
    }
  }
  if (baselineLog10 !== null) {
    ylo = Math.min(ylo, baselineLog10);
    yhi = Math.max(yhi, baselineLog10);
  }
  const lo = Number.isFinite(ylo) ? Math.floor(ylo) : -2;
  // + 0 turns a −0 from ceil into 0
  const hi = Number.isFinite(yhi) ? Math.ceil(yhi + 0.01) + 0 : 0;
  return {
    series,
    baselineLog10,
    xDomain: [Number.isFinite(xlo) ? xlo : 0, Math.max(Number.isFinite(xhi) ? xhi : 1, 10)],
    yDomain: [Math.min(lo, hi - 1), hi],
  };
}

export function lossChartData(
  history: readonly LossPoint[],
  baseline: number | null,
): LossChartData {
  const { series, ...rest } = lossSeriesData([{ key: 'loss', history }], baseline);
  return { points: series[0]!.points, ...rest };
}
