/**
 * GATE HEATMAPS: every gate (and the LSTM cell state; Elman: its hidden state) as a unit ×
 * time grid, stacked on one shared time axis. A readout line names the value under the
 * pointer, or the selected unit's values at the current step.
 */
import { useMemo, useState } from 'react';
import { formatValue } from '../scales';
import type { ViewProps } from '../types';
import './charts.css';
import './heatmaps.css';
import { type CellHover, HeatmapGridView } from './HeatmapGridView';
import { type HeatmapRenderData, gridValue, heatmapRenderData } from './heatmapData';
import { stepLabel, timeAxis, unitLabel } from './layout';
import { TimeAxisSvg, useElementWidth, useHoverEmitter } from './parts';

export interface GateHeatmapsProps extends ViewProps {
  /** LSTM: add the cell state c_t as a last grid (default true) */
  showCellState?: boolean;
  /** height of each grid in CSS px (default: 5 px per unit, within 48 … 112) */
  gridHeight?: number;
}

export function GateHeatmaps(props: GateHeatmapsProps) {
  const { trace, t, selection, showCellState = true } = props;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const [pointed, setPointed] = useState<CellHover | null>(null);
  const emitHover = useHoverEmitter(props.onHover);

  // Only the trace and the selection change the grids; a new t reuses them untouched.
  const data = useMemo(
    () => heatmapRenderData(trace, selection, { showCellState }),
    [trace, selection, showCellState],
  );
  const tt = Math.min(trace.T - 1, Math.max(0, t));
  const height = props.gridHeight ?? Math.min(112, Math.max(48, trace.H * 5));
  const axis = timeAxis(trace.T, width);

  const onPoint = (cell: CellHover | null) => {
    setPointed(cell);
    emitHover(cell ? { t: cell.t, unit: cell.unit } : { t: null, unit: null });
  };

  return (
    <figure className="chart heatmaps" aria-label={`Gate heatmaps. ${summary(data, tt)}`}>
      <p className="chart-readout num" aria-live="off">
        {readout(data, tt, pointed)}
      </p>
      <div ref={ref} className="chart-body">
        {width > 0 &&
          data.grids.map((grid) => (
            <HeatmapGridView
              key={grid.name}
              grid={grid}
              axis={axis}
              width={width}
              height={height}
              t={tt}
              unit={data.unit}
              hover={props.hover}
              selected={data.selectedGrid === grid.name}
              pointed={pointed?.grid === grid.name ? pointed : null}
              onPoint={onPoint}
              onSeekCell={(st, unit) => {
                props.onSeek(st);
                if (unit !== data.unit) props.onSelectUnit(unit);
              }}
              onSelectUnit={props.onSelectUnit}
              onSelectGate={props.onSelectGate}
            />
          ))}
        {width > 0 && <TimeAxisSvg axis={axis} t={tt} width={width} />}
      </div>
    </figure>
  );
}

/** "forget · unit 3 · t=12: 0.830" under the pointer; else the selected unit at t. */
function readout(data: HeatmapRenderData, t: number, pointed: CellHover | null): string {
  const g = pointed && data.grids.find((x) => x.name === pointed.grid);
  if (g && pointed) {
    if (pointed.t === null) return `${g.name} · unit ${unitLabel(pointed.unit)} (click to select)`;
    return `${g.name} · unit ${unitLabel(pointed.unit)} · t=${stepLabel(pointed.t)}: ${formatValue(gridValue(g, pointed.t, pointed.unit))}`;
  }
  return summary(data, t);
}

function summary(data: HeatmapRenderData, t: number): string {
  const vals = data.grids.map((g) => `${g.name} ${formatValue(gridValue(g, t, data.unit), 2)}`);
  return `t=${stepLabel(t)} · unit ${unitLabel(data.unit)}: ${vals.join(' · ')}`;
}
