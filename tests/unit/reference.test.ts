/**
 * Self-tests of the float64 reference oracle (reference/). The oracle judges the
 * TF.js engine, so here it is judged by finite differences and hand computations only.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec, Sequence } from '../../src/engine/types';
import {
  gateNames,
  memoryPath,
  mulberry32,
  randomSequence,
  randomSpec,
  randomWeights,
  referenceBackward,
  referenceForward,
  referenceLoss,
  type ForwardProbe,
  type WeightsLike,
} from '../../reference/rnn64';
import { FD_STEP, relErr, worstFdError } from '../../reference/fd';
import { describeHandComputedCases } from '../../reference/handCases';

const T = 6;
const TOL = 1e-6;
/** Steps 0 and T−1 untargeted: gradients must still flow into them from later/earlier targets. */
const MASK = [0, 1, 0, 1, 1, 0];
const WEIGHT_KEYS = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;
const GRAD_KEY = {
  wIh: 'dWIh',
  wHh: 'dWHh',
  bIh: 'dBIh',
  bHh: 'dBHh',
  wOut: 'dWOut',
  bOut: 'dBOut',
} as const;

const CASES: { name: string; spec: ModelSpec }[] = [
  { name: 'elman tanh', spec: randomSpec('elman', { outputSize: 3 }, { activation: 'tanh' }) },
  { name: 'elman relu', spec: randomSpec('elman', { outputSize: 3 }, { activation: 'relu' }) },
  { name: 'lstm', spec: randomSpec('lstm', { outputSize: 3 }) },
  {
    name: 'gru reset-after',
    spec: randomSpec('gru', { outputSize: 3 }, { gruVariant: 'reset-after' }),
  },
  {
    name: 'gru reset-before',
    spec: randomSpec('gru', { outputSize: 3 }, { gruVariant: 'reset-before' }),
  },
];
const LOSSES: Sequence['loss'][] = ['mse', 'softmax-xent'];

/** Compare every entry of `analytic` with FD of `lossWith(index, delta)`; report the worst entry. */
function expectFdMatch(
  label: string,
  analytic: Float64Array,
  lossWith: (i: number, d: number) => number,
) {
  const { worst, at } = worstFdError(analytic, lossWith);
  expect(worst, `${label}: worst relative error at index ${at}`).toBeLessThan(TOL);
}

function setup(spec: ModelSpec, loss: Sequence['loss'], seed: number) {
  const rng = mulberry32(seed);
  const weights = randomWeights(spec, rng);
  const seq = randomSequence(spec, T, loss, rng, MASK);
  return { weights, seq, back: referenceBackward(spec, weights, seq) };
}

function maxAbs(a: Float64Array): number {
  return a.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
}

