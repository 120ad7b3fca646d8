/**
 * One unit × time grid: a canvas holding the colours (drawn once per trace and size) under an
 * SVG overlay holding everything that moves (current/hover rules, selected row, hovered cell),
 * so stepping through time only moves a few SVG lines.
 */
import type { Hover, SelectableRow } from '../../config/selection';
import { memo, useEffect, useMemo, useRef } from 'react';
import { ticks as d3ticks } from 'd3';
import { formatValue } from '../scales';
import { inkOn } from './colors';
import { type HeatmapGrid, cellAt, gridPixels, gridValue, rampCss } from './heatmapData';
import { type TimeAxis, stepLabel, unitLabel } from './layout';
import { TimeRules, localPoint, useDevicePixelRatio } from './parts';

export interface CellHover {
  grid: string;
  t: number | null;
  unit: number;
}

interface GridViewProps {
  grid: HeatmapGrid;
  axis: TimeAxis;
  width: number;
  height: number;
  t: number;
  unit: number;
  hover: Hover;
  /** this grid's gate is the selected one */
  selected: boolean;
  /** the cell this grid is being pointed at, if any */
  pointed: CellHover | null;
  onPoint(cell: CellHover | null): void;
  onSeekCell(t: number, unit: number): void;
  onSelectUnit(unit: number): void;
  onSelectGate(gate: SelectableRow | null): void;
}

export function HeatmapGridView(props: GridViewProps) {
  const { grid, axis, width, height, t, unit, hover, selected, pointed } = props;
  const rowH = height / grid.H;
  const [lo, hi] = grid.range;

  const locate = (e: React.PointerEvent<SVGSVGElement>) => {
    const { x, y } = localPoint(e);
    const u = Math.min(grid.H - 1, Math.max(0, Math.floor(y / rowH)));
    if (x < axis.left) return { t: null, unit: u }; // the gutter: a unit row, no step
    const cell = cellAt(grid, x - axis.left, y, axis.plotWidth, height);
    return cell ?? { t: null, unit: u };
  };

  const nowValue = gridValue(grid, t, unit);
  return (
    <div className={`hm-grid${selected ? ' is-selected' : ''}`}>
      <div className="hm-head" style={{ marginLeft: axis.left }}>
        <button
          type="button"
          className="hm-title"
          style={{ background: grid.colorHex, color: inkOn(grid.colorHex) }}
          aria-pressed={selected}
          title={grid.isGate ? 'Select this gate in every view' : 'Select this state'}
          onClick={() => props.onSelectGate(selected ? null : grid.name)}
        >
          {grid.label}
        </button>
        <span className="hm-legend">
          <span className="num">{formatValue(lo, lo === 0 || lo === -1 ? 0 : 2)}</span>
          <span className="hm-ramp" style={{ background: rampCss(grid.scale) }} />
          <span className="num">{formatValue(hi, hi === 1 ? 0 : 2)}</span>
          <span className="hm-domain">{grid.domain}</span>
        </span>
      </div>
      <div className="hm-body" style={{ height }}>
        <GridCanvas
          values={grid.values}
          scale={grid.scale}
          lo={lo}
          hi={hi}
          T={grid.T}
          H={grid.H}
          left={axis.left}
          width={axis.plotWidth}
          height={height}
        />
        <svg
          className="hm-overlay"
          width={width}
          height={height}
          role="img"
          aria-label={`${grid.label}: ${grid.H} units × ${grid.T} steps, ${grid.domain}. At t=${stepLabel(t)}, unit ${unitLabel(unit)}: ${formatValue(nowValue)}.`}
          onPointerMove={(e) => props.onPoint({ grid: grid.name, ...locate(e) })}
          onPointerLeave={() => props.onPoint(null)}
          onClick={(e) => {
            const c = locate(e as unknown as React.PointerEvent<SVGSVGElement>);
            if (c.t === null) props.onSelectUnit(c.unit);
            else props.onSeekCell(c.t, c.unit);
          }}
        >
          <UnitLabels H={grid.H} height={height} left={axis.left} unit={unit} />
          {hover.unit !== null && hover.unit !== unit && (
            <rect
              className="hm-row-hover"
              x={axis.left}
              width={axis.plotWidth}
              y={hover.unit * rowH}
              height={rowH}
            />
          )}
          {['hm-row-selected-halo', 'hm-row-selected'].map((cls) => (
            <rect
              key={cls}
              className={cls}
              // Outside the row (its strokes reach at most 3px out), so its colours stay visible.
              x={axis.left - 1.5}
              width={axis.plotWidth + 3}
              y={unit * rowH - 1.5}
              height={rowH + 3}
            />
          ))}
          <TimeRules axis={axis} t={t} hoverT={hover.t} y1={0} y2={height} />
          {pointed?.t != null && (
            <rect
              className="hm-cell-pointed"
              x={axis.left + pointed.t * axis.step}
              width={axis.step}
              y={pointed.unit * rowH}
              height={rowH}
            />
          )}
        </svg>
      </div>
    </div>
  );
}

