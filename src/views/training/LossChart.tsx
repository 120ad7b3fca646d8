import { useMemo } from 'react';
import type { LossPoint } from '../../store/training';
import { lossChartData } from './lossChartData';

const W = 320;
const H = 120;
const M = { l: 44, r: 8, t: 8, b: 22 };

/** Loss per update (log scale) with the memoryless baseline dashed. */
export function LossChart({
  history,
  baseline,
  label,
}: {
  history: readonly LossPoint[];
  baseline: number | null;
  label: string;
}) {
  const d = useMemo(() => lossChartData(history, baseline), [history, baseline]);
  const x = (s: number) =>
    M.l + ((s - d.xDomain[0]) / Math.max(1, d.xDomain[1] - d.xDomain[0])) * (W - M.l - M.r);
  const y = (v: number) =>
    M.t + ((d.yDomain[1] - v) / (d.yDomain[1] - d.yDomain[0])) * (H - M.t - M.b);
  const path = d.points
    .map(([s, v], i) => `${i ? 'L' : 'M'}${x(s).toFixed(1)},${y(v).toFixed(1)}`)
    .join('');
  const ticks: number[] = [];
  for (let e = Math.ceil(d.yDomain[0]); e <= d.yDomain[1]; e++) ticks.push(e);
  const last = history[history.length - 1];
  return (
    <svg
      className="loss-chart"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`${label}${last ? `: loss ${last.loss.toPrecision(3)} after ${last.step} updates` : ': no updates yet'}`}
    >
      {ticks.map((e) => (
        <g key={e}>
          <line x1={M.l} x2={W - M.r} y1={y(e)} y2={y(e)} className="grid" />
          <text x={M.l - 6} y={y(e) + 4} textAnchor="end" className="tick">
            1e{e}
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
          <text x={W - M.r} y={y(d.baselineLog10) - 4} textAnchor="end" className="tick">
            memoryless baseline
          </text>
        </g>
      )}
      <path d={path} className="loss-line" />
      <text x={W - M.r} y={H - 4} textAnchor="end" className="tick">
        update {d.xDomain[1]}
      </text>
    </svg>
  );
}
