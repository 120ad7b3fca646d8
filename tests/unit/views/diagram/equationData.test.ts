/** The numbers in each equation line recompute its result, and the result is the trace's. */
import { beforeAll, describe, expect, it } from 'vitest';
import type { Trace } from '../../../../src/engine/trace';
import type { Model } from '../../../../src/engine/types';
import { type EquationLine, equationRenderData } from '../../../../src/views/diagram/equationData';
import { CASES, H, T, traceFor, useCpu } from './traces';

beforeAll(useCpu);

const sigmoid = (v: number) => 1 / (1 + Math.exp(-v));
const TOL = 1e-6;

/** Recomputes a line from its own inputs, independently of the code under test. */
function recompute(line: EquationLine, activation: string): number {
  const p = line.inputs;
  if (line.id === 'c') return p.f! * p.cPrev! + p.i! * p.g!;
  if (line.id === 'h' && 'o' in p) return p.o! * Math.tanh(p.c!);
  if (line.id === 'h' && 'z' in p) return (1 - p.z!) * p.n! + p.z! * p.hPrev!;
  // A gate (or Elman's h): the pre-activation is the sum of its parts, then the nonlinearity.
  const pre = 'r' in p ? p.wx! + p.r! * p.uh! : p.wx! + p.uh! + p.b!;
  expect(pre).toBeCloseTo(p.pre!, 12);
  if (line.formula.startsWith('σ')) return sigmoid(pre);
  if (activation === 'relu' && line.id === 'h') return Math.max(0, pre);
  return Math.tanh(pre);
}

describe.each(CASES)('equationRenderData: $name', ({ spec }) => {
  let trace: Trace;
  let model: Model;
  beforeAll(async () => ({ trace, model } = await traceFor(spec)));

  it('with weights: every line recomputes its result, which equals the trace', () => {
    for (let t = 0; t < T; t++) {
      for (let unit = 0; unit < H; unit++) {
        const { lines, withWeights } = equationRenderData(
          trace,
          t,
          { unit, gate: null },
          model.weights,
        );
        expect(withWeights).toBe(true);
        for (const line of lines) {
          expect(line.substituted, line.id).not.toBeNull();
          const want =
            line.gate !== null
              ? trace.gates[line.gate]![t * H + unit]!
              : line.id === 'c'
                ? trace.c![t * H + unit]!
                : trace.h[t * H + unit]!;
          expect(line.result).toBe(want);
          const got = recompute(line, trace.spec.activation);
          expect(Math.abs(got - line.result), `${line.id} t=${t} u=${unit}`).toBeLessThan(TOL);
        }
      }
    }
  });

  it('without weights: gate lines show the activation only, state lines still substitute', () => {
    const { lines, withWeights } = equationRenderData(trace, 2, { unit: 1, gate: null });
    expect(withWeights).toBe(false);
    for (const line of lines) {
      if (line.gate !== null || spec.cell === 'elman') expect(line.substituted).toBeNull();
      else {
        expect(line.substituted).not.toBeNull();
        expect(Math.abs(recompute(line, trace.spec.activation) - line.result)).toBeLessThan(TOL);
      }
    }
  });

  it('uses h_{t−1} = 0 and c_{t−1} = 0 at the first step', () => {
    const { lines } = equationRenderData(trace, 0, { unit: 0, gate: null }, model.weights);
    for (const line of lines) {
      if ('hPrev' in line.inputs) expect(line.inputs.hPrev).toBe(0);
      if ('cPrev' in line.inputs) expect(line.inputs.cPrev).toBe(0);
      if (line.gate && !('r' in line.inputs)) expect(line.inputs.uh).toBe(0);
    }
  });

  it('lists the lines of the cell in order, in their hues', () => {
    const ids = equationRenderData(trace, 1, { unit: 0, gate: null }).lines.map((l) => l.id);
    const want = {
      elman: ['h'],
      lstm: ['forget', 'input', 'candidate', 'output', 'c', 'h'],
      gru: ['update', 'reset', 'candidate', 'h'],
    }[spec.cell];
    expect(ids).toEqual(want);
  });
});

describe('equationRenderData: formulas follow the variant', () => {
  it('GRU candidate: reset-after multiplies U_n h + b_hn, reset-before multiplies h', async () => {
    const after = await traceFor({ cell: 'gru', gruVariant: 'reset-after' });
    const before = await traceFor({ cell: 'gru', gruVariant: 'reset-before' });
    const nOf = (tr: Trace) =>
      equationRenderData(tr, 1, { unit: 0, gate: null }).lines.find((l) => l.id === 'candidate')!;
    expect(nOf(after.trace).formula).toBe('tanh(W_n x_t + b_{in} + r_t ⊙ (U_n h_{t−1} + b_{hn}))');
    expect(nOf(before.trace).formula).toBe('tanh(W_n x_t + U_n (r_t ⊙ h_{t−1}) + b_n)');
  });

  it('Elman names its activation', async () => {
    const relu = await traceFor({ cell: 'elman', activation: 'relu' });
    const line = equationRenderData(relu.trace, 1, { unit: 0, gate: null }, relu.model.weights)
      .lines[0]!;
    expect(line.formula).toBe('ReLU(W x_t + U h_{t−1} + b)');
    expect(line.substituted).toMatch(/^max\(0, /);
  });

  it('ignores weights that do not fit the trace rather than print wrong numbers', async () => {
    const { trace } = await traceFor({ cell: 'lstm' });
    const other = await traceFor({ cell: 'gru' });
    const { withWeights, lines } = equationRenderData(
      trace,
      1,
      { unit: 0, gate: null },
      other.model.weights,
    );
    expect(withWeights).toBe(false);
    expect(lines[0]!.substituted).toBeNull();
  });
});
