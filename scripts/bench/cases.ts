/**
 * What the bench runs: the cases, how many times, and each case's seeded model and sequence.
 * No TF.js here, so the Node runner can import it without loading TF.js.
 *
 * Every case: input size I = 8, readout O = 1, batch 1, MSE with a target on every step.
 */
import type { Model, ModelSpec, Sequence } from '../../src/engine/types';
import { initWeights } from '../../src/engine/weights/init';
import { mulberry32, randomSequence } from '../../reference/rnn64';
import type { BenchOptions, CaseDef, Plan } from './types';

export const INPUT_SIZE = 8;
export const OUTPUT_SIZE = 1;

export const FULL_CASES: readonly CaseDef[] = [
  { id: 'lstm-T100-H32', cell: 'lstm', T: 100, H: 32 },
  { id: 'lstm-T500-H128', cell: 'lstm', T: 500, H: 128 },
  { id: 'elman-T100-H32', cell: 'elman', T: 100, H: 32 },
  { id: 'gru-T100-H32', cell: 'gru', T: 100, H: 32 },
];

/** --quick: tiny sizes and two timed runs, only to prove the bench still runs. */
export const QUICK_CASES: readonly CaseDef[] = [
  { id: 'lstm-T6-H4', cell: 'lstm', T: 6, H: 4 },
  { id: 'lstm-T12-H8', cell: 'lstm', T: 12, H: 8 },
  { id: 'elman-T6-H4', cell: 'elman', T: 6, H: 4 },
  { id: 'gru-T6-H4', cell: 'gru', T: 6, H: 4 },
];

/**
 * Warm-up: the first (cold) call, reported as firstMs, plus `warmup` more untimed calls; then
 * at least 5 timed calls, more (up to 15) while the timed calls total under 1 s.
 */
export const FULL_PLAN: Plan = { warmup: 1, minRuns: 5, maxRuns: 15, budgetMs: 1000 };
export const QUICK_PLAN: Plan = { warmup: 0, minRuns: 2, maxRuns: 2, budgetMs: 0 };

/** Tolerances of the sanity checks; a failure throws before anything is timed. */
export const TOL = {
  /** max |h_ours − h_tf.layers| (and the same for the readout y) */
  hVsLayers: 1e-4,
  /** |loss_ours − loss_tf.layers| / loss_tf.layers */
  lossVsLayers: 1e-4,
  /** tf.layers gradients vs ours (scaled) */
  layersGrad: 1e-3,
  /** scaled errors vs the float64 reference */
  hVsRef64: 1e-4,
  gradVsRef64: 1e-3,
  /** plain float32 loop vs the float64 reference (scaled) */
  loop32VsRef64: 1e-4,
  /** ours (fused kernels) vs ours (path 'ops'): max |Δ| / max(1, max |ops|) over every array */
  oursVsOps: 1e-5,
} as const;

export function casesFor(opts: BenchOptions): CaseDef[] {
  const all = opts.quick ? QUICK_CASES : FULL_CASES;
  const picked = opts.only ? all.filter((c) => opts.only!.includes(c.id)) : [...all];
  if (!picked.length) throw new Error(`no bench case matches ${opts.only?.join(', ')}`);
  return picked;
}

export function planFor(opts: BenchOptions): Plan {
  return opts.quick ? QUICK_PLAN : FULL_PLAN;
}

/** The spec of a case; GRU defaults to reset-after (PyTorch's and Keras ≥ 2.3's variant). */
export function specFor(c: CaseDef, gruVariant: ModelSpec['gruVariant'] = 'reset-after') {
  const spec: ModelSpec = {
    cell: c.cell,
    inputSize: INPUT_SIZE,
    hiddenSize: c.H,
    outputSize: OUTPUT_SIZE,
  };
  if (c.cell === 'gru') spec.gruVariant = gruVariant;
  return spec;
}

/** Seeded weights (with non-zero biases) and a random sequence, MSE target on every step. */
export function buildCase(c: CaseDef): { model: Model; seq: Sequence } {
  const spec = specFor(c);
  const weights = initWeights(spec, { seed: 7, recurrentScale: 0.9, forgetBias: 1 });
  weights.bIh.forEach((_, k) => (weights.bIh[k] = 0.1 * Math.sin(k)));
  weights.bHh.forEach((_, k) => (weights.bHh[k] = 0.05 * Math.cos(k)));
  weights.bOut[0] = 0.1;
  const seq = randomSequence(spec, c.T, 'mse', mulberry32(3));
  return { model: { spec, weights }, seq };
}