/** Sparse unit numbers in the gutter, plus the selected unit's, emphasised; fixed over time. */
const UnitLabels = memo(function UnitLabels({
  H,
  height,
  left,
  unit,
}: {
  H: number;
  height: number;
  left: number;
  unit: number;
}) {
  const rowH = height / H;
  const yOf = (u: number) => (u + 0.5) * rowH;
  const count = Math.max(2, Math.floor(height / 26));
  const labels = d3ticks(1, H, count)
    .filter((v) => Number.isInteger(v))
    .map((v) => v - 1)
    .filter((u) => Math.abs(yOf(u) - yOf(unit)) >= 15);
  return (
    <g className="hm-units" aria-hidden="true">
      <text
        className="chart-axis-title"
        transform={`translate(14,${height / 2}) rotate(-90)`}
        textAnchor="middle"
      >
        unit
      </text>
      {labels.map((u) => (
        <text key={u} className="chart-tick" x={left - 8} y={yOf(u)} dy="0.35em" textAnchor="end">
          {unitLabel(u)}
        </text>
      ))}
      <text
        className="chart-tick now"
        x={left - 8}
        y={Math.min(height - 7, Math.max(7, yOf(unit)))}
        dy="0.35em"
        textAnchor="end"
      >
        ▸{unitLabel(unit)}
      </text>
    </g>
  );
});

interface CanvasProps {
  values: Float32Array;
  scale: HeatmapGrid['scale'];
  lo: number;
  hi: number;
  T: number;
  H: number;
  left: number;
  width: number;
  height: number;
}

/** The colours: a T × H image built once per trace, scaled to the box on resize. */
const GridCanvas = memo(function GridCanvas(p: CanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const dpr = useDevicePixelRatio();
  const { values, scale, lo, hi, T, H, width, height } = p;
  const image = useMemo(() => {
    const img = document.createElement('canvas');
    img.width = T;
    img.height = H;
    const grid = { values, scale, range: [lo, hi] as [number, number], T, H };
    img.getContext('2d')!.putImageData(new ImageData(gridPixels(grid), T, H), 0, 0);
    return img;
  }, [values, scale, lo, hi, T, H]);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    canvas.width = Math.max(1, Math.round(width * dpr));
    canvas.height = Math.max(1, Math.round(height * dpr));
    const ctx = canvas.getContext('2d')!;
    // Crisp cell edges when each cell covers at least a device pixel; smooth when cells are
    // smaller than a pixel so no unit row or step silently drops out.
    ctx.imageSmoothingEnabled = canvas.width < T || canvas.height < H;
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
  }, [image, width, height, dpr, T, H]);

  return (
    <canvas
      ref={ref}
      className="hm-canvas"
      aria-hidden="true"
      style={{ left: p.left, width, height }}
    />
  );
});
