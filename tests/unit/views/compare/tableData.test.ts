/** The comparison table on real traces: sizes, spectral radius, gradient ratio, memory length. */
import { type CompareColumn, emptyColumn } from '../../../../src/config/compareColumn';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Task } from '../../../../src/engine/tasks/task';
import type { CellKind } from '../../../../src/engine/types';
import {
  type ComparisonRow,
  comparisonRows,
  memoryLength,
  ratioText,
  workPerStep,
} from '../../../../src/views/compare/tableData';
import { addingTask, makeColumns, useCpu, withSeries } from './columns';

type Columns = Record<CellKind, CompareColumn>;
let task: Task;
let cols: Columns;

beforeAll(async () => {
  await useCpu();
  const a = addingTask(40);
  task = a.task;
  cols = await makeColumns(a.task, a.seq, {
    elman: { H: 16, recurrentScale: 0.5 },
    // Forget gate held at 1 and input at 0: the cell state is carried unchanged, exactly.
    lstm: {
      H: 16,
      clamps: [
        { gate: 'forget', value: 1 },
        { gate: 'input', value: 0 },
      ],
    },
    gru: { H: 16, noRadii: true },
  });
});

const row = (rows: ComparisonRow[], cell: CellKind) => rows.find((r) => r.cell === cell)!;

