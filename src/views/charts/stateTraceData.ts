/**
 * State traces as data: h_t (and c_t for LSTM) of the selected unit over time, with a few
 * other units for context. h and c get separate panels with their own honest y-axes: h is
 * tanh-bounded (fixed [−1, 1]; ReLU Elman: [0, max]) while c is unbounded (symmetric ± its
 * largest |c| over every unit, so the axis does not jump when another unit is selected).
 */
import type { Selection } from '../../config/selection';
import { nice } from 'd3';
import type { Trace } from '../../engine/trace';
import { formatValue } from '../scales';
import { STATE_COLORS } from './colors';
import { clampInt, maxAbsFinite } from './math';
import { unitLabel } from './layout';

export type SeriesRole = 'selected' | 'hover' | 'other';

export interface TraceSeries {
  key: string;
  unit: number;
  role: SeriesRole;
  label: string;
  /** [t, value] for every step; non-finite values are kept (the line breaks there) */
  points: [number, number][];
}

export interface TracePanel {
  key: 'h' | 'c';
  /** axis title, e.g. "h_t (tanh)" */
  label: string;
  /** one sentence on why the axis spans what it spans */
  domainNote: string;
  color: string;
  yDomain: [number, number];
  /** in drawing order: the others, then the hovered unit, then the selected unit on top */
  series: TraceSeries[];
  /** the selected unit's value at t */
  nowValue: number;
}

export interface StateTraceRenderData {
  T: number;
  t: number;
  unit: number;
  panels: TracePanel[];
  /** accessible one-line summary of the values at t */
  summary: string;
}

export interface StateTraceOptions {
  /** units to draw faintly; default: up to `maxOthers` spread evenly over the layer */
  others?: readonly number[];
  maxOthers?: number;
  /** a unit hovered in some view, drawn a little stronger than the others */
  hoverUnit?: number | null;
}

/** Everything that does not depend on t (built once per trace/selection, kept across frames). */
export function stateTraceSeries(
  trace: Trace,
  selection: Selection,
  opts: StateTraceOptions = {},
): Omit<StateTraceRenderData, 't' | 'summary'> {
  const { T, H } = trace;
  const unit = clampInt(selection.unit, 0, H - 1);
  const hover =
    opts.hoverUnit != null && opts.hoverUnit !== unit && opts.hoverUnit >= 0 && opts.hoverUnit < H
      ? opts.hoverUnit
      : null;
  const others = (opts.others ?? spreadUnits(H, unit, opts.maxOthers ?? 8)).filter(
    (u) => u !== unit && u !== hover && u >= 0 && u < H,
  );
  const drawn: [number, SeriesRole][] = [
    ...others.map((u): [number, SeriesRole] => [u, 'other']),
    ...(hover === null ? [] : [[hover, 'hover'] as [number, SeriesRole]]),
    [unit, 'selected'],
  ];
  const relu = trace.spec.cell === 'elman' && trace.spec.activation === 'relu';
  const hMax = relu ? niceMax(maxAbsFinite(trace.h)) : 1;
  const panels: TracePanel[] = [
    {
      key: 'h',
      label: relu ? 'h (ReLU)' : 'h (tanh)',
      domainNote: relu ? 'ReLU: 0 up to the largest h here' : 'tanh keeps h within −1 … +1',
      color: STATE_COLORS.h,
      yDomain: relu ? [0, hMax] : [-1, 1],
      series: drawn.map(([u, role]) => series('h', trace.h, T, H, u, role)),
      nowValue: NaN,
    },
  ];
  if (trace.c) {
    const m = niceMax(maxAbsFinite(trace.c));
    panels.push({
      key: 'c',
      label: 'c (unbounded)',
      domainNote: `c is not squashed: axis ±${formatValue(m, 2)}, from the largest |c| of any unit`,
      color: STATE_COLORS.c,
      yDomain: [-m, m],
      series: drawn.map(([u, role]) => series('c', trace.c!, T, H, u, role)),
      nowValue: NaN,
    });
  }
  return { T, unit, panels };
}

/** The selected unit's value of each panel's quantity at step t. */
export function nowValues(trace: Trace, t: number, unit: number): { h: number; c?: number } {
  const { T, H } = trace;
  const tt = Math.min(T - 1, Math.max(0, Math.floor(t)));
  const u = clampInt(unit, 0, H - 1);
  return { h: trace.h[tt * H + u]!, c: trace.c ? trace.c[tt * H + u] : undefined };
}

export function stateTraceRenderData(
  trace: Trace,
  t: number,
  selection: Selection,
  opts: StateTraceOptions = {},
): StateTraceRenderData {
  const base = stateTraceSeries(trace, selection, opts);
  const now = nowValues(trace, t, base.unit);
  const panels = base.panels.map((p) => ({ ...p, nowValue: p.key === 'h' ? now.h : now.c! }));
  const tt = Math.min(trace.T - 1, Math.max(0, Math.floor(t)));
  return { ...base, t: tt, panels, summary: traceSummary(tt, base.unit, now) };
}

export function traceSummary(t: number, unit: number, now: { h: number; c?: number }): string {
  const c = now.c === undefined ? '' : `, c = ${formatValue(now.c)}`;
  return `Unit ${unitLabel(unit)} at t=${t + 1}: h = ${formatValue(now.h)}${c}`;
}

/** Up to n units other than `skip`, spread evenly from first to last so the picture is fair. */
export function spreadUnits(H: number, skip: number, n: number): number[] {
  const pool: number[] = [];
  for (let u = 0; u < H; u++) if (u !== skip) pool.push(u);
  if (pool.length <= n) return pool;
  if (n <= 0) return [];
  if (n === 1) return [pool[0]!];
  const out = new Set<number>();
  for (let k = 0; k < n; k++) out.add(pool[Math.round((k * (pool.length - 1)) / (n - 1))]!);
  return [...out];
}

function series(
  q: 'h' | 'c',
  a: Float32Array,
  T: number,
  H: number,
  unit: number,
  role: SeriesRole,
): TraceSeries {
  const points: [number, number][] = new Array(T);
  for (let t = 0; t < T; t++) points[t] = [t, a[t * H + unit]!];
  return { key: `${q}-${unit}`, unit, role, label: `${q} · unit ${unitLabel(unit)}`, points };
}

/** A round upper bound for an axis (0.87 → 1, 2.31 → 2.5); at least a sliver above 0. */
function niceMax(m: number): number {
  if (!(m > 0)) return 1;
  const [, hi] = nice(0, m, 5);
  return hi > 0 ? hi : m;
}
