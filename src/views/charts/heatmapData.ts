/**
 * Gate heatmaps as data: one unit × time grid per gate (palette order), plus the LSTM cell
 * state; Elman has no gates and shows its hidden state instead. Pure: no DOM, no canvas. The
 * grids hold views into the trace (never copies) so a 256 × 1000 trace costs nothing here.
 */
import type { SelectableRow, Selection } from '../../config/selection';
import { CELLS } from '../../engine/cellKinds';
import { color } from 'd3';
import type { Trace } from '../../engine/trace';
import { GATE_COLORS } from '../palette';
import { domainLabel, formatValue, signedColor, unitColor } from '../scales';
import { STATE_COLORS } from './colors';
import { clampInt, maxAbsFinite } from './math';

export interface HeatmapGrid {
  /** gate name ('forget', …) or state name ('h', 'c'); what onSelectGate receives */
  name: SelectableRow;
  /** title shown in the gate's hue */
  label: string;
  /** sequential (σ gates, ReLU h) or diverging around 0 (tanh quantities, c) */
  scale: 'sequential' | 'diverging';
  /** the value range the colours span: [0, 1], [−1, 1], [−m, m] for c, [0, max] for ReLU h */
  range: [number, number];
  /** the legend's sentence: states the domain, and how values outside it are shown */
  domain: string;
  /** the quantity's fixed hue (GATE_COLORS, or STATE_COLORS for states) */
  colorHex: string;
  T: number;
  H: number;
  /** [T, H] row-major, a view into the trace */
  values: Float32Array;
  isGate: boolean;
}

export interface HeatmapRenderData {
  T: number;
  H: number;
  grids: HeatmapGrid[];
  /** the grid named by selection.gate, if it is drawn here */
  selectedGrid: string | null;
  unit: number;
}

export interface HeatmapOptions {
  /** add the LSTM cell state c_t as a last grid (default true) */
  showCellState?: boolean;
}

const GATE_TITLES: Record<string, string> = {
  forget: 'forget gate f',
  input: 'input gate i',
  output: 'output gate o',
  update: 'update gate z',
  reset: 'reset gate r',
};

export function heatmapRenderData(
  trace: Trace,
  selection: Selection,
  opts: HeatmapOptions = {},
): HeatmapRenderData {
  const { T, H } = trace;
  const grids: HeatmapGrid[] = [];
  const cell = trace.spec.cell;
  for (const name of CELLS[cell].shownGates) {
    const values = trace.gates[name];
    if (!values) continue;
    const tanh = name === 'candidate';
    grids.push({
      name,
      label:
        name === 'candidate'
          ? `candidate ${cell === 'lstm' ? 'g' : 'n'} (tanh)`
          : GATE_TITLES[name]!,
      scale: tanh ? 'diverging' : 'sequential',
      range: tanh ? [-1, 1] : [0, 1],
      domain: domainLabel(tanh ? 'signed' : 'unit'),
      colorHex: GATE_COLORS[name],
      T,
      H,
      values,
      isGate: true,
    });
  }
  if (cell === 'elman') {
    const relu = trace.spec.activation === 'relu';
    const max = relu ? Math.max(maxAbsFinite(trace.h), 1e-6) : 1;
    grids.push({
      name: 'h',
      label: relu ? 'hidden state h (ReLU)' : 'hidden state h (tanh)',
      scale: relu ? 'sequential' : 'diverging',
      range: relu ? [0, max] : [-1, 1],
      domain: relu
        ? `ReLU: 0 → ${formatValue(max, 2)} (largest h in this sequence)`
        : domainLabel('signed'),
      colorHex: STATE_COLORS.h,
      T,
      H,
      values: trace.h,
      isGate: false,
    });
  }
  if (cell === 'lstm' && trace.c && opts.showCellState !== false) {
    // c is unbounded: the colours span ±max|c| of this sequence (symmetric so 0 stays light),
    // rather than clamping at ±1, which would hide how far memory has grown.
    const m = Math.max(maxAbsFinite(trace.c), 1e-6);
    grids.push({
      name: 'c',
      label: 'cell state c (unbounded)',
      scale: 'diverging',
      range: [-m, m],
      domain: 'symmetric ± largest |c| (not clamped)',
      colorHex: STATE_COLORS.c,
      T,
      H,
      values: trace.c,
      isGate: false,
    });
  }
  const selectedGrid = grids.some((g) => g.name === selection.gate) ? selection.gate : null;
  return { T, H, grids, selectedGrid, unit: clampInt(selection.unit, 0, H - 1) };
}