describe('comparisonRows', () => {
  it('one row per cell in column order, with the spec-derived sizes', () => {
    const rows = comparisonRows(cols, task);
    expect(rows.map((r) => r.cell)).toEqual(['elman', 'lstm', 'gru']);
    expect(rows.map((r) => r.name)).toEqual(['Elman', 'LSTM', 'GRU']);
    // I = 2 (value, marker), H = 16, O = 1: G·H·(I+H) + 2·G·H biases + O·H + O
    expect(row(rows, 'elman').params).toBe(16 * 18 + 2 * 16 + 17);
    expect(row(rows, 'lstm').params).toBe(4 * 16 * 18 + 2 * 64 + 17);
    expect(row(rows, 'gru').paramsText).toBe((3 * 16 * 18 + 2 * 48 + 17).toLocaleString('en-US'));
    expect(rows.map((r) => r.work)).toEqual([304, 1168, 880]);
    for (const r of rows) {
      expect(r.ready).toBe(true);
      expect(r.traceMs).toBeGreaterThan(0);
      expect(r.msText).toMatch(/^\d+(\.\d)? ms$/);
    }
  });

  it('spectral radius: the init scale, from the store or computed from the weights', () => {
    const rows = comparisonRows(cols, task);
    expect(row(rows, 'elman').radiusText).toBe('0.50');
    expect(row(rows, 'lstm').radiusText).toBe('1.00');
    expect(cols.gru.spectralRadii).toEqual([]);
    expect(row(rows, 'gru').radius).toBeCloseTo(1, 3);
  });

  it('Elman at ρ = 0.5 forgets within a few steps; a clamped LSTM remembers the whole sequence', () => {
    const rows = comparisonRows(cols, task);
    const elman = row(rows, 'elman');
    const lstm = row(rows, 'lstm');
    expect(elman.memory!.atLeast).toBe(false);
    expect(elman.memory!.steps).toBeLessThan(10);
    expect(elman.memoryText).toBe(String(elman.memory!.steps));
    expect(lstm.memory).toEqual({ steps: 39, atLeast: true });
    expect(lstm.memoryText).toBe('≥ 39');
    expect(lstm.best.memory).toBe(true);
    expect(elman.best.memory).toBe(false);
    // Elman's gradient at step 1 is a vanishing fraction of the loss step's
    expect(elman.gradRatio!).toBeLessThan(1e-6);
    expect(elman.gradRatioText).toMatch(/^(\d×)?10⁻[⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
  });

  it('gradient ratio is ‖∂L/∂h_0‖ ÷ ‖∂L/∂h_L‖', () => {
    const g = cols.gru.trace!.series.gradHNorm;
    expect(row(comparisonRows(cols, task), 'gru').gradRatio).toBeCloseTo(g[0]! / g[39]!, 12);
    const z = new Float64Array(g);
    z[0] = 0;
    const r = row(
      comparisonRows({ ...cols, gru: withSeries(cols.gru, { gradHNorm: z }) }, task),
      'gru',
    );
    expect(r.gradRatio).toBe(0);
    expect(r.gradRatioText).toBe('0 (underflow)');
  });

  it('training loss against the baseline, and the lowest one marked', () => {
    const hist = (loss: number) => [
      { step: 1, loss: 0.3, metric: 0 },
      { step: 2, loss, metric: 0 },
    ];
    const rows = comparisonRows(
      {
        elman: { ...cols.elman, steps: 2, history: hist(0.15) },
        lstm: { ...cols.lstm, steps: 2, history: hist(0.01) },
        gru: { ...cols.gru, steps: 2, history: hist(NaN), divergence: 'loss is NaN' },
      },
      task,
    );
    expect(row(rows, 'lstm').loss).toBe(0.01);
    expect(row(rows, 'lstm').lossRatio).toBeCloseTo(0.06, 10);
    expect(row(rows, 'lstm').lossText).toBe('0.0100 (0.060× baseline)');
    expect(row(rows, 'lstm').best.loss).toBe(true);
    expect(row(rows, 'elman').best.loss).toBe(false);
    expect(row(rows, 'gru').loss).toBeNull();
    expect(row(rows, 'gru').lossText).toBe('diverged');

    // all worse than the memoryless baseline: no "best" to mark
    const worse = comparisonRows(
      {
        elman: { ...cols.elman, steps: 2, history: hist(0.3) },
        lstm: { ...cols.lstm, steps: 2, history: hist(0.2) },
        gru: cols.gru,
      },
      task,
    );
    expect(worse.map((r) => r.best.loss)).toEqual([false, false, false]);
  });

  it('columns still computing or failed: dashes and the error, no crash', () => {
    const rows = comparisonRows(
      {
        elman: emptyColumn('elman'),
        lstm: { ...emptyColumn('lstm'), error: 'boom' },
        gru: cols.gru,
      },
      null,
    );
    const e = row(rows, 'elman');
    expect(e.ready).toBe(false);
    expect([e.paramsText, e.radiusText, e.gradRatioText, e.memoryText, e.msText]).toEqual([
      '–',
      '–',
      '–',
      '–',
      '–',
    ]);
    expect(e.lossText).toBe('not trained');
    expect(row(rows, 'lstm').error).toBe('boom');
    expect(row(rows, 'gru').best.memory).toBe(false); // a single row is not "best"
  });
});

describe('helpers', () => {
  it('workPerStep: G·H·(I+H) + O·H', () => {
    expect(workPerStep({ cell: 'lstm', inputSize: 3, hiddenSize: 10, outputSize: 2 })).toBe(
      4 * 10 * 13 + 20,
    );
  });

  it('ratioText writes magnitudes as m×10ⁿ', () => {
    expect(ratioText(3.2e-9)).toBe('3×10⁻⁹');
    expect(ratioText(9.7e-5)).toBe('10⁻⁴');
    expect(ratioText(0.42)).toBe('0.42');
    expect(ratioText(1e-12)).toBe('10⁻¹²');
    expect(ratioText(0)).toBe('0');
    expect(ratioText(NaN)).toBe('NaN');
    expect(ratioText(250)).toBe('3×10²');
  });

  it('memoryLength: the largest lag still ≥ threshold', () => {
    const path = [0.001, 0.005, 0.02, 0.5, 1];
    expect(memoryLength(path, 4)).toEqual({ steps: 2, atLeast: false });
    expect(memoryLength([0.5, 0.9, 1], 2)).toEqual({ steps: 2, atLeast: true });
    expect(memoryLength([NaN, 1], 1)).toEqual({ steps: 0, atLeast: false });
  });
});
