/**
 * Micro-steps against the trace: every forward op's arithmetic gives the trace's own activation
 * and state, and every backward op's terms sum to the gradient the gradient view shows, for every
 * cell variant, both losses, a partial mask, clamped gates and gradients far below 1.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runTrace, type Trace } from '../../../../src/engine/trace';
import type { GateClamp } from '../../../../src/engine/interventions';
import type { Model, Sequence } from '../../../../src/engine/types';
import { normalizeSpec } from '../../../../src/engine/spec';
import { MICRO_OP_IDS } from '../../../../src/config/microOps';
import { equationLineOf, microSteps, opIndex } from '../../../../src/views/micro/microSteps';
import type { MicroOp } from '../../../../src/views/micro/types';
import {
  mulberry32,
  randomSequence,
  randomSpec,
  randomWeights,
} from '../../../../reference/random';
import { VARIANTS, useCpu } from '../../engine/helpers';

beforeAll(useCpu);

const sigmoid = (a: number) => 1 / (1 + Math.exp(-a));

function close(got: number, want: number, scale: number, what: string) {
  expect(Math.abs(got - want), `${what}: ${got} vs ${want}`).toBeLessThanOrEqual(
    2e-5 * Math.max(scale, 1e-30) + 1e-6 * Math.abs(want),
  );
}

/** Checks all ops of every step and unit against the trace. */
function check(trace: Trace, model: Model, seq: Sequence, clamps: GateClamp[] = []) {
  const clampedAt = (t: number) =>
    clamps.filter((c) => t >= (c.from ?? 0) && t <= (c.to ?? Infinity)).map((c) => c.gate);
  const inputs = { targets: seq.targets, mask: seq.mask, loss: seq.loss, clampedAt };
  const { H, T } = trace;
  const scaleOf = (a: Float32Array | undefined) => (a ? Math.max(...Array.from(a, Math.abs)) : 1);
  for (let t = 0; t < T; t++)
    for (let j = 0; j < H; j++) {
      const ops = microSteps(trace, model.weights, inputs, t, j)!;
      const byId = new Map<string, MicroOp>(ops.map((o) => [o.id, o]));
      const q = t * H + j;
      // Forward: nonlinearity of the pre-activation = the trace's activation.
      for (const [g, v] of Object.entries(trace.gates)) {
        const o = byId.get(`gate-${g}`)!;
        const a = o.terms[0]!.value;
        const clamped = clampedAt(t).includes(g);
        if (!clamped)
          close(g === 'candidate' ? Math.tanh(a) : sigmoid(a), v[q]!, 1, `${g} at t=${t}`);
        expect(o.result).toBe(v[q]);
      }
      const sumOf = (id: string) => byId.get(id)!.terms.reduce((s, x) => s + x.value, 0);
      if (trace.spec.cell === 'elman') {
        const a = sumOf('pre');
        close(
          trace.spec.activation === 'relu' ? Math.max(0, a) : Math.tanh(a),
          trace.h[q]!,
          1,
          'h',
        );
      }
      if (trace.spec.cell === 'lstm') close(sumOf('c'), trace.c![q]!, 1, 'c');
      if (trace.spec.cell === 'gru') close(sumOf('h'), trace.h[q]!, 1, 'h');
      // Backward: the terms add up to the trace's gradients.
      close(sumOf('b-dh'), trace.grad.h[q]!, scaleOf(trace.grad.h), `∂L/∂h at t=${t}`);
      if (trace.spec.cell === 'lstm')
        close(sumOf('b-dc'), trace.grad.c![q]!, scaleOf(trace.grad.c), `∂L/∂c at t=${t}`);
      for (const [g, d] of Object.entries(trace.grad.pre))
        close(byId.get(`b-pre-${g}`)!.result!, d[q]!, scaleOf(d), `δ_${g} at t=${t}, unit ${j}`);
      for (const o of ops) {
        expect(o.text.length, o.id).toBeGreaterThan(5);
        expect(o.text).not.toMatch(/NaN|undefined/);
      }
    }
}