/** The value of one cell. */
export function gridValue(grid: HeatmapGrid, t: number, unit: number): number {
  return grid.values[t * grid.H + unit]!;
}

/**
 * Which cell lies under (x, y) in a grid drawn into a width × height box (columns = steps
 * left to right, rows = units top to bottom). null outside the box.
 */
export function cellAt(
  grid: Pick<HeatmapGrid, 'T' | 'H'>,
  x: number,
  y: number,
  width: number,
  height: number,
): { t: number; unit: number } | null {
  if (!(width > 0 && height > 0) || x < 0 || y < 0 || x > width || y > height) return null;
  return {
    t: clampInt(Math.floor((x / width) * grid.T), 0, grid.T - 1),
    unit: clampInt(Math.floor((y / height) * grid.H), 0, grid.H - 1),
  };
}

/** Where a value sits in its grid's colour ramp, 0 … 1 (non-finite → NaN). */
export function rampPosition(grid: Pick<HeatmapGrid, 'range'>, v: number): number {
  if (!Number.isFinite(v)) return NaN;
  const [lo, hi] = grid.range;
  return Math.min(1, Math.max(0, (v - lo) / (hi - lo)));
}

const LUT_SIZE = 256;
const luts = new Map<string, Uint8ClampedArray<ArrayBuffer>>();

/** A 256-step RGB lookup table of the sequential (viridis) or diverging ramp from scales.ts. */
export function colorLut(scale: HeatmapGrid['scale']): Uint8ClampedArray<ArrayBuffer> {
  let lut = luts.get(scale);
  if (lut) return lut;
  lut = new Uint8ClampedArray(LUT_SIZE * 3);
  for (let k = 0; k < LUT_SIZE; k++) {
    const p = k / (LUT_SIZE - 1);
    const c = color(scale === 'sequential' ? unitColor(p) : signedColor(2 * p - 1))!.rgb();
    lut.set([c.r, c.g, c.b], k * 3);
  }
  luts.set(scale, lut);
  return lut;
}

/** Grey for NaN/∞ cells: outside both ramps, so a blow-up is visible rather than coloured. */
const NAN_RGB = [150, 150, 150] as const;

/**
 * RGBA pixels of a grid as a T-wide, H-tall image (pixel (t, unit)), ready for ImageData.
 * Built once per trace; the component scales it to the screen.
 */
export function gridPixels(
  grid: Pick<HeatmapGrid, 'T' | 'H' | 'values' | 'range' | 'scale'>,
): Uint8ClampedArray<ArrayBuffer> {
  const { T, H, values } = grid;
  const lut = colorLut(grid.scale);
  const px = new Uint8ClampedArray(T * H * 4);
  for (let t = 0; t < T; t++) {
    for (let u = 0; u < H; u++) {
      const p = rampPosition(grid, values[t * H + u]!);
      const o = (u * T + t) * 4;
      if (Number.isNaN(p)) {
        px.set(NAN_RGB, o);
      } else {
        const k = Math.round(p * (LUT_SIZE - 1)) * 3;
        px[o] = lut[k]!;
        px[o + 1] = lut[k + 1]!;
        px[o + 2] = lut[k + 2]!;
      }
      px[o + 3] = 255;
    }
  }
  return px;
}

/** CSS gradient of a grid's ramp, for its legend bar. */
export function rampCss(scale: HeatmapGrid['scale']): string {
  const stops = [0, 0.25, 0.5, 0.75, 1].map((p) =>
    scale === 'sequential' ? unitColor(p) : signedColor(2 * p - 1),
  );
  return `linear-gradient(to right, ${stops.join(', ')})`;
}
