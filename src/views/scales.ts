/**
 * Colour and axis scales whose domains match the quantity they draw: a sigmoid gate lives in
 * [0, 1] (sequential), tanh quantities in [−1, 1] (diverging), gradient magnitudes span decades
 * (log). All colour-blind safe: viridis, and a blue–orange diverging ramp.
 */
import { interpolateRgbBasis, interpolateViridis } from 'd3';

/** Smallest normal float32: below it a float32 value has lost precision or became 0. */
export const FLOAT32_TINY = 1.1754943508222875e-38;

export type Domain = 'unit' | 'signed' | 'log';

/** Which scale a named quantity uses. */
export function domainOf(quantity: string): Domain {
  if (['input', 'forget', 'output', 'update', 'reset'].includes(quantity)) return 'unit';
  if (quantity.startsWith('grad') || quantity === 'memoryPath') return 'log';
  return 'signed'; // candidate, h (tanh), c (unbounded, clamped for colour)
}

const diverging = interpolateRgbBasis(['#2166ac', '#6fa8d6', '#f4f4f4', '#f5a25d', '#c2580a']);

/** [0, 1] → viridis. */
export function unitColor(v: number): string {
  return interpolateViridis(clamp01(v));
}

/** [−1, 1] → blue (negative) · light (0) · orange (positive); values beyond are clamped. */
export function signedColor(v: number): string {
  return diverging(clamp01((v + 1) / 2));
}

export function colorFor(domain: Exclude<Domain, 'log'>, v: number): string {
  return domain === 'unit' ? unitColor(v) : signedColor(v);
}

/** The legend's text for a domain, stating its range. */
export function domainLabel(domain: Domain): string {
  if (domain === 'unit') return 'σ gate: 0 (closed) → 1 (open)';
  if (domain === 'signed') return 'tanh: −1 → 0 → +1';
  return 'magnitude, log scale';
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

/**
 * Log10 of a magnitude for plotting, with zeros and float32 underflow made explicit instead of
 * drawn as −∞: `below` is true when the value is under float32's normal range.
 */
export function logMagnitude(v: number): { log10: number; below: boolean } {
  if (!(v > 0) || !Number.isFinite(v)) return { log10: Math.log10(FLOAT32_TINY), below: true };
  return { log10: Math.log10(v), below: v < FLOAT32_TINY };
}

/** Compact number for labels: 0.83, −1.2e-5, 3.4e+7. Always finite text. */
export function formatValue(v: number, digits = 3): string {
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'NaN' : v > 0 ? '+∞' : '−∞';
  if (v === 0) return '0';
  const a = Math.abs(v);
  const s = a >= 1e-3 && a < 1e4 ? v.toFixed(digits) : v.toExponential(digits - 1);
  return s.replace('-', '−');
}
