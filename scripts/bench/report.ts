/**
 * Assembles the bench's single JSON object: environment, set-up, every raw result, the
 * ratios side by side, and whether the targets are met per backend. Pure.
 */
import { FULL_PLAN, INPUT_SIZE, OUTPUT_SIZE, QUICK_PLAN, casesFor } from './cases';
import type { CaseResult, PlainResult } from './types';

/** Targets from the performance issue. */
export const TARGETS = {
  /** ours at least this many times faster than tf.layers fwd+grad, on each backend */
  speedupVsLayersFwdGrad: 3,
  /** at most this many kernels per timestep for ours (profile.kernels.length / T) */
  maxKernelsPerStep: 25,
} as const;

export interface ReportInput {
  command: string;
  quick: boolean;
  env: Record<string, unknown>;
  results: CaseResult[];
  plain: PlainResult[];
  /** anything that did not run (e.g. a backend that failed to start) */
  skipped: string[];
}

export interface Ratios {
  /** tf.layers fwd+grad median / ours median (> 1: ours faster) */
  speedupVsLayersFwdGrad: number;
  /** tf.layers predict median / ours median (ours also does the backward pass) */
  speedupVsLayersPredict: number;
  /** ours median / float32 plain loop median (> 1: the plain loop is faster) */
  oursOverLoop32?: number;
  /** ours median / float64 reference median */
  oursOverReference64?: number;
}

export interface TargetVerdict {
  met: boolean;
  /** the worst case's value */
  worst: number;
  worstCase: string;
  /** every case's value */
  byCase: Record<string, number>;
}

const r2 = (v: number) => Math.round(v * 100) / 100;

function plainFor(plain: PlainResult[], r: CaseResult): PlainResult | undefined {
  return plain.find((p) => p.where === r.where && p.case === r.case);
}

export function ratiosOf(r: CaseResult, p: PlainResult | undefined): Ratios {
  const ours = r.timings.ours.medianMs;
  return {
    speedupVsLayersFwdGrad: r2(r.timings.layersFwdGrad.medianMs / ours),
    speedupVsLayersPredict: r2(r.timings.layersPredict.medianMs / ours),
    oursOverLoop32: p ? r2(ours / p.loop32.medianMs) : undefined,
    oursOverReference64: p ? r2(ours / p.reference64.medianMs) : undefined,
  };
}

function verdict(
  rows: CaseResult[],
  value: (r: CaseResult) => number,
  ok: (v: number) => boolean,
  worse: (a: number, b: number) => boolean,
): TargetVerdict {
  const byCase: Record<string, number> = {};
  let worst = rows[0]!;
  for (const r of rows) {
    byCase[r.case] = value(r);
    if (worse(value(r), value(worst))) worst = r;
  }
  return {
    met: rows.every((r) => ok(value(r))),
    worst: value(worst),
    worstCase: worst.case,
    byCase,
  };
}

export function buildReport(input: ReportInput) {
  const { results, plain } = input;
  const withRatios = results.map((r) => ({ ...r, ratios: ratiosOf(r, plainFor(plain, r)) }));
  const groups = new Map<string, CaseResult[]>();
  for (const r of results) {
    const key = `${r.where}/${r.backend}`;
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const speedup: Record<string, TargetVerdict> = {};
  const kernels: Record<string, TargetVerdict> = {};
  const table: Record<string, Record<string, Record<string, number | undefined>>> = {};
  for (const [key, rows] of groups) {
    speedup[key] = verdict(
      rows,
      (r) => r2(r.timings.layersFwdGrad.medianMs / r.timings.ours.medianMs),
      (v) => v >= TARGETS.speedupVsLayersFwdGrad,
      (a, b) => a < b,
    );
    kernels[key] = verdict(
      rows,
      (r) => r.kernels.ours.perStep,
      (v) => v <= TARGETS.maxKernelsPerStep,
      (a, b) => a > b,
    );
    table[key] = {};
    for (const r of rows) {
      const p = plainFor(plain, r);
      const ratios = ratiosOf(r, p);
      table[key][r.case] = {
        oursMs: r.timings.ours.medianMs,
        oursFirstMs: r.timings.ours.firstMs,
        layersPredictMs: r.timings.layersPredict.medianMs,
        layersFwdGradMs: r.timings.layersFwdGrad.medianMs,
        loop32Ms: p?.loop32.medianMs,
        reference64Ms: p?.reference64.medianMs,
        speedupVsLayersFwdGrad: ratios.speedupVsLayersFwdGrad,
        speedupVsLayersPredict: ratios.speedupVsLayersPredict,
        oursOverLoop32: ratios.oursOverLoop32,
        kernelsPerStepOurs: r.kernels.ours.perStep,
        workKernelsPerStepOurs: r.kernels.ours.workPerStep,
        kernelsPerStepLayersFwdGrad: r.kernels.layersFwdGrad.perStep,
        kernelsPerStepLayersPredict: r.kernels.layersPredict.perStep,
      };
    }
  }
  const plainTable: Record<string, Record<string, Record<string, number>>> = {};
  for (const p of plain) {
    plainTable[p.where] ??= {};
    plainTable[p.where]![p.case] = {
      loop32Ms: p.loop32.medianMs,
      reference64Ms: p.reference64.medianMs,
    };
  }
  const opts = { quick: input.quick };
  return {
    schema: 'gatescope.bench/1',
    command: input.command,
    quick: input.quick,
    env: input.env,
    setup: {
      inputSize: INPUT_SIZE,
      outputSize: OUTPUT_SIZE,
      batchSize: 1,
      loss: 'MSE with a target on every step (mean over T·O)',
      cases: casesFor(opts),
      plan: input.quick ? QUICK_PLAN : FULL_PLAN,
      measured: {
        ours: 'runTrace(model, seq): forward with every gate and state, hand-written BPTT, one packed read-back, float64 series in JS',
        layersPredict:
          'tf.layers model [rnn layer, returnSequences → Dense(1)], predict → h and y, one read-back',
        layersFwdGrad:
          'tf.variableGrads of mean((y − target)²) over that model w.r.t. all its weights, one read-back of loss + gradients',
        reference64:
          'tests/reference referenceBackward: float64, written for clarity (allocates per step and keeps every step’s ∂L/∂W_hh)',
        loop32: 'scripts/bench/loops32.ts: float32 forward + BPTT, same outputs as the trace',
        kernels:
          'tf.profile(one call).kernels.length / T; workPerStep leaves out Reshape, Identity and the fusedMatMul op-scope records',
      },
      notes: [
        "tf.layers.lstm uses recurrentActivation 'sigmoid' (its default is hard sigmoid).",
        'tf.layers.gru is reset-before only: the GRU case times our reset-after cell against tf.layers reset-before; the tf.layers agreement check runs our reset-before variant on the same weights.',
        'firstMs is the first (cold) call: WebGL shader compilation, JIT; it is not part of min/median.',
        'Times are wall-clock performance.now() around the awaited call, including the read-back.',
      ],
      targets: TARGETS,
    },
    skipped: input.skipped,
    summary: {
      table,
      plain: plainTable,
      targets: {
        speedupVsLayersFwdGrad: speedup,
        maxKernelsPerStep: kernels,
      },
    },
    results: withRatios,
    plain,
  };
}

export type BenchReport = ReturnType<typeof buildReport>;
