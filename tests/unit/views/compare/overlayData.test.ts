/** The overlay as data, on real traces: normalised to 10⁰ at lag 0, finite, underflow banded. */
import { type CompareColumn, emptyColumn } from '../../../../src/config/compareColumn';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CellKind } from '../../../../src/engine/types';
import {
  type OverlayRenderData,
  lagOf,
  overlayReadout,
  overlayRenderData,
  spreadLabels,
} from '../../../../src/views/compare/overlayData';
import { geometry } from '../../../../src/views/compare/overlayGeometry';
import { FLOAT32_TINY } from '../../../../src/views/scales';
import { addingTask, makeColumns, useCpu, withSeries } from './columns';

type Columns = Record<CellKind, CompareColumn>;
let base: Columns;
let vanishing: Columns;

beforeAll(async () => {
  await useCpu();
  const { task, seq } = addingTask(40);
  base = await makeColumns(task, seq, { elman: { recurrentScale: 1 } });
  // Elman shrinking ~×0.03 a step: 39 steps back is far below float32's range.
  vanishing = await makeColumns(task, seq, { elman: { recurrentScale: 0.03 } });
});

function expectSane(d: OverlayRenderData) {
  const [lo, hi] = d.yDomain;
  expect(Number.isInteger(lo) && Number.isInteger(hi) && lo <= 0 && hi >= 0 && hi > lo).toBe(true);
  for (const s of d.series) {
    expect(s.points.map((p) => p.lag)).toEqual([...Array(d.xMax + 1).keys()]);
    for (const p of s.points) {
      expect(Number.isFinite(p.log10), `${s.cell} ${s.kind} lag ${p.lag}`).toBe(true);
      if (p.below) expect(p.log10).toBe(d.floorLog10);
      else if (!p.overflow) {
        expect(p.log10).toBeGreaterThanOrEqual(lo);
        expect(p.log10).toBeLessThanOrEqual(hi);
      }
    }
  }
  for (const k of d.ticks) expect(Number.isInteger(k) && k >= lo && k <= hi).toBe(true);
}

describe('overlayRenderData', () => {
  it('one grad and one path series per cell, all at 10⁰ at lag 0', () => {
    const d = overlayRenderData(base);
    expectSane(d);
    expect(d.cells).toEqual(['elman', 'lstm', 'gru']);
    expect(d.series.map((s) => `${s.cell}:${s.kind}`)).toEqual([
      'elman:grad',
      'elman:path',
      'lstm:grad',
      'lstm:path',
      'gru:grad',
      'gru:path',
    ]);
    expect(d.lossStep).toBe(39);
    expect(d.xMax).toBe(39);
    for (const s of d.series) {
      expect(s.points[0]!.value).toBe(1);
      expect(s.points[0]!.log10).toBe(0);
    }
  });

  it('lag k is step L − k, divided by the value at the loss step', () => {
    const d = overlayRenderData(base);
    const g = base.lstm.trace!.series.gradHNorm;
    const s = d.series.find((q) => q.cell === 'lstm' && q.kind === 'grad')!;
    expect(s.points[10]!.value).toBeCloseTo(g[29]! / g[39]!, 12);
    expect(s.points[10]!.log10).toBeCloseTo(Math.log10(g[29]! / g[39]!), 9);
    const p = d.series.find((q) => q.cell === 'gru' && q.kind === 'path')!;
    expect(p.points[39]!.value).toBe(base.gru.trace!.series.memoryPath[0]);
  });

  it('underflow goes to the band at the float32 floor, never −∞ or NaN', () => {
    const d = overlayRenderData(vanishing);
    expectSane(d);
    expect(d.anyBelow).toBe(true);
    const grad = d.series.find((s) => s.cell === 'elman' && s.kind === 'grad')!;
    const raw = vanishing.elman.trace!.series.gradHNorm;
    expect(grad.points.some((p) => p.below)).toBe(true);
    // a raw gradient under float32's range is below even if the ratio would not be
    for (const p of grad.points) if (raw[39 - p.lag]! < FLOAT32_TINY) expect(p.below).toBe(true);
    // the gated cells are not dragged down: the domain is set by points above the floor
    expect(d.yDomain[0]).toBeGreaterThanOrEqual(Math.floor(d.floorLog10));
  });

  it('zeros are below, NaN/∞ overflow to the top edge', () => {
    const path = new Float64Array(base.gru.trace!.series.memoryPath);
    path[0] = 0;
    path[1] = NaN;
    path[2] = Infinity;
    const d = overlayRenderData({ ...base, gru: withSeries(base.gru, { memoryPath: path }) });
    expectSane(d);
    const s = d.series.find((q) => q.cell === 'gru' && q.kind === 'path')!;
    expect(s.points[39]).toMatchObject({ below: true, log10: d.floorLog10 });
    expect(s.points[38]).toMatchObject({ overflow: true, log10: d.yDomain[1] });
    expect(s.points[37]).toMatchObject({ overflow: true, log10: d.yDomain[1] });
    expect(d.anyOverflow).toBe(true);
  });

  it('skips cells without a trace, and a gradient that is 0 at the loss step', () => {
    const g = new Float64Array(base.elman.trace!.series.gradHNorm);
    g[39] = 0;
    const d = overlayRenderData({
      elman: withSeries(base.elman, { gradHNorm: g }),
      lstm: emptyColumn('lstm'),
      gru: base.gru,
    });
    expectSane(d);
    expect(d.cells).toEqual(['elman', 'gru']);
    expect(d.series.map((s) => `${s.cell}:${s.kind}`)).toEqual([
      'elman:path',
      'gru:grad',
      'gru:path',
    ]);
    expect(d.skipped).toHaveLength(1);
    expect(d.skipped[0]!.cell).toBe('elman');
  });

  it('a column with an error is not drawn, even with a stale trace', () => {
    const d = overlayRenderData({ ...base, lstm: { ...base.lstm, error: 'out of memory' } });
    expect(d.cells).toEqual(['elman', 'gru']);
    expect(d.series.some((s) => s.cell === 'lstm')).toBe(false);
    expect(d.skipped).toEqual([{ cell: 'lstm', reason: 'out of memory' }]);
  });

  it('nothing to draw: a default domain, no rule', () => {
    const d = overlayRenderData({
      elman: emptyColumn('elman'),
      lstm: emptyColumn('lstm'),
      gru: emptyColumn('gru'),
    });
    expect(d.series).toEqual([]);
    expect(d.lossStep).toBe(-1);
    expect(d.xMax).toBe(0);
    expect(d.yDomain).toEqual([-1, 0]);
    expect(lagOf(d, 0)).toBeNull();
    expect(overlayReadout(d, 0)).toMatch(/no gradient/i);
  });
});

