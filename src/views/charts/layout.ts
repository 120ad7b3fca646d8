/**
 * The time axis every chart shares. All three charts use the same left/right margins and put
 * step t at the centre of its column, so when they are stacked in one layout column the
 * current-step rules line up: the timeline is the spine of the page.
 */
import { ticks } from 'd3';

export const CHART_MARGIN = { left: 64, right: 20 } as const;

export interface TimeAxis {
  T: number;
  /** x of the left edge of step 0's column */
  left: number;
  /** width of one step's column (the plot width divided by T) */
  step: number;
  plotWidth: number;
  /** x of the centre of step t's column */
  x(t: number): number;
  /** step under pixel x, clamped to [0, T−1]; null outside the plot area */
  tAt(px: number): number | null;
}

export function timeAxis(T: number, width: number): TimeAxis {
  const left = CHART_MARGIN.left;
  const plotWidth = Math.max(1, width - left - CHART_MARGIN.right);
  const n = Math.max(1, T);
  const step = plotWidth / n;
  return {
    T,
    left,
    step,
    plotWidth,
    x: (t) => left + (t + 0.5) * step,
    tAt: (px) => {
      if (px < left || px > left + plotWidth) return null;
      return Math.min(n - 1, Math.max(0, Math.floor((px - left) / step)));
    },
  };
}

/**
 * 0-based step indices whose 1-based labels are round numbers, about one per `minPx` pixels.
 * Step 1 is always included so the axis visibly starts at the first step.
 */
export function timeTicks(T: number, plotWidth: number, minPx = 64): number[] {
  const count = Math.max(2, Math.floor(plotWidth / minPx));
  const round = ticks(1, T, count).filter((v) => Number.isInteger(v) && v >= 1 && v <= T);
  const out = round.map((v) => v - 1);
  // Keep step 1 unless a round tick sits too close to it to be read.
  if (out[0] !== 0 && (out[0] ?? T) * (plotWidth / T) >= minPx * 0.6) out.unshift(0);
  return out;
}

/** How a person reads a step: 1-based. */
export function stepLabel(t: number): string {
  return String(t + 1);
}

/** How a person reads a unit: 1-based, like steps. */
export function unitLabel(unit: number): string {
  return String(unit + 1);
}

const SUPERSCRIPT: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** 10 to an integer power, written as a person would: 10⁻⁴. */
export function pow10Label(k: number): string {
  const e = String(Math.round(k));
  return `10${[...e].map((ch) => SUPERSCRIPT[ch] ?? ch).join('')}`;
}

/** A magnitude written as m×10ⁿ (or plainly when it is between 0.001 and 1000). */
export function magnitudeLabel(v: number): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : '∞';
  if (v === 0) return '0';
  if (v >= 1e-3 && v < 1e3) return v.toPrecision(3);
  const k = Math.floor(Math.log10(v));
  const m = v / 10 ** k;
  // Float rounding can give 9.9995 → "10.0"; carry it into the exponent.
  const ms = m.toFixed(1);
  return ms === '10.0' ? `1.0×${pow10Label(k + 1)}` : `${ms}×${pow10Label(k)}`;
}
