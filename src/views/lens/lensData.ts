/**
 * JACOBIAN LENS render data (issue #18), pure: the T × T map of ‖∂s_t/∂s_k‖₂ as pixels on a log
 * colour scale, the selected row t against k (with the Elman bound σ_max(W_hh)^{t−k}), and the
 * singular values of every step Jacobian.
 */
import { rgb } from 'd3';
import { type JacobianLens, normAt } from '../../engine/jacobian/lens';
import { magnitudeLabel, stepLabel } from '../charts/layout';
import { signedColor } from '../scales';

/** The page's lens stops a column once it is provably below this; such entries draw darkest. */
export const LENS_FLOOR = 1e-30;

/**
 * Colours of the map, diverging about 1 (a change kept whole, pale): blue where it shrinks
 * (vanishing, darkest at the scale's low end), orange where it grows (exploding), so 1 looks the
 * same for every cell and a map of Elman reads against one of an LSTM. A 256-entry table.
 */
const LUT = Array.from({ length: 256 }, (_, i) => rgb(signedColor((i / 255) * 2 - 1)));
/** Cells not computed (outside the band, or not yet): a grey checker, unlike any value. */
const NOT_COMPUTED = [
  [196, 196, 196, 255],
  [150, 150, 150, 255],
] as const;

export interface LensPoint {
  /** the step on the x axis (k for the row, t for the singular values) */
  x: number;
  log10: number;
}

export interface LensRenderData {
  T: number;
  /** the selection, kept inside the lens: 0 ≤ k ≤ t < T */
  t: number;
  k: number;
  /** log10 of the colour scale's ends */
  logDomain: [number, number];
  /** ‖∂s_t/∂s_k‖₂ at the selection (NaN: not computed) */
  value: number;
  /** row t of the map, for k = 0 … t, where computed (0 is drawn at the floor) */
  row: LensPoint[];
  /** Elman: log10 σ_max(W_hh)^{t−k} for k = 0 … t */
  bound: LensPoint[] | null;
  /** per step t: log10 of the largest and smallest singular value of J_t, where computed */
  svMax: LensPoint[];
  svMin: LensPoint[];
  /** the singular values of J_t at the selected t, descending (empty until computed) */
  svAtT: number[];
  /** the largest t − k in the map (T − 1 when it is whole) */
  maxLag: number;
  /** one sentence a person (or a screen reader) reads for the selection */
  summary: string;
}

const log10Floor = Math.log10(LENS_FLOOR);

/**
 * The colour range in whole decades, at least 10⁻¹ … 10¹: from the smallest value computed (not
 * below the floor) to the largest.
 */
export function lensLogDomain(lens: JacobianLens): [number, number] {
  let lo = 0;
  let hi = 0;
  const { T } = lens;
  for (let k = 0; k < T; k++)
    for (let t = k + 1; t < T; t++) {
      const v = normAt(lens, t, k);
      if (v > 0 && Number.isFinite(v)) {
        const l = Math.log10(v);
        if (l < lo) lo = l;
        if (l > hi) hi = l;
      } else if (v === 0) lo = log10Floor;
    }
  return [Math.min(-1, Math.max(log10Floor, Math.floor(lo))), Math.max(1, Math.ceil(hi))];
}

/** Where log10 v falls on the diverging scale: −1 at the low end, 0 at 1, +1 at the high end. */
function position(log10: number, [lo, hi]: [number, number]): number {
  return Math.max(-1, Math.min(1, log10 < 0 ? -log10 / lo : log10 / hi));
}

/** The table entry for v (0 and values under the floor: the low end). */
function shade(v: number, logDomain: [number, number]): number {
  const p = v > 0 ? position(Math.log10(v), logDomain) : -1;
  return Math.round(((p + 1) / 2) * 255);
}

/**
 * The map as RGBA pixels, row t from the top, column k from the left: the lower triangle
 * (k ≤ t) coloured, the upper one transparent, cells not computed grey.
 */