describe('lagOf and overlayReadout', () => {
  it('maps the step to its lag, and none after the loss step', () => {
    const d = overlayRenderData(base);
    expect(lagOf(d, 39)).toBe(0);
    expect(lagOf(d, 9)).toBe(30);
    expect(lagOf(d, 40)).toBeNull();
  });

  it('names every cell at the step, 1-based', () => {
    const d = overlayRenderData(vanishing);
    expect(overlayReadout(d, 39)).toMatch(
      /^t=40, the loss step: Elman 1\.00 · LSTM 1\.00 · GRU 1\.00$/,
    );
    expect(overlayReadout(d, 0)).toMatch(/^t=1, 39 steps back: Elman (below float32|0) · LSTM /);
  });
});

describe('spreadLabels', () => {
  it('keeps labels apart, in order, inside the range', () => {
    const ys = spreadLabels([100, 102, 50], 20, 0, 200);
    expect(ys[2]).toBe(50);
    expect(ys[1]! - ys[0]!).toBeGreaterThanOrEqual(20);
    expect(ys[0]).toBe(100);
  });
  it('shifts the stack up from the bottom edge', () => {
    const ys = spreadLabels([195, 196, 197], 20, 0, 200);
    expect(ys).toEqual([160, 180, 200]);
  });
});

describe('overlay geometry', () => {
  it('lag 0 at the left, the pointer maps back to the nearest lag, below points in the band', () => {
    const d = overlayRenderData(vanishing);
    const g = geometry(d, 800, 300);
    expect(g.x(0)).toBe(g.left);
    expect(g.x(d.xMax)).toBe(g.right);
    expect(g.lagAt(g.x(17) + 1)).toBe(17);
    expect(g.lagAt(0)).toBeNull();
    expect(g.y(d.yDomain[1])).toBeLessThan(g.y(d.yDomain[0]));
    const below = d.series.flatMap((s) => s.points).find((p) => p.below)!;
    const yb = g.yOf(below, 0);
    expect(yb).toBeGreaterThan(g.plotBottom);
    expect(yb).toBeLessThan(g.axisY);
  });
});
