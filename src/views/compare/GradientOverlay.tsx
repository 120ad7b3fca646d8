/**
 * THE OVERLAY: every cell's gradient, normalised to 1 at the loss step, against how many steps
 * back it has travelled, on one log axis. Thick lines are ‖∂L/∂h_t‖ ÷ ‖∂L/∂h_L‖, thin dashed
 * ones the memory path in the same colour. Values that underflow float32 drop into a hatched
 * band under the axis (an axis break), never to −∞.
 */
import type { Hover } from '../../config/selection';
import type { CompareColumn } from '../../config/compareColumn';
import { CELLS } from '../../engine/cellKinds';
import {
  Float32Band,
  Float32BandKey,
  HatchPattern,
  LogGrid,
  OverflowMark,
  SeekablePlot,
} from '../charts/logParts';
import { memo, useId, useMemo } from 'react';
import { line, ticks as niceTicks } from 'd3';
import type { CellKind } from '../../engine/types';
import type { TimeAxis } from '../charts/layout';
import { SupText, TimeRules, localPoint, useElementWidth, useHoverEmitter } from '../charts/parts';
import '../charts/charts.css';
import { CELL_COLORS, CELL_DASH, PATH_DASH } from './colors';
import { LineSample } from './LineSample';
import { BAND, TOP, geometry } from './overlayGeometry';
import './compare.css';
import {
  type OverlayPoint,
  type OverlayRenderData,
  lagOf,
  overlayReadout,
  overlayRenderData,
  spreadLabels,
} from './overlayData';

export interface GradientOverlayProps {
  columns: Readonly<Record<CellKind, CompareColumn>>;
  /** shared playback step, 0-based */
  t: number;
  hover: Hover;
  onHover(h: Hover): void;
  onSeek(t: number): void;
  /** total height of the plot in CSS px (default 300) */
  height?: number;
}

export function GradientOverlay(props: GradientOverlayProps) {
  const { columns, t, hover } = props;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const emit = useHoverEmitter(props.onHover);
  const hatchId = `gs-ov-hatch-${useId().replace(/:/g, '')}`;
  const data = useMemo(() => overlayRenderData(columns), [columns]);
  const height = props.height ?? 300;
  const g = geometry(data, width, height);
  const L = data.lossStep;
  // TimeRules draws at axis.x(t): map a step to its lag's position.
  const ruleAxis = { x: (s: number) => g.x(L - s) } as TimeAxis;
  const nowLag = lagOf(data, t);
  const hoverT = hover.t !== null && lagOf(data, hover.t) !== null ? hover.t : null;
  const stepAt = (e: { clientX: number; clientY: number; currentTarget: Element }) => {
    const lag = g.lagAt(localPoint(e).x);
    return lag === null || L < 0 ? null : L - lag;
  };

  return (
    <figure className="chart overlay" aria-label={overlayReadout(data, t)}>
      <p className="chart-readout num">
        <SupText text={overlayReadout(data, hover.t ?? t)} />
      </p>
      <div ref={ref} className="chart-body">
        {width > 0 && (
          <SeekablePlot
            width={width}
            height={height}
            label="Gradient relative to the loss step against steps back, log scale, one line per cell"
            stepAt={stepAt}
            emit={emit}
            onSeek={props.onSeek}
          >
            <StaticLayer data={data} width={width} height={height} hatchId={hatchId} />
            {nowLag !== null && (
              <g>
                <TimeRules axis={ruleAxis} t={t} hoverT={hoverT} y1={TOP - 10} y2={g.axisY} />
                <text className="overlay-now" x={g.x(nowLag)} y={TOP - 16} textAnchor="middle">
                  t={t + 1}
                </text>
              </g>
            )}
          </SeekablePlot>
        )}
      </div>
      <ul className="chart-legend overlay-legend" aria-label="Legend">
        {data.cells.map((c) => (
          <li key={c}>
            <LineSample color={CELL_COLORS[c]} dash={CELL_DASH[c]} width={3} />
            <b style={{ color: CELL_COLORS[c] }}>{CELLS[c].name}</b>
          </li>
        ))}
        <li>
          <LineSample color="#56606e" width={3} />
          <span>
            gradient ‖∂L/∂h<sub>t</sub>‖ ÷ ‖∂L/∂h<sub>L</sub>‖
          </span>
        </li>
        <li>
          <LineSample color="#56606e" dash={PATH_DASH} width={1.75} />
          memory path
        </li>
        {data.anyBelow && <Float32BandKey hatchId={hatchId} />}
      </ul>
      {data.skipped.length > 0 && (
        <p className="overlay-note">
          {data.skipped.map((s) => `${CELLS[s.cell].name}: ${s.reason}.`).join(' ')}
        </p>
      )}
    </figure>
  );
}