async function caseOf(
  v: (typeof VARIANTS)[number],
  loss: Sequence['loss'],
  mask?: number[],
  clamps: GateClamp[] = [],
) {
  const spec = normalizeSpec(randomSpec(v.spec.cell, { hiddenSize: 4, outputSize: 3 }, v.spec));
  const rng = mulberry32(9);
  const model: Model = { spec, weights: randomWeights(spec, rng) };
  const seq = randomSequence(spec, 6, loss, rng, mask);
  return { model, seq, trace: await runTrace(model, seq, { clamps }) };
}

describe('micro-steps', () => {
  for (const v of VARIANTS) {
    it(`${v.name}: forward ops give the trace's values, backward terms sum to its gradients (mse, partial mask)`, async () => {
      const { model, seq, trace } = await caseOf(v, 'mse', [0, 1, 0, 0, 1, 1]);
      check(trace, model, seq);
    });
    it(`${v.name}: the same with softmax cross-entropy on the last step only`, async () => {
      const { model, seq, trace } = await caseOf(v, 'softmax-xent', [0, 0, 0, 0, 0, 1]);
      check(trace, model, seq);
    });
  }

  it('clamped gates: slope 0, so their δ is 0, and the sums still hold', async () => {
    for (const [i, clamps] of [
      [2, [{ gate: 'forget', value: 1, from: 1, to: 3 }]],
      [3, [{ gate: 'update', value: 0.8 }]],
    ] as const) {
      const { model, seq, trace } = await caseOf(VARIANTS[i]!, 'mse', undefined, [...clamps]);
      check(trace, model, seq, [...clamps]);
    }
  });

  it('every cell has exactly the op ids the link schema and the keyboard walk (config/microOps)', async () => {
    for (const v of VARIANTS) {
      const { model, seq, trace } = await caseOf(v, 'mse');
      const ops = microSteps(trace, model.weights, { ...seq, clampedAt: () => [] }, 3, 0)!;
      expect(
        ops.map((o) => o.id),
        v.name,
      ).toEqual(MICRO_OP_IDS[v.spec.cell]);
    }
  });

  it('an Elman gradient 40 steps back (~1e−20) is still the sum of its terms, to 1e−4 of itself', async () => {
    const spec = normalizeSpec(randomSpec('elman', { hiddenSize: 5, outputSize: 1 }));
    const rng = mulberry32(3);
    const model: Model = { spec, weights: randomWeights(spec, rng, 0.3) };
    const T = 42;
    const seq = randomSequence(
      spec,
      T,
      'mse',
      rng,
      Array.from({ length: T }, (_, t) => (t === T - 1 ? 1 : 0)),
    );
    const trace = await runTrace(model, seq);
    const ops = microSteps(trace, model.weights, { ...seq, clampedAt: () => [] }, 1, 2)!;
    const dh = ops.find((o) => o.id === 'b-dh')!.result!;
    const want = trace.grad.h[1 * 5 + 2]!;
    expect(Math.abs(want)).toBeLessThan(1e-12);
    expect(Math.abs(want)).toBeGreaterThan(0);
    expect(Math.abs(dh - want) / Math.abs(want)).toBeLessThan(1e-4);
  });

  it('ids are stable and a link for another cell lands on the first op', async () => {
    const { model, seq, trace } = await caseOf(VARIANTS[2]!, 'mse');
    const ops = microSteps(trace, model.weights, { ...seq, clampedAt: () => [] }, 2, 1)!;
    // Forward first, in the order the cell computes; then backward.
    expect(ops.findIndex((o) => o.phase === 'backward')).toBe(
      ops.findIndex((o) => o.id === 'b-dh'),
    );
    expect(ops.filter((o) => o.phase === 'forward').at(-1)!.id).toBe('y');
    expect(opIndex(ops, 'gate-forget')).toBe(4);
    expect(opIndex(ops, 'take')).toBe(0);
    expect(microSteps(trace, undefined, { ...seq, clampedAt: () => [] }, 2, 1)).toBeNull();
  });
});

describe('micro-step lines in the equations', () => {
  it('each op names the equation line it works on', () => {
    expect(equationLineOf('gate-forget')).toBe('forget');
    expect(equationLineOf('b-pre-candidate')).toBe('candidate');
    expect(equationLineOf('b-pre-h')).toBe('h');
    expect(equationLineOf('ig')).toBe('c');
    expect(equationLineOf('b-dh')).toBe('h');
    expect(equationLineOf('wx')).toBeNull();
    expect(equationLineOf('y')).toBeNull();
  });
});
