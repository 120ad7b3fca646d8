/** Small text helpers of the compare view, and the generalised loss chart data. */
import { describe, expect, it } from 'vitest';
import {
  columnStat,
  type ComparisonRow,
  updatesText,
} from '../../../../src/views/compare/tableData';
import {
  lossChartData,
  lossSeriesData,
  smoothLog,
} from '../../../../src/views/training/lossChartData';

const pt = (step: number, loss: number) => ({ step, loss, metric: 0 });

describe('lossSeriesData', () => {
  it('several runs on shared axes, each with its latest finite point', () => {
    const d = lossSeriesData(
      [
        { key: 'elman', history: [pt(1, 0.2), pt(2, 0.15), pt(3, NaN)] },
        { key: 'lstm', history: [pt(1, 0.2), pt(30, 0.001)] },
        { key: 'gru', history: [] },
      ],
      1 / 6,
    );
    expect(d.series.map((s) => s.key)).toEqual(['elman', 'lstm', 'gru']);
    expect(d.series[0]!.points).toHaveLength(2);
    expect(d.series[0]!.last).toEqual(pt(2, 0.15));
    expect(d.series[2]!.last).toBeNull();
    expect(d.xDomain).toEqual([1, 30]);
    expect(d.yDomain).toEqual([-3, 0]);
    expect(d.baselineLog10).toBeCloseTo(Math.log10(1 / 6), 12);
  });

  it('nothing trained: a default frame around the baseline', () => {
    const d = lossSeriesData([{ key: 'a', history: [] }], 1 / 6);
    expect(d.xDomain).toEqual([0, 10]);
    expect(d.yDomain[0]).toBeLessThanOrEqual(Math.log10(1 / 6));
    expect(d.yDomain[1]).toBeGreaterThanOrEqual(Math.log10(1 / 6));
  });

  it('smoothing: a bias-corrected EMA of log10 loss, only when asked', () => {
    const pts: [number, number][] = [
      [1, -1],
      [2, -1],
      [3, -2],
    ];
    const s = smoothLog(pts, 0.5);
    expect(s[0]).toEqual([1, -1]);
    expect(s[1]![1]).toBeCloseTo(-1, 12);
    // weights 0.125, 0.25, 0.5 on -1, -1, -2, over their sum 0.875
    expect(s[2]![1]).toBeCloseTo((0.125 * -1 + 0.25 * -1 + 0.5 * -2) / 0.875, 12);
    expect(smoothLog(pts, 0)).toEqual(pts);
    const runs = [{ key: 'a', history: [pt(1, 0.1), pt(2, 0.01)] }];
    expect(lossSeriesData(runs, null).series[0]!.smoothed).toEqual([]);
    expect(lossSeriesData(runs, null, 0.9).series[0]!.smoothed[0]![1]).toBeCloseTo(-1, 12);
  });

  it('lossChartData keeps its one-run shape', () => {
    const one = lossChartData([pt(1, 0.2), pt(5, 0.01)], null);
    expect(one).toEqual({
      points: [
        [1, Math.log10(0.2)],
        [5, -2],
      ],
      baselineLog10: null,
      xDomain: [1, 10],
      yDomain: [-2, 0],
    });
  });
});

describe('text', () => {
  it('updatesText: one count when all agree', () => {
    expect(updatesText({ Elman: 40, LSTM: 40, GRU: 40 })).toBe('40 updates each');
    expect(updatesText({ Elman: 1, LSTM: 1, GRU: 1 })).toBe('1 update each');
    expect(updatesText({ Elman: 40, LSTM: 39, GRU: 40 })).toBe(
      'updates: Elman 40 · LSTM 39 · GRU 40',
    );
  });

  it('columnStat: memory and the gradient ratio, as phrases', () => {
    const r = {
      ready: true,
      memory: { steps: 6, atLeast: false },
      memoryText: '6',
      gradRatio: 3e-9,
      gradRatioText: '3×10⁻⁹',
    } as ComparisonRow;
    expect(columnStat(r)).toEqual(['memory 6 steps', 'step-1 gradient 3×10⁻⁹']);
    expect(columnStat({ ...r, memory: { steps: 39, atLeast: true }, memoryText: '≥ 39' })[0]).toBe(
      'memory ≥ 39 steps',
    );
    expect(columnStat({ ...r, ready: false })).toEqual([]);
    expect(columnStat(undefined)).toEqual([]);
  });
});