interface StaticProps {
  data: OverlayRenderData;
  width: number;
  height: number;
  hatchId: string;
}

/** Axes, band, lines and labels: redrawn only when the traces or the size change. */
const StaticLayer = memo(function StaticLayer({ data, width, height, hatchId }: StaticProps) {
  const g = geometry(data, width, height);
  const row = (c: CellKind) => data.cells.indexOf(c);
  const gen = (r: number) =>
    line<OverlayPoint>()
      .defined((p) => !p.overflow)
      .x((p) => g.x(p.lag))
      .y((p) => g.yOf(p, r));
  // Cell names at the far end of each thick line, pushed apart so they never overlap.
  const ends = data.cells.map((c) => {
    const s =
      data.series.find((q) => q.cell === c && q.kind === 'grad') ??
      data.series.find((q) => q.cell === c)!;
    const p = s.points[s.points.length - 1]!;
    return g.yOf(p, row(c));
  });
  const labelY = spreadLabels(ends, 20, TOP, g.axisY - 6);
  const xTicks = niceTicks(0, data.xMax, Math.max(2, Math.floor((g.right - g.left) / 80))).filter(
    Number.isInteger,
  );
  return (
    <g>
      <HatchPattern id={hatchId} />
      <LogGrid
        ticks={data.ticks}
        y={g.y}
        left={g.left}
        right={g.right}
        top={TOP}
        bottom={g.plotBottom}
        title="÷ at loss, log"
        titleAt={{ x: 0, y: 12 }}
      />
      {data.anyBelow && (
        <Float32Band
          x={g.left}
          width={g.right - g.left}
          y={g.bandTop}
          height={BAND.height}
          hatchId={hatchId}
        />
      )}
      <g aria-hidden="true">
        <line className="axis-line" x1={g.left} x2={g.right} y1={g.axisY} y2={g.axisY} />
        {xTicks.map((k) => (
          <g key={k} transform={`translate(${g.x(k)},${g.axisY})`}>
            <line className="axis-tick" y1={0} y2={5} />
            <text className="chart-tick" y={20} textAnchor="middle">
              {k}
            </text>
          </g>
        ))}
        <text className="chart-axis-title" x={g.right} y={g.axisY + 38} textAnchor="end">
          steps back from the loss →
        </text>
      </g>
      {data.series.map((s) => (
        <path
          key={`${s.cell}-${s.kind}`}
          className={`overlay-line ${s.kind}`}
          data-cell={s.cell}
          d={gen(row(s.cell))(s.points) ?? ''}
          stroke={CELL_COLORS[s.cell]}
          strokeDasharray={s.kind === 'path' ? PATH_DASH : CELL_DASH[s.cell]}
        />
      ))}
      {data.series.map((s) =>
        s.points.map((p) =>
          p.overflow ? (
            <OverflowMark key={`${s.cell}-${s.kind}-${p.lag}`} x={g.x(p.lag)} top={TOP} />
          ) : null,
        ),
      )}
      {data.cells.map((c, i) => (
        <text
          key={c}
          className="overlay-label"
          x={g.right + 8}
          y={labelY[i]}
          dy="0.35em"
          fill={CELL_COLORS[c]}
        >
          {CELLS[c].name}
        </text>
      ))}
    </g>
  );
});
