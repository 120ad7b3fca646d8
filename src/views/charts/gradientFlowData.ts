/**
 * Gradient flow as data: ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖ for LSTM) and the memory-path product
 * against t, in log10 so that decades of shrinking read as a straight fall. Every series
 * stops at the last loss step L: nothing after L is in the loss, so the gradients there are
 * exactly zero by construction and drawing them would look like (false) vanishing.
 * Zeros and values under float32's normal range are flagged `below` and given a finite
 * log10 (never −∞ or NaN); NaN/∞ are flagged `overflow` (an explosion, not a vanishing).
 */
import type { Trace } from '../../engine/trace';
import { FLOAT32_TINY, logMagnitude } from '../scales';
import { STATE_COLORS } from './colors';
import { magnitudeLabel, stepLabel } from './layout';

export interface GradPoint {
  t: number;
  value: number;
  /** log10 of the value; for `below`, log10(FLOAT32_TINY) or the true float64 log if smaller */
  log10: number;
  /** 0 or under float32's smallest normal: drawn in the "below float32" band, not as a point */
  below: boolean;
  /** NaN or ∞: drawn as a marker at the top edge (log10 = the domain's top) */
  overflow: boolean;
}

export interface GradSeries {
  key: 'gradH' | 'gradC' | 'memoryPath';
  label: string;
  color: string;
  dashed: boolean;
  /** t = 0 … lossStep (empty when no step has a target) */
  points: GradPoint[];
}

export interface GradientFlowRenderData {
  T: number;
  series: GradSeries[];
  /** log10 range of the plot area: whole decades covering every point that is not flagged */
  yDomain: [number, number];
  /** log10 values (integers) to tick and label as powers of ten */
  ticks: number[];
  /** log10(FLOAT32_TINY): the floor of float32's normal range */
  floorLog10: number;
  anyBelow: boolean;
  anyOverflow: boolean;
  /** steps with a target (trace.mask) */
  lossSteps: number[];
  /** the last of them, −1 if none */
  lossStep: number;
  /** one line in plain words */
  caption: string;
}

export function gradientFlowRenderData(trace: Trace, maxTicks = 6): GradientFlowRenderData {
  const { T, lossStep } = trace;
  const lossSteps: number[] = [];
  for (let t = 0; t < T; t++) if (trace.mask[t]) lossSteps.push(t);
  const end = lossStep; // inclusive; −1 draws nothing
  const series: GradSeries[] = [
    {
      key: 'gradH',
      label: '‖∂L/∂h_t‖',
      color: STATE_COLORS.h,
      dashed: false,
      points: toPoints(trace.series.gradHNorm, end),
    },
  ];
  if (trace.series.gradCNorm) {
    series.push({
      key: 'gradC',
      label: '‖∂L/∂c_t‖',
      color: STATE_COLORS.c,
      dashed: false,
      points: toPoints(trace.series.gradCNorm, end),
    });
  }
  series.push({
    key: 'memoryPath',
    label: MEMORY_PATH_LABEL[trace.spec.cell],
    color: STATE_COLORS.memoryPath,
    dashed: true,
    points: toPoints(trace.series.memoryPath, end),
  });

  const { yDomain, anyBelow, anyOverflow } = logSeriesDomain(series);
  return {
    T,
    series,
    yDomain,
    ticks: decadeTicks(yDomain, maxTicks),
    floorLog10: Math.log10(FLOAT32_TINY),
    anyBelow,
    anyOverflow,
    lossSteps,
    lossStep,
    caption:
      lossStep < 0
        ? 'No step has a target, so no gradient flows.'
        : `How much the loss at step ${stepLabel(lossStep)} still feels step t. ` +
          'Read right to left: a falling line is a vanishing gradient.',
  };
}

const MEMORY_PATH_LABEL = {
  lstm: 'memory path: ∏ forget gates',
  gru: 'memory path: ∏ update gates',
  elman: 'memory path: ∏ step Jacobians',
} as const;

function toPoints(a: Float64Array, end: number): GradPoint[] {
  const out: GradPoint[] = [];
  for (let t = 0; t <= end && t < a.length; t++) {
    const value = a[t]!;
    if (Number.isNaN(value) || value === Infinity) {
      out.push({ t, value, log10: 0, below: false, overflow: true });
      continue;
    }
    const m = logMagnitude(value);
    out.push({ t, value, log10: m.log10, below: m.below, overflow: false });
  }
  return out;
}

/** Whole decades around [lo, hi]; at least one decade tall; a default when nothing is finite. */
/**
 * The whole-decade y domain covering every finite point of some log-scale series (starting from
 * [lo, hi] when given), whether any point fell below float32 or overflowed, and — so that every
 * log10 handed to a chart is finite — overflowing points moved onto the top edge, where the
 * charts mark them.
 */
export function logSeriesDomain(
  series: readonly { points: { log10: number; below: boolean; overflow: boolean }[] }[],
  lo = Infinity,
  hi = -Infinity,
): { yDomain: [number, number]; anyBelow: boolean; anyOverflow: boolean } {
  let anyBelow = false;
  let anyOverflow = false;
  for (const s of series) {
    for (const p of s.points) {
      anyBelow ||= p.below;
      anyOverflow ||= p.overflow;
      if (p.below || p.overflow) continue;
      lo = Math.min(lo, p.log10);
      hi = Math.max(hi, p.log10);
    }
  }
  const yDomain = decadeDomain(lo, hi);
  for (const s of series) for (const p of s.points) if (p.overflow) p.log10 = yDomain[1];
  return { yDomain, anyBelow, anyOverflow };
}

export function decadeDomain(lo: number, hi: number): [number, number] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [-1, 0];
  let a = Math.floor(lo);
  let b = Math.ceil(hi);
  if (b - a < 1) {
    a = Math.min(a, b - 1);
    b = a + 1;
  }
  return [a, b];
}

/** Powers of ten to label: every decade, or every 2nd, 3rd, 5th, 10th… so at most maxTicks. */
export function decadeTicks([lo, hi]: [number, number], maxTicks = 6): number[] {
  const span = hi - lo;
  const steps = [1, 2, 3, 5, 10, 20, 50, 100];
  const step = steps.find((s) => Math.floor(span / s) + 1 <= maxTicks) ?? Math.ceil(span / 2);
  const out: number[] = [];
  for (let k = Math.ceil(lo / step) * step; k <= hi; k += step) out.push(k);
  return out;
}

/** The values at step t in words (readout line and accessible name). */
export function gradientSummary(data: GradientFlowRenderData, t: number): string {
  if (data.lossStep < 0) return data.caption;
  if (t > data.lossStep) {
    return `t=${stepLabel(t)}: after the last loss step (${stepLabel(data.lossStep)}), no gradient`;
  }
  const parts = data.series.map((s) => {
    const p = s.points[t];
    const name = s.key === 'memoryPath' ? 'memory path' : s.label.replace('_t', '');
    if (!p) return `${name} –`;
    if (p.overflow) return `${name} ${Number.isNaN(p.value) ? 'NaN' : '∞'}`;
    if (p.below) return `${name} ${p.value === 0 ? '0' : magnitudeLabel(p.value)} (below float32)`;
    return `${name} ${magnitudeLabel(p.value)}`;
  });
  return `t=${stepLabel(t)}: ${parts.join(' · ')}`;
}
