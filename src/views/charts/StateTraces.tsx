/**
 * STATE TRACES: h_t (and, for LSTM, c_t in its own panel with its own honest axis) of the
 * selected unit over time, bold, over faint lines of a few other units. The lines are built
 * once per trace/selection; a new t only moves the rule, the dot and its value label.
 */
import type { Hover } from '../../config/selection';
import { memo, useMemo } from 'react';
import { line, scaleLinear } from 'd3';
import { formatValue } from '../scales';
import type { ViewProps } from '../types';
import './charts.css';
import { type TimeAxis, timeAxis, unitLabel } from './layout';
import { TimeAxisSvg, TimeRules, localPoint, useElementWidth, useHoverEmitter } from './parts';
import { type TracePanel, nowValues, stateTraceSeries, traceSummary } from './stateTraceData';

export interface StateTracesProps extends ViewProps {
  /** units drawn faintly for context (default: up to 8 spread over the layer) */
  others?: readonly number[];
  /** height of each panel (h, c) in CSS px; default 140 */
  panelHeight?: number;
}

const PAD = { top: 10, bottom: 10 };
/** how close (px) the pointer must be to a line to pick its unit */
const PICK_PX = 10;

export function StateTraces(props: StateTracesProps) {
  const { trace, t, selection, hover, others } = props;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const emit = useHoverEmitter(props.onHover);
  const hoverUnit = hover.unit;
  const base = useMemo(
    () => stateTraceSeries(trace, selection, { others, hoverUnit }),
    [trace, selection, others, hoverUnit],
  );
  const tt = Math.min(trace.T - 1, Math.max(0, t));
  const now = nowValues(trace, tt, base.unit);
  const axis = timeAxis(trace.T, width);
  const height = props.panelHeight ?? 140;
  const nOthers = base.panels[0]!.series.filter((s) => s.role === 'other').length;
  const hovered = base.panels[0]!.series.find((s) => s.role === 'hover');

  return (
    <figure
      className="chart traces"
      aria-label={`State traces. ${traceSummary(tt, base.unit, now)}`}
    >
      <ul className="chart-legend" aria-label="Lines">
        <li>
          <LineSwatch width={3} opacity={1} />
          unit {unitLabel(base.unit)} (selected)
        </li>
        {hovered && (
          <li>
            <LineSwatch width={1.5} opacity={0.6} />
            unit {unitLabel(hovered.unit)} (pointed at)
          </li>
        )}
        {nOthers > 0 && (
          <li>
            <LineSwatch width={1.25} opacity={0.3} />
            {nOthers} other units · click a line to select it
          </li>
        )}
      </ul>
      <div ref={ref} className="chart-body">
        {width > 0 &&
          base.panels.map((panel) => (
            <div key={panel.key}>
              <p className="tr-head">
                <b style={{ color: panel.color }}>{panel.key}</b>
                <span className="tr-note">{panel.domainNote}</span>
              </p>
              <TracePanelView
                panel={panel}
                axis={axis}
                width={width}
                height={height}
                t={tt}
                hover={hover}
                nowValue={panel.key === 'h' ? now.h : now.c!}
                onPoint={emit}
                onPick={(pt, unit) => {
                  props.onSeek(pt);
                  if (unit !== null && unit !== base.unit) props.onSelectUnit(unit);
                }}
              />
            </div>
          ))}
        {width > 0 && <TimeAxisSvg axis={axis} t={tt} width={width} />}
      </div>
    </figure>
  );
}

interface PanelViewProps {
  panel: TracePanel;
  axis: TimeAxis;
  width: number;
  height: number;
  t: number;
  hover: Hover;
  nowValue: number;
  onPoint(h: Hover): void;
  onPick(t: number, unit: number | null): void;
}

