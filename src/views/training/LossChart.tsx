import type { LossPoint } from '../../engine/lossHistory';
import { memo, useMemo } from 'react';
import { ticks as niceTicks } from 'd3';
import './loss.css';
import { lossSeriesData } from './lossChartData';

/** One named run drawn in its own colour (and dash), for several runs on shared axes. */
export interface LossLine {
  key: string;
  label: string;
  color: string;
  /** SVG stroke-dasharray; omit for solid */
  dash?: string;
  history: readonly LossPoint[];
}

interface CommonProps {
  baseline: number | null;
  /** accessible name of the chart */
  label: string;
  /**
   * Drawing size in CSS px (measured by the caller): drawn 1:1 with a labelled update axis.
   * Without it the chart is the compact 320×120 sketch that scales with its box.
   */
  size?: { width: number; height: number };
  /**
   * Several runs only: EMA factor in [0, 1) for a smoothed line over each run, the raw one kept
   * faint beneath it (0 = raw lines only). Per-batch losses are noisy; three noisy lines on one
   * axis are hard to tell apart from the back of a room.
   */
  smoothing?: number;
}

export type LossChartProps = CommonProps &
  (
    | { history: readonly LossPoint[]; lines?: undefined }
    | { lines: readonly LossLine[]; history?: undefined }
  );

const COMPACT = { W: 320, H: 120, M: { l: 44, r: 8, t: 8, b: 22 } };
const FULL_MARGIN = { l: 56, r: 16, t: 14, b: 40 };

/**
 * Loss per update (log scale) with the memoryless baseline dashed: one run, or several.
 * Memoised: its panel re-renders on every playback step, its history changes only per update.
 */
export const LossChart = memo(function LossChart(props: LossChartProps) {
  const { baseline, label, size } = props;
  const lines: readonly LossLine[] = useMemo(
    () => props.lines ?? [{ key: 'loss', label: 'loss', color: '', history: props.history ?? [] }],
    [props.lines, props.history],
  );
  const smoothing = props.lines ? (props.smoothing ?? 0) : 0;
  const d = useMemo(() => lossSeriesData(lines, baseline, smoothing), [lines, baseline, smoothing]);
  const single = !props.lines;
  const full = size !== undefined;
  const W = size?.width ?? COMPACT.W;
  const H = size?.height ?? COMPACT.H;
  const M = full ? FULL_MARGIN : COMPACT.M;
  const x = (s: number) =>
    M.l + ((s - d.xDomain[0]) / Math.max(1, d.xDomain[1] - d.xDomain[0])) * (W - M.l - M.r);
  const y = (v: number) =>
    M.t + ((d.yDomain[1] - v) / (d.yDomain[1] - d.yDomain[0])) * (H - M.t - M.b);
  const ticks: number[] = [];
  for (let e = Math.ceil(d.yDomain[0]); e <= d.yDomain[1]; e++) ticks.push(e);
  const xTicks = full
    ? niceTicks(d.xDomain[0], d.xDomain[1], Math.max(2, Math.floor(W / 110))).filter(
        Number.isInteger,
      )
    : [];
  return (
    <svg
      className={`loss-chart${full ? ' full' : ''}`}
      viewBox={`0 0 ${W} ${H}`}
      width={size?.width}
      height={size?.height}
      role="img"
      aria-label={ariaLabel(label, lines, d.series)}
    >
      {ticks.map((e) => (
        <g key={e}>
          <line x1={M.l} x2={W - M.r} y1={y(e)} y2={y(e)} className="grid" />
          <text x={M.l - 6} y={y(e) + 4} textAnchor="end" className="tick">
            10
            <tspan className="tick-exp" dy="-0.5em">
              {String(e).replace('-', '−')}
            </tspan>
          </text>
        </g>
      ))}
      {d.baselineLog10 !== null && (
        <g>
          <line
            x1={M.l}
            x2={W - M.r}
            y1={y(d.baselineLog10)}
            y2={y(d.baselineLog10)}
            className="baseline"
          />
          {single && (
            <text x={W - M.r} y={y(d.baselineLog10) - 5} textAnchor="end" className="tick">
              memoryless baseline
            </text>
          )}
        </g>
      )}
      {d.series.map((s, i) => {
        const toPath = (pts: [number, number][]) =>
          pts
            .map(([st, v], k) => `${k ? 'L' : 'M'}${x(st).toFixed(1)},${y(v).toFixed(1)}`)
            .join('');
        const path = toPath(s.points);
        const line = lines[i]!;
        const main = s.smoothed.length ? s.smoothed : s.points;
        const end = main[main.length - 1];
        return single ? (
          <path key={s.key} d={path} className="loss-line" />
        ) : (
          <g key={s.key}>
            {s.smoothed.length > 0 && (
              <path d={path} className="loss-series raw" stroke={line.color} />
            )}
            <path
              d={toPath(main)}
              className="loss-series"
              data-series={s.key}
              data-points={main.length}
              stroke={line.color}
              strokeDasharray={line.dash}
            />
            {end && (
              <circle className="loss-end" cx={x(end[0])} cy={y(end[1])} r={4} fill={line.color} />
            )}
          </g>
        );
      })}
      {full ? (
        <g>
          <line className="axis" x1={M.l} x2={W - M.r} y1={H - M.b} y2={H - M.b} />
          {xTicks.map((s) => (
            <text key={s} x={x(s)} y={H - M.b + 18} textAnchor="middle" className="tick">
              {s}
            </text>
          ))}
          <text x={W - M.r} y={H - 4} textAnchor="end" className="axis-title">
            updates
          </text>
        </g>
      ) : (
        <text x={W - M.r} y={H - 4} textAnchor="end" className="tick">
          update {d.xDomain[1]}
        </text>
      )}
    </svg>
  );
});

function ariaLabel(
  label: string,
  lines: readonly LossLine[],
  series: ReturnType<typeof lossSeriesData>['series'],
): string {
  const parts = series.map((s, i) => {
    const name = lines.length > 1 ? `${lines[i]!.label} ` : '';
    return s.last
      ? `${name}loss ${s.last.loss.toPrecision(3)} after ${s.last.step} updates`
      : `${name}no updates yet`;
  });
  return `${label}: ${parts.join('; ')}`;
}
