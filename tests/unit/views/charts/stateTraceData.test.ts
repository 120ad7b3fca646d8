/** State traces as data: honest y-domains, the selected unit's line and value at t. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trace } from '../../../../src/engine/trace';
import { spreadUnits, stateTraceRenderData } from '../../../../src/views/charts/stateTraceData';
import { makeTrace, useCpu } from './traces';

let lstm: Trace, gru: Trace, relu: Trace;
const maxAbs = (a: Float32Array) => Math.max(...Array.from(a, Math.abs));

beforeAll(async () => {
  await useCpu();
  lstm = await makeTrace({ cell: 'lstm' }, { H: 12 });
  gru = await makeTrace({ cell: 'gru' });
  relu = await makeTrace({ cell: 'elman', activation: 'relu' });
});

describe('stateTraceRenderData', () => {
  it('LSTM: an h panel on [−1, 1] and a c panel symmetric around its largest |c|', () => {
    const d = stateTraceRenderData(lstm, 7, { unit: 4, gate: null });
    expect(d.panels.map((p) => p.key)).toEqual(['h', 'c']);
    const [h, c] = d.panels;
    expect(h!.yDomain).toEqual([-1, 1]);
    expect(c!.yDomain[0]).toBe(-c!.yDomain[1]);
    expect(c!.yDomain[1]).toBeGreaterThanOrEqual(maxAbs(lstm.c!));
    expect(c!.domainNote).toMatch(/not squashed/);
  });

  it('draws the selected unit last (on top) with every step, and its value at t', () => {
    const { H } = lstm;
    const d = stateTraceRenderData(lstm, 7, { unit: 4, gate: null });
    for (const p of d.panels) {
      const sel = p.series.at(-1)!;
      expect(sel.role).toBe('selected');
      expect(sel.unit).toBe(4);
      expect(sel.points).toHaveLength(lstm.T);
      const src = p.key === 'h' ? lstm.h : lstm.c!;
      expect(sel.points[10]).toEqual([10, src[10 * H + 4]]);
      expect(p.nowValue).toBe(src[7 * H + 4]);
    }
    expect(d.summary).toBe(
      `Unit 5 at t=8: h = ${d.panels[0]!.nowValue.toFixed(3).replace('-', '−')}, c = ${d.panels[1]!.nowValue.toFixed(3).replace('-', '−')}`,
    );
  });

  it('adds up to 8 faint other units and the hovered unit, never the selected one twice', () => {
    const d = stateTraceRenderData(lstm, 0, { unit: 4, gate: null }, { hoverUnit: 9 });
    const h = d.panels[0]!.series;
    const others = h.filter((s) => s.role === 'other');
    expect(others.length).toBeLessThanOrEqual(8);
    expect(others.length).toBeGreaterThan(0);
    expect(h.filter((s) => s.unit === 4)).toHaveLength(1);
    expect(h.filter((s) => s.role === 'hover').map((s) => s.unit)).toEqual([9]);
    expect(new Set(h.map((s) => s.key)).size).toBe(h.length);
    const own = stateTraceRenderData(lstm, 0, { unit: 4, gate: null }, { others: [1, 4, 40] });
    expect(own.panels[0]!.series.map((s) => s.unit)).toEqual([1, 4]);
  });

  it('GRU: h only; ReLU Elman: h on [0, max]', () => {
    expect(stateTraceRenderData(gru, 3, { unit: 0, gate: null }).panels).toHaveLength(1);
    const [h] = stateTraceRenderData(relu, 3, { unit: 0, gate: null }).panels;
    expect(h!.yDomain[0]).toBe(0);
    expect(h!.yDomain[1]).toBeGreaterThanOrEqual(Math.max(...relu.h));
    expect(h!.label).toMatch(/ReLU/);
  });

  it('clamps t and the unit into range', () => {
    const d = stateTraceRenderData(gru, 999, { unit: 99, gate: null });
    expect(d.t).toBe(gru.T - 1);
    expect(d.unit).toBe(gru.H - 1);
    expect(Number.isFinite(d.panels[0]!.nowValue)).toBe(true);
  });
});

describe('spreadUnits', () => {
  it('spreads n units evenly, skipping one, including both ends', () => {
    expect(spreadUnits(5, 2, 8)).toEqual([0, 1, 3, 4]);
    const s = spreadUnits(64, 0, 8);
    expect(s).toHaveLength(8);
    expect(s[0]).toBe(1);
    expect(s.at(-1)).toBe(63);
    expect(spreadUnits(64, 0, 0)).toEqual([]);
  });
});
