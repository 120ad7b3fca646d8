/** Gradient flow as data: log values never NaN/−∞, underflow flagged, truncation at the loss. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trace } from '../../../../src/engine/trace';
import {
  decadeDomain,
  decadeTicks,
  gradientFlowRenderData,
  gradientSummary,
} from '../../../../src/views/charts/gradientFlowData';
import { FLOAT32_TINY } from '../../../../src/views/scales';
import { makeTrace, useCpu } from './traces';

let lstm: Trace, gru: Trace, elman: Trace, vanishing: Trace, midLoss: Trace;

beforeAll(async () => {
  await useCpu();
  lstm = await makeTrace({ cell: 'lstm' }, { T: 40 });
  gru = await makeTrace({ cell: 'gru' }, { T: 40 });
  elman = await makeTrace({ cell: 'elman' }, { T: 40, recurrentScale: 0.5 });
  // Shrinks ~×0.05 a step: 60 steps back is far below float32's range.
  vanishing = await makeTrace({ cell: 'elman' }, { T: 60, recurrentScale: 0.05 });
  midLoss = await makeTrace({ cell: 'lstm' }, { T: 40, targetSteps: [5, 12, 19] });
});

function expectSane(tr: Trace) {
  const d = gradientFlowRenderData(tr);
  const [lo, hi] = d.yDomain;
  expect(Number.isInteger(lo) && Number.isInteger(hi) && hi > lo).toBe(true);
  for (const s of d.series) {
    for (const p of s.points) {
      expect(Number.isFinite(p.log10), `${s.key} t=${p.t}`).toBe(true);
      if (!p.below && !p.overflow) {
        expect(p.log10).toBeGreaterThanOrEqual(lo);
        expect(p.log10).toBeLessThanOrEqual(hi);
      }
      if (p.value === 0) expect(p.below).toBe(true);
    }
  }
  expect(d.ticks.length).toBeLessThanOrEqual(6);
  for (const k of d.ticks) expect(Number.isInteger(k) && k >= lo && k <= hi).toBe(true);
  return d;
}

describe('gradientFlowRenderData', () => {
  it('LSTM: ‖∂L/∂h‖, ‖∂L/∂c‖ and the memory path, domain covering the data', () => {
    const d = expectSane(lstm);
    expect(d.series.map((s) => s.key)).toEqual(['gradH', 'gradC', 'memoryPath']);
    expect(d.series.map((s) => s.dashed)).toEqual([false, false, true]);
    expect(d.series[0]!.points).toHaveLength(40);
    expect(d.series[0]!.points[10]!.value).toBe(lstm.series.gradHNorm[10]);
    expect(d.series[0]!.points[10]!.log10).toBeCloseTo(Math.log10(lstm.series.gradHNorm[10]!), 9);
    // the memory path is 1 at the loss step: 10⁰ must be inside the domain
    expect(d.series[2]!.points.at(-1)!.log10).toBe(0);
    expect(d.lossSteps).toEqual([39]);
    expect(d.caption).toMatch(/step 40/);
  });

  it('GRU and Elman: no ‖∂L/∂c‖', () => {
    expect(expectSane(gru).series.map((s) => s.key)).toEqual(['gradH', 'memoryPath']);
    expect(expectSane(elman).series.map((s) => s.key)).toEqual(['gradH', 'memoryPath']);
  });

  it('stops every series at the last loss step (nothing after it is in the loss)', () => {
    const d = expectSane(midLoss);
    expect(d.lossStep).toBe(19);
    expect(d.lossSteps).toEqual([5, 12, 19]);
    for (const s of d.series) expect(s.points.map((p) => p.t)).toEqual([...Array(20).keys()]);
    expect(midLoss.series.gradHNorm[30]).toBe(0); // what would have been drawn as "vanished"
    expect(gradientSummary(d, 30)).toMatch(/after the last loss step/);
  });

  it('flags zeros and float32 underflow as below, with finite log10', () => {
    const d = expectSane(vanishing);
    expect(d.anyBelow).toBe(true);
    const h = d.series[0]!.points;
    expect(h[0]!.below).toBe(true);
    expect(h.at(-1)!.below).toBe(false);
    for (const p of h) if (p.below) expect(p.value < FLOAT32_TINY).toBe(true);
  });

  it('turns 0, subnormals, NaN and ∞ into flags, never NaN or −Infinity', () => {
    const gradHNorm = Float64Array.from([0, 1e-45, 1e-3, Number.NaN, Infinity, 1]);
    const memoryPath = Float64Array.from([0, 1e-50, 1e-2, 0.1, 0.5, 1]);
    const fake = {
      ...elman,
      T: 6,
      mask: Uint8Array.from([0, 0, 0, 0, 0, 1]),
      lossStep: 5,
      series: { ...elman.series, gradHNorm, memoryPath },
    } as Trace;
    const d = expectSane(fake);
    const h = d.series[0]!.points;
    expect(h.map((p) => p.below)).toEqual([true, true, false, false, false, false]);
    expect(h.map((p) => p.overflow)).toEqual([false, false, false, true, true, false]);
    expect(h[3]!.log10).toBe(d.yDomain[1]);
    expect(d.series[1]!.points[1]!.below).toBe(true);
    expect(d.yDomain).toEqual([-3, 0]);
    expect(d.anyOverflow).toBe(true);
    expect(gradientSummary(d, 0)).toMatch(/0 \(below float32\)/);
  });

  it('draws nothing when no step has a target', () => {
    const fake = { ...lstm, mask: new Uint8Array(40), lossStep: -1 } as Trace;
    const d = expectSane(fake);
    for (const s of d.series) expect(s.points).toEqual([]);
    expect(d.yDomain).toEqual([-1, 0]);
    expect(d.caption).toMatch(/No step has a target/);
  });
});

describe('decades', () => {
  it('rounds a range out to whole decades, at least one tall', () => {
    expect(decadeDomain(-7.3, 0)).toEqual([-8, 0]);
    expect(decadeDomain(-2, -2)).toEqual([-3, -2]);
    expect(decadeDomain(Infinity, -Infinity)).toEqual([-1, 0]);
  });
  it('ticks every decade, or every few decades for wide ranges', () => {
    expect(decadeTicks([-4, 0])).toEqual([-4, -3, -2, -1, 0]);
    expect(decadeTicks([-30, 0])).toEqual([-30, -20, -10, 0]);
    expect(decadeTicks([-38, 2], 6)).toEqual([-30, -20, -10, 0]);
    expect(decadeTicks([-9, 0], 6).length).toBeLessThanOrEqual(6);
  });
});
