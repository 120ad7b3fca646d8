/** Gate heatmaps as data: grid order, domains, hues, zero-copy views, hit-testing, pixels. */
import type { SelectableRow } from '../../../../src/config/selection';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trace } from '../../../../src/engine/trace';
import { STATE_COLORS } from '../../../../src/views/charts/colors';
import {
  cellAt,
  colorLut,
  gridPixels,
  gridValue,
  heatmapRenderData,
  rampPosition,
} from '../../../../src/views/charts/heatmapData';
import { GATE_COLORS } from '../../../../src/views/palette';
import { domainLabel } from '../../../../src/views/scales';
import { makeTrace, useCpu } from './traces';

const sel = (unit = 0, gate: SelectableRow | null = null) => ({ unit, gate });
let lstm: Trace, gru: Trace, elman: Trace, relu: Trace;

beforeAll(async () => {
  await useCpu();
  lstm = await makeTrace({ cell: 'lstm' });
  gru = await makeTrace({ cell: 'gru' });
  elman = await makeTrace({ cell: 'elman' });
  relu = await makeTrace({ cell: 'elman', activation: 'relu' });
});

describe('heatmapRenderData', () => {
  it('LSTM: the four gates in palette order, then the cell state', () => {
    const d = heatmapRenderData(lstm, sel(2, 'input'));
    expect(d.grids.map((g) => g.name)).toEqual(['forget', 'input', 'candidate', 'output', 'c']);
    expect(d.T).toBe(lstm.T);
    expect(d.H).toBe(lstm.H);
    expect(d.unit).toBe(2);
    expect(d.selectedGrid).toBe('input');
    for (const g of d.grids.slice(0, 4)) {
      // a view into the trace, not a copy
      expect(g.values).toBe(lstm.gates[g.name]);
      expect(g.colorHex).toBe(GATE_COLORS[g.name as keyof typeof GATE_COLORS]);
      expect(g.isGate).toBe(true);
    }
    const [forget, , candidate] = d.grids;
    expect(forget!.range).toEqual([0, 1]);
    expect(forget!.scale).toBe('sequential');
    expect(forget!.domain).toBe(domainLabel('unit'));
    expect(candidate!.range).toEqual([-1, 1]);
    expect(candidate!.scale).toBe('diverging');
    expect(candidate!.domain).toBe(domainLabel('signed'));
  });

  it('LSTM: c is coloured on a symmetric domain from its largest |c|, and says so', () => {
    const c = heatmapRenderData(lstm, sel()).grids.at(-1)!;
    const m = Math.max(...Array.from(lstm.c!, Math.abs));
    expect(c.values).toBe(lstm.c);
    expect(c.range[0]).toBeCloseTo(-m, 6);
    expect(c.range[1]).toBeCloseTo(m, 6);
    expect(c.domain).toMatch(/symmetric/);
    expect(c.colorHex).toBe(STATE_COLORS.c);
    expect(heatmapRenderData(lstm, sel(), { showCellState: false }).grids).toHaveLength(4);
  });

  it('GRU: update, reset, candidate', () => {
    const d = heatmapRenderData(gru, sel(0, 'forget'));
    expect(d.grids.map((g) => g.name)).toEqual(['update', 'reset', 'candidate']);
    expect(d.selectedGrid).toBeNull(); // GRU has no forget gate
  });

  it('Elman: a single grid of h, labelled with its activation and range', () => {
    const [h, ...rest] = heatmapRenderData(elman, sel()).grids;
    expect(rest).toHaveLength(0);
    expect(h!.label).toBe('hidden state h (tanh)');
    expect(h!.range).toEqual([-1, 1]);
    expect(h!.values).toBe(elman.h);
    const [r] = heatmapRenderData(relu, sel()).grids;
    expect(r!.label).toBe('hidden state h (ReLU)');
    expect(r!.scale).toBe('sequential');
    expect(r!.range[0]).toBe(0);
    expect(r!.range[1]).toBeGreaterThanOrEqual(Math.max(...relu.h) - 1e-9);
  });

  it('clamps an out-of-range selected unit', () => {
    expect(heatmapRenderData(lstm, sel(99)).unit).toBe(lstm.H - 1);
    expect(heatmapRenderData(lstm, sel(-3)).unit).toBe(0);
  });

  it('gridValue reads [T, H] row-major', () => {
    const g = heatmapRenderData(lstm, sel()).grids[0]!;
    expect(gridValue(g, 5, 3)).toBe(lstm.gates.forget![5 * lstm.H + 3]);
  });
});

describe('cellAt', () => {
  const grid = { T: 10, H: 4 };
  it('maps pixels to the step column and unit row', () => {
    expect(cellAt(grid, 0, 0, 200, 80)).toEqual({ t: 0, unit: 0 });
    expect(cellAt(grid, 19.9, 19.9, 200, 80)).toEqual({ t: 0, unit: 0 });
    expect(cellAt(grid, 20, 20, 200, 80)).toEqual({ t: 1, unit: 1 });
    expect(cellAt(grid, 105, 45, 200, 80)).toEqual({ t: 5, unit: 2 });
  });
  it('keeps the far edges inside the grid', () => {
    expect(cellAt(grid, 200, 80, 200, 80)).toEqual({ t: 9, unit: 3 });
  });
  it('is null outside the box or for an empty box', () => {
    expect(cellAt(grid, -1, 10, 200, 80)).toBeNull();
    expect(cellAt(grid, 10, 81, 200, 80)).toBeNull();
    expect(cellAt(grid, 10, 10, 0, 80)).toBeNull();
  });
});

describe('gridPixels', () => {
  it('puts step t in column t and unit u in row u, coloured from the ramp', () => {
    const values = new Float32Array([0, 1, 0.5, Number.NaN, -1, 0.25]); // T=3, H=2
    const grid = {
      T: 3,
      H: 2,
      values,
      range: [0, 1] as [number, number],
      scale: 'sequential' as const,
    };
    const px = gridPixels(grid);
    expect(px.length).toBe(3 * 2 * 4);
    const lut = colorLut('sequential');
    const at = (t: number, u: number) =>
      Array.from(px.subarray((u * 3 + t) * 4, (u * 3 + t) * 4 + 4));
    expect(at(0, 0)).toEqual([lut[0], lut[1], lut[2], 255]); // value 0
    expect(at(0, 1)).toEqual([lut[255 * 3], lut[255 * 3 + 1], lut[255 * 3 + 2], 255]); // 1
    expect(at(1, 1)).toEqual([150, 150, 150, 255]); // NaN is grey, not a colour of the ramp
    expect(at(2, 0)).toEqual([lut[0], lut[1], lut[2], 255]); // −1 clamps to 0
  });
  it('rampPosition clamps to [0, 1] and keeps NaN distinct', () => {
    expect(rampPosition({ range: [-2, 2] }, 0)).toBe(0.5);
    expect(rampPosition({ range: [-2, 2] }, 9)).toBe(1);
    expect(rampPosition({ range: [0, 1] }, Number.POSITIVE_INFINITY)).toBeNaN();
  });
});