export function lensPixels(lens: JacobianLens, logDomain: [number, number]): Uint8ClampedArray {
  const { T } = lens;
  const px = new Uint8ClampedArray(T * T * 4);
  for (let t = 0; t < T; t++)
    for (let k = 0; k <= t; k++) {
      const v = normAt(lens, t, k);
      const at = (t * T + k) * 4;
      if (Number.isNaN(v)) px.set(NOT_COMPUTED[(t + k) % 2]!, at);
      else {
        const c = LUT[shade(v, logDomain)]!;
        px[at] = c.r;
        px[at + 1] = c.g;
        px[at + 2] = c.b;
        px[at + 3] = 255;
      }
    }
  return px;
}

/** The CSS colour of a value on the scale (for the legend). */
export function lensColor(log10: number, logDomain: [number, number]): string {
  return signedColor(position(log10, logDomain));
}

const clampStep = (v: number, T: number) => Math.max(0, Math.min(T - 1, Math.round(v)));

export function lensRenderData(
  lens: JacobianLens,
  tIn: number,
  kIn: number | null | undefined,
  logDomain: [number, number] = lensLogDomain(lens),
): LensRenderData {
  const { T, svCount, whhNorm, maxLag } = lens;
  const t = clampStep(tIn, T);
  const k = Math.min(t, clampStep(kIn ?? 0, T));
  const row: LensPoint[] = [];
  for (let x = 0; x <= t; x++) {
    const v = normAt(lens, t, x);
    if (!Number.isNaN(v)) row.push({ x, log10: v > 0 ? Math.log10(v) : logDomain[0] });
  }
  const bound =
    whhNorm === null
      ? null
      : Array.from({ length: t + 1 }, (_, x) => ({ x, log10: (t - x) * Math.log10(whhNorm) }));
  const svMax: LensPoint[] = [];
  const svMin: LensPoint[] = [];
  for (let s = 0; s < T; s++) {
    const top = lens.stepSingularValues[s * svCount]!;
    const low = lens.stepSingularValues[s * svCount + svCount - 1]!;
    if (!Number.isNaN(top)) svMax.push({ x: s, log10: safeLog(top, logDomain[0]) });
    if (svCount > 1 && !Number.isNaN(low)) svMin.push({ x: s, log10: safeLog(low, logDomain[0]) });
  }
  const svAtT = Array.from(lens.stepSingularValues.subarray(t * svCount, (t + 1) * svCount));
  const value = normAt(lens, t, k);
  return {
    T,
    t,
    k,
    logDomain,
    value,
    row,
    bound,
    svMax,
    svMin,
    svAtT: svAtT.some(Number.isNaN) ? [] : svAtT,
    maxLag,
    summary: lensSummary(lens, t, k, value),
  };
}

function safeLog(v: number, lo: number): number {
  return v > 0 ? Math.log10(v) : lo;
}

/** Digits written as subscripts (∂s₄₁), as a person writes an index. */
const SUBSCRIPT = '₀₁₂₃₄₅₆₇₈₉';
export const subscript = (digits: string) => digits.replace(/\d/g, (d) => SUBSCRIPT[Number(d)]!);

/** "‖∂s₄₀/∂s₁₂‖ = 3.2×10⁻⁵: of a change to the state at step 12, …" */
export function lensSummary(lens: JacobianLens, t: number, k: number, value: number): string {
  const head = `‖∂s${subscript(stepLabel(t))}/∂s${subscript(stepLabel(k))}‖`;
  if (t === k) return `${head} = 1: a state is all of itself. Pick an earlier step k.`;
  if (Number.isNaN(value))
    return t - k > lens.maxLag
      ? `${head}: not computed (the map holds lags up to ${lens.maxLag} steps at this size).`
      : `${head}: still being computed.`;
  if (value === 0 && lens.floor > 0)
    return `${head} < ${magnitudeLabel(lens.floor)}: nothing of step ${stepLabel(k)} reaches step ${stepLabel(t)}.`;
  const lag = t - k;
  const perStep = value > 0 ? value ** (1 / lag) : 0;
  return (
    `${head} = ${magnitudeLabel(value)}: the largest change at step ${stepLabel(t)} that a unit-size ` +
    `change of the state at step ${stepLabel(k)} can make, ${lag} step${lag === 1 ? '' : 's'} later ` +
    `(${magnitudeLabel(perStep)} per step on average).`
  );
}
