/**
 * The overlay as data: each cell's ‖∂L/∂h_t‖ divided by its value at the loss step L, and its
 * memory path (1 at L by definition), against the lag k = L − t, in log10. Normalising makes
 * the three cells start together at 10⁰ at lag 0, so what differs is only how fast each falls.
 * A value that is 0 or under float32's smallest normal (in the trace it came from, or after
 * dividing) is flagged `below` and clamped to the float32 floor: drawn in a hatched band, never
 * at −∞; NaN or ∞ is flagged `overflow` and put on the top edge.
 */
import type { CompareColumn } from '../../config/compareColumn';
import { CELLS } from '../../engine/cellKinds';
import type { CellKind } from '../../engine/types';
import { decadeTicks, logSeriesDomain } from '../charts/gradientFlowData';
import { magnitudeLabel, stepLabel } from '../charts/layout';
import { FLOAT32_TINY } from '../scales';

export type OverlayKind = 'grad' | 'path';

export interface OverlayPoint {
  /** steps back from the loss step: L − t */
  lag: number;
  /** the plotted (normalised) value */
  value: number;
  /** log10 of the value, always finite: the float32 floor for `below`, the top for `overflow` */
  log10: number;
  below: boolean;
  overflow: boolean;
}

export interface OverlaySeries {
  cell: CellKind;
  kind: OverlayKind;
  /** lag 0 … L, in that order */
  points: OverlayPoint[];
}

export interface OverlayRenderData {
  series: OverlaySeries[];
  /** cells drawn, in column order */
  cells: CellKind[];
  /** cells that have a trace but are not drawn (an error, no target, no gradient), and why */
  skipped: { cell: CellKind; reason: string }[];
  /** the loss step L the lags count back from (the largest over the cells), −1 if none */
  lossStep: number;
  /** largest lag drawn (= lossStep, 0 when nothing is drawn) */
  xMax: number;
  /** whole decades covering every point that is neither below nor overflow; always holds 10⁰ */
  yDomain: [number, number];
  /** log10 values to label as powers of ten */
  ticks: number[];
  /** log10(FLOAT32_TINY) */
  floorLog10: number;
  anyBelow: boolean;
  anyOverflow: boolean;
}

const FLOOR = Math.log10(FLOAT32_TINY);

function point(lag: number, value: number, rawBelow: boolean): OverlayPoint {
  if (Number.isNaN(value) || value === Infinity) {
    return { lag, value, log10: 0, below: false, overflow: true };
  }
  const below = rawBelow || !(value >= FLOAT32_TINY);
  return { lag, value, log10: below ? FLOOR : Math.log10(value), below, overflow: false };
}

function gradSeries(cell: CellKind, g: Float64Array, L: number): OverlaySeries | string {
  const ref = g[L]!;
  if (!(ref > 0) || !Number.isFinite(ref)) {
    return `‖∂L/∂h‖ at the loss step is ${ref === 0 ? '0' : String(ref)}: nothing to normalise by`;
  }
  const points: OverlayPoint[] = [];
  for (let lag = 0; lag <= L; lag++) {
    const raw = g[L - lag]!;
    const rawBelow = Number.isFinite(raw) && !(raw >= FLOAT32_TINY);
    points.push(point(lag, raw / ref, rawBelow));
  }
  return { cell, kind: 'grad', points };
}

function pathSeries(cell: CellKind, p: Float64Array, L: number): OverlaySeries {
  const points: OverlayPoint[] = [];
  for (let lag = 0; lag <= L; lag++) points.push(point(lag, p[L - lag]!, false));
  return { cell, kind: 'path', points };
}

export function overlayRenderData(
  columns: Readonly<Record<CellKind, CompareColumn>>,
  maxTicks = 6,
): OverlayRenderData {
  const series: OverlaySeries[] = [];
  const cells: CellKind[] = [];
  const skipped: OverlayRenderData['skipped'] = [];
  let lossStep = -1;
  for (const col of Object.values(columns)) {
    const tr = col.trace;
    if (!tr) continue;
    if (col.error) {
      skipped.push({ cell: col.cell, reason: col.error });
      continue;
    }
    const L = tr.lossStep;
    if (L < 0) {
      skipped.push({ cell: col.cell, reason: 'no step has a target' });
      continue;
    }
    lossStep = Math.max(lossStep, L);
    const g = gradSeries(col.cell, tr.series.gradHNorm, L);
    if (typeof g === 'string') skipped.push({ cell: col.cell, reason: g });
    else series.push(g);
    series.push(pathSeries(col.cell, tr.series.memoryPath, L));
    cells.push(col.cell);
  }

  // 10⁰ is where every line starts, so the domain always includes it.
  const { yDomain, anyBelow, anyOverflow } = logSeriesDomain(series, 0, 0);
  return {
    series,
    cells,
    skipped,
    lossStep,
    xMax: Math.max(0, lossStep),
    yDomain,
    ticks: decadeTicks(yDomain, maxTicks),
    floorLog10: FLOOR,
    anyBelow,
    anyOverflow,
  };
}

/** The lag the playback step t sits at, or null when t is after the loss step (or none). */
export function lagOf(data: OverlayRenderData, t: number): number | null {
  if (data.lossStep < 0 || t > data.lossStep || t < 0) return null;
  return data.lossStep - t;
}

function valueText(p: OverlayPoint | undefined): string {
  if (!p) return '–';
  if (p.overflow) return Number.isNaN(p.value) ? 'NaN' : '∞';
  if (p.below) return p.value === 0 ? '0' : 'below float32';
  return magnitudeLabel(p.value);
}

/** One line: each cell's normalised gradient at step t, e.g. "t=31, 29 steps back: Elman 3.1×10⁻⁹ · …". */
export function overlayReadout(data: OverlayRenderData, t: number): string {
  if (data.lossStep < 0) return 'No step has a target, so no gradient flows back.';
  const lag = lagOf(data, t);
  if (lag === null) {
    return `t=${stepLabel(t)} is after the loss step (${stepLabel(data.lossStep)}): no gradient`;
  }
  const parts = data.series
    .filter((s) => s.kind === 'grad')
    .map((s) => `${CELLS[s.cell].name} ${valueText(s.points[lag])}`);
  const back = lag === 0 ? 'the loss step' : `${lag} step${lag === 1 ? '' : 's'} back`;
  return `t=${stepLabel(t)}, ${back}: ${parts.join(' · ')}`;
}

/**
 * Vertical positions for the labels at the lines' ends: each as close to its wanted y as it can
 * be while staying `gap` apart and inside [lo, hi]. Order is kept.
 */
export function spreadLabels(wanted: readonly number[], gap: number, lo: number, hi: number) {
  const order = wanted.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  const ys = order.map((o) => Math.min(hi, Math.max(lo, o.y)));
  for (let k = 1; k < ys.length; k++) ys[k] = Math.max(ys[k]!, ys[k - 1]! + gap);
  // Pushed past the bottom: shift the stack back up, keeping the gaps.
  const over = ys.length ? ys[ys.length - 1]! - hi : 0;
  if (over > 0) for (let k = 0; k < ys.length; k++) ys[k]! -= over;
  for (let k = ys.length - 2; k >= 0; k--) ys[k] = Math.min(ys[k]!, ys[k + 1]! - gap);
  const out = new Array<number>(wanted.length);
  order.forEach((o, k) => (out[o.i] = ys[k]!));
  return out;
}