describe.each(CASES)('reference $name', ({ spec }) => {
  describe.each(LOSSES)('loss %s', (loss) => {
    const { weights, seq, back } = setup(spec, loss, 1234 + spec.hiddenSize);
    const hs = spec.hiddenSize;

    it('has non-trivial gradients (so the FD checks are not vacuous)', () => {
      expect(back.loss).toBeGreaterThan(0);
      expect(maxAbs(back.dWHh)).toBeGreaterThan(1e-3);
      expect(maxAbs(back.gradX)).toBeGreaterThan(1e-3);
      // untargeted steps contribute no loss
      MASK.forEach((m, t) => m || expect(back.stepLoss[t]).toBe(0));
    });

    it('weight gradients match central finite differences of referenceLoss', () => {
      for (const key of WEIGHT_KEYS) {
        expectFdMatch(key, back[GRAD_KEY[key]], (i, d) => {
          const w64: WeightsLike = { ...weights, [key]: Float64Array.from(weights[key]) };
          w64[key][i] += d;
          return referenceLoss(spec, w64, seq);
        });
      }
    });

    it('gradX matches finite differences on float64 inputs', () => {
      expectFdMatch('gradX', back.gradX, (i, d) => {
        const inputs = Float64Array.from(seq.inputs);
        inputs[i] += d;
        return referenceLoss(spec, weights, { ...seq, inputs });
      });
    });

    // where: 'h' / 'c' probe the state; 'pre' probes gate `gate`'s pre-activation (elman's gate is also named 'h')
    const probeLoss = (where: 'h' | 'c' | 'pre', i: number, d: number, gate = '') => {
      const p = new Float64Array(T * hs);
      p[i] = d;
      const probe: ForwardProbe = where === 'pre' ? { pre: { [gate]: p } } : { [where]: p };
      return referenceLoss(spec, weights, seq, probe);
    };

    it('gradH (total ∂L/∂h_t) matches finite differences through an h probe', () => {
      expectFdMatch('gradH', back.gradH, (i, d) => probeLoss('h', i, d));
    });

    if (spec.cell === 'lstm')
      it('gradC (total ∂L/∂c_t) matches finite differences through a c probe', () => {
        expectFdMatch('gradC', back.gradC!, (i, d) => probeLoss('c', i, d));
      });

    it('gradPre matches finite differences through pre-activation probes', () => {
      expect(Object.keys(back.gradPre).sort()).toEqual([...gateNames(spec.cell)].sort());
      for (const name of gateNames(spec.cell)) {
        expectFdMatch(`gradPre.${name}`, back.gradPre[name], (i, d) =>
          probeLoss('pre', i, d, name),
        );
      }
    });

    it('per-step dWHh contributions sum to dWHh and have the reported norms', () => {
      const n = back.dWHh.length;
      const sum = new Float64Array(n);
      for (let t = 0; t < T; t++) {
        const step = back.dWHhSteps.subarray(t * n, (t + 1) * n);
        step.forEach((v, e) => (sum[e] += v));
        expect(back.whhStepNorm[t]).toBeCloseTo(Math.hypot(...step), 12);
      }
      sum.forEach((v, e) => expect(v).toBeCloseTo(back.dWHh[e], 12));
      // h_{-1} = 0, so the first step can only feed the reset-before n block's r ⊙ h (also 0)
      expect(back.whhStepNorm[0]).toBe(0);
    });

    it('float32 weights and their float64 copy give the same loss; a zero probe changes nothing', () => {
      const w64 = Object.fromEntries(
        WEIGHT_KEYS.map((k) => [k, Float64Array.from(weights[k])]),
      ) as WeightsLike;
      expect(referenceLoss(spec, w64, seq)).toBe(back.loss);
      const zero = new Float64Array(T * hs);
      expect(referenceLoss(spec, weights, seq, { h: zero, c: zero })).toBe(back.loss);
    });
  });

  describe('memoryPath', () => {
    const rng = mulberry32(99);
    const weights = randomWeights(spec, rng);
    const seq = randomSequence(spec, T, 'mse', rng);
    const hs = spec.hiddenSize;

    it.each([T - 1, 3, 0])('is 1 at lossStep=%i and 0 after it', (L) => {
      const m = memoryPath(spec, weights, seq, L);
      expect(m[L]).toBe(1);
      for (let t = L + 1; t < T; t++) expect(m[t]).toBe(0);
      for (let t = 0; t < L; t++) expect(m[t]).toBeGreaterThan(0);
    });

    if (spec.cell !== 'elman')
      it('equals the RMS of products of forget/update gate values', () => {
        const L = T - 1;
        const gate = referenceForward(spec, weights, seq).gates[
          spec.cell === 'lstm' ? 'forget' : 'update'
        ];
        const m = memoryPath(spec, weights, seq, L);
        for (let t = 0; t < L; t++) {
          let sumSq = 0;
          for (let j = 0; j < hs; j++) {
            let p = 1;
            for (let s = t + 1; s <= L; s++) p *= gate[s * hs + j];
            sumSq += p * p;
          }
          expect(m[t]).toBeCloseTo(Math.sqrt(sumSq / hs), 12);
        }
      });

    if (spec.cell === 'elman')
      it('equals ‖∂h_L/∂h_t‖_F/√H computed by finite differences on h_t', () => {
        const L = T - 1;
        const m = memoryPath(spec, weights, seq, L);
        for (let t = 0; t < L; t++) {
          let sumSq = 0;
          for (let j = 0; j < hs; j++) {
            const hL = (d: number) => {
              const h = new Float64Array(T * hs);
              h[t * hs + j] = d;
              return referenceForward(spec, weights, seq, { h }).h.subarray(L * hs, (L + 1) * hs);
            };
            const [plus, minus] = [hL(FD_STEP), hL(-FD_STEP)];
            for (let i = 0; i < hs; i++) sumSq += ((plus[i] - minus[i]) / (2 * FD_STEP)) ** 2;
          }
          expect(relErr(m[t], Math.sqrt(sumSq / hs))).toBeLessThan(TOL);
        }
      });
  });
});

describeHandComputedCases();