function TracePanelView({ panel, axis, width, height, t, hover, nowValue, ...cb }: PanelViewProps) {
  const y = scaleLinear(panel.yDomain, [height - PAD.bottom, PAD.top]);
  const ticks = y.ticks(Math.max(2, Math.floor(height / 32)));

  // Nearest drawn line to the pointer at its step, if close enough.
  const locate = (e: React.PointerEvent<SVGSVGElement>) => {
    const { x, y: py } = localPoint(e);
    const pt = axis.tAt(x);
    if (pt === null) return null;
    let unit: number | null = null;
    let best = PICK_PX;
    for (const s of panel.series) {
      const d = Math.abs(y(s.points[pt]![1]) - py);
      if (d <= best) [best, unit] = [d, s.unit];
    }
    return { t: pt, unit };
  };

  const dotX = axis.x(t);
  const dotY = y(nowValue);
  const labelRight = dotX < width - 120;
  // Put the label on the side the line is leaving: if the line climbs over the next few
  // steps (in the label's direction), the label goes below it, else above.
  const sel = panel.series.at(-1)!.points;
  const ahead = sel[Math.min(sel.length - 1, Math.max(0, t + (labelRight ? 3 : -3)))]![1];
  const climbs = Number.isFinite(ahead) && ahead > nowValue;
  const labelAbove = climbs ? dotY > height - 28 : dotY > PAD.top + 20;
  return (
    <svg
      className="line-plot"
      width={width}
      height={height}
      role="img"
      aria-label={`${panel.key} of unit over time; at this step ${panel.key} = ${formatValue(nowValue)}`}
      onPointerMove={(e) => {
        const at = locate(e);
        cb.onPoint(at ? { t: at.t, unit: at.unit } : { t: null, unit: null });
      }}
      onPointerLeave={() => cb.onPoint({ t: null, unit: null })}
      onClick={(e) => {
        const at = locate(e as unknown as React.PointerEvent<SVGSVGElement>);
        if (at) cb.onPick(at.t, at.unit);
      }}
    >
      <g aria-hidden="true">
        {ticks.map((v) => (
          <g key={v} transform={`translate(0,${y(v)})`}>
            <line
              className={`grid-line${v === 0 ? ' zero' : ''}`}
              x1={axis.left}
              x2={axis.left + axis.plotWidth}
            />
            <text className="chart-tick" x={axis.left - 8} dy="0.35em" textAnchor="end">
              {formatValue(v, Number.isInteger(v) ? 0 : 1)}
            </text>
          </g>
        ))}
        <line
          className="axis-line"
          x1={axis.left}
          x2={axis.left}
          y1={PAD.top}
          y2={height - PAD.bottom}
        />
      </g>
      <Lines panel={panel} width={width} height={height} T={axis.T} />
      <TimeRules axis={axis} t={t} hoverT={hover.t} y1={0} y2={height} />
      {Number.isFinite(nowValue) && (
        <g pointerEvents="none">
          <circle className="now-dot" cx={dotX} cy={dotY} r={5} fill={panel.color} />
          <text
            className="value-label num"
            x={dotX + (labelRight ? 9 : -9)}
            y={dotY + (labelAbove ? -9 : 18)}
            textAnchor={labelRight ? 'start' : 'end'}
            fill={panel.color}
          >
            {panel.key} = {formatValue(nowValue)}
          </text>
        </g>
      )}
    </svg>
  );
}

/** The static layer: one path per unit, rebuilt only when the series or the size change. */
const Lines = memo(function Lines(p: {
  panel: TracePanel;
  width: number;
  height: number;
  T: number;
}) {
  const { panel, width, height, T } = p;
  const paths = useMemo(() => {
    const axis = timeAxis(T, width);
    const y = scaleLinear(panel.yDomain, [height - PAD.bottom, PAD.top]);
    const gen = line<[number, number]>()
      .defined((d) => Number.isFinite(d[1]))
      .x((d) => axis.x(d[0]))
      .y((d) => y(d[1]));
    return panel.series.map((s) => ({ key: s.key, role: s.role, d: gen(s.points) ?? '' }));
  }, [panel, width, height, T]);
  return (
    <g aria-hidden="true" pointerEvents="none">
      {paths.map((s) => (
        <path key={s.key} className={`line-${s.role}`} d={s.d} stroke={panel.color} />
      ))}
    </g>
  );
});

const LineSwatch = memo(function LineSwatch({
  width,
  opacity,
}: {
  width: number;
  opacity: number;
}) {
  return (
    <svg width={26} height={10} aria-hidden="true">
      <line
        x1={1}
        x2={25}
        y1={5}
        y2={5}
        stroke="currentColor"
        strokeWidth={width}
        strokeOpacity={opacity}
      />
    </svg>
  );
});
