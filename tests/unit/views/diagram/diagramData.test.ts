/** The diagram shows the trace's own numbers at (t, unit), with h_{t−1} = 0 before the first step. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trace } from '../../../../src/engine/trace';
import type { Model } from '../../../../src/engine/types';
import {
  diagramRenderData,
  flowMap,
  ghostValue,
  rms,
  summarizeVector,
} from '../../../../src/views/diagram/diagramData';
import { GATE_COLORS } from '../../../../src/views/palette';
import { CASES, H, I, T, traceFor, useCpu } from './traces';

beforeAll(useCpu);

const cell = (trace: Trace, a: Float32Array | undefined, t: number, u: number) =>
  a![t * trace.H + u]!;

describe.each(CASES)('diagramRenderData: $name', ({ spec }) => {
  let trace: Trace;
  let model: Model;
  beforeAll(async () => ({ trace, model } = await traceFor(spec)));

  it('takes every gate and state from the trace at (t, unit)', () => {
    for (const t of [0, 3, T - 1]) {
      for (const unit of [0, H - 1]) {
        const d = diagramRenderData(trace, t, { unit, gate: null });
        expect(d.cell).toBe(spec.cell);
        expect(d.t).toBe(t);
        expect(d.unit).toBe(unit);
        for (const g of d.gates) {
          expect(g.value).toBe(cell(trace, trace.gates[g.name], t, unit));
          expect(g.color).toBe(GATE_COLORS[g.name]);
          expect(g.domain).toBe(g.name === 'candidate' ? 'signed' : 'unit');
        }
        expect(d.gates.map((g) => g.name).sort()).toEqual(Object.keys(trace.gates).sort());
        expect(d.states.h).toBe(cell(trace, trace.h, t, unit));
        expect(d.states.hPrev).toBe(t === 0 ? 0 : cell(trace, trace.h, t - 1, unit));
        expect(d.states.x).toEqual(Array.from(trace.x.subarray(t * I, (t + 1) * I)));
        if (spec.cell === 'lstm') {
          expect(d.states.c).toBe(cell(trace, trace.c, t, unit));
          expect(d.states.cPrev).toBe(t === 0 ? 0 : cell(trace, trace.c, t - 1, unit));
        } else {
          expect(d.states.c).toBeUndefined();
        }
      }
    }
  });

  it('names the variant the trace was computed with', () => {
    const d = diagramRenderData(trace, 0, { unit: 0, gate: null });
    const want = { elman: spec.activation, lstm: null, gru: spec.gruVariant }[spec.cell];
    expect(d.variant).toBe(want);
  });

  it('has neighbours only where the sequence has steps', () => {
    const first = diagramRenderData(trace, 0, { unit: 1, gate: null });
    expect(first.neighbours.prev).toBeUndefined();
    expect(first.neighbours.next).toEqual(
      expect.objectContaining({ t: 1, h: cell(trace, trace.h, 1, 1) }),
    );
    const last = diagramRenderData(trace, T - 1, { unit: 1, gate: null });
    expect(last.neighbours.next).toBeUndefined();
    expect(last.neighbours.prev?.t).toBe(T - 2);
    expect(last.neighbours.prev?.h).toBe(last.states.hPrev);
    if (spec.cell === 'lstm') expect(last.neighbours.prev?.c).toBe(last.states.cPrev);
    else expect(last.neighbours.prev && 'c' in last.neighbours.prev).toBe(false);
  });

  it('gives every flow a magnitude in [0, 1] that grows with |value|', () => {
    const d = diagramRenderData(trace, 4, { unit: 2, gate: null }, model.weights);
    for (const f of d.flows) {
      expect(f.magnitude).toBeGreaterThanOrEqual(0);
      expect(f.magnitude).toBeLessThanOrEqual(1);
      if (f.value !== null && f.domain === 'signed')
        expect(f.magnitude).toBeCloseTo(Math.min(1, Math.abs(f.value)), 12);
    }
    const flows = flowMap(d.flows);
    expect(flows.get('h')!.value).toBe(d.states.h);
    expect(flows.get('hPrev')!.value).toBe(d.states.hPrev);
    expect(flows.get('x')!.value).toBeCloseTo(rms(d.states.x), 12);
  });

  it('summarises the step in its accessible name, 1-based', () => {
    const d = diagramRenderData(trace, 2, { unit: 3, gate: null });
    expect(d.ariaLabel).toContain(`at t = 3 of ${T}, unit 4`);
    for (const g of d.gates) expect(d.ariaLabel).toContain(g.label);
  });

  it('clamps t and unit into the trace', () => {
    const d = diagramRenderData(trace, T + 5, { unit: H + 9, gate: null });
    expect(d.t).toBe(T - 1);
    expect(d.unit).toBe(H - 1);
  });
});

describe('diagramRenderData: cell-specific products', () => {
  it('LSTM: the c-line carries f·c_{t−1} and i·g, and they sum to c_t', async () => {
    const { trace } = await traceFor({ cell: 'lstm' });
    const d = diagramRenderData(trace, 3, { unit: 1, gate: null });
    const f = flowMap(d.flows);
    expect(f.get('cKept')!.value! + f.get('cWrite')!.value!).toBeCloseTo(d.states.c!, 6);
    expect(f.get('tanhC')!.value).toBeCloseTo(Math.tanh(d.states.c!), 12);
  });

  it.each(['reset-after', 'reset-before'] as const)(
    'GRU %s: z·h_{t−1} (keep old) + (1−z)·n (take new) = h_t; r acts where the variant says',
    async (gruVariant) => {
      const { trace, model } = await traceFor({ cell: 'gru', gruVariant });
      const d = diagramRenderData(trace, 3, { unit: 2, gate: null }, model.weights);
      const f = flowMap(d.flows);
      expect(f.get('hKept')!.value! + f.get('nTaken')!.value!).toBeCloseTo(d.states.h, 6);
      const r = d.gates.find((g) => g.name === 'reset')!.value;
      expect(f.get('rOut')!.value).toBeCloseTo(r * f.get('rIn')!.value!, 12);
      if (gruVariant === 'reset-before') expect(f.get('rIn')!.value).toBe(d.states.hPrev);
      // Without weights reset-after cannot know W_hn h + b_hn: the wire is drawn, unlabelled.
      const bare = flowMap(diagramRenderData(trace, 3, { unit: 2, gate: null }).flows);
      expect(bare.get('rIn')!.value === null).toBe(gruVariant === 'reset-after');
    },
  );
});

describe('summarizeVector', () => {
  it('lists short vectors and summarises long ones', () => {
    expect(summarizeVector([0.5, -1.25])).toBe('[0.50, −1.25]');
    expect(
      summarizeVector([3, 4, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]),
    ).toBe('25 inputs, rms 1.00');
  });
});

describe('ghostValue', () => {
  it('fits the ghost box: two decimals, short exponent form for large values', () => {
    expect(ghostValue(-0.000619)).toBe('−0.00');
    expect(ghostValue(0.456)).toBe('0.46');
    expect(ghostValue(-12.5)).toBe('−12.50');
    expect(ghostValue(1234)).toBe('1.2e+3');
  });
});
