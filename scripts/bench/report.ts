/**
 * Assembles the bench's single JSON object: environment, set-up, every raw result, the
 * ratios side by side, and whether the targets (targets.ts) are met. Pure.
 */
import { FULL_PLAN, INPUT_SIZE, OUTPUT_SIZE, QUICK_PLAN, casesFor } from './cases';
import { FULL_PLAYBACK, QUICK_PLAYBACK } from './playback';
import { RAF_JITTER_MS, TARGETS, TARGET_CASE, targetsOf } from './targets';
import {
  QUICK_TRAINING_CASE,
  QUICK_TRAINING_PLAN,
  TRAINING_CASE,
  TRAINING_PLAN,
} from './training-plan';
import type { AppResult, CaseResult, LensResult, PlainResult, TrainingResult } from './types';

export { TARGETS };

export interface ReportInput {
  command: string;
  quick: boolean;
  env: Record<string, unknown>;
  results: CaseResult[];
  plain: PlainResult[];
  training: TrainingResult[];
  /** the Jacobian lens's times, per place (scripts/bench/lens.ts) */
  lens: LensResult[];
  /** the app's size, first frame and playback; null when not measured (--no-app, --no-browser) */
  app: AppResult | null;
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
  /** op-by-op median / ours median: what the fused kernels gained (> 1: fused faster) */
  oursOpsOverOurs: number;
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
    oursOpsOverOurs: r2(r.timings.oursOps.medianMs / ours),
  };
}

export function buildReport(input: ReportInput) {
  const { results, plain, training, app } = input;
  const withRatios = results.map((r) => ({ ...r, ratios: ratiosOf(r, plainFor(plain, r)) }));
  const table: Record<string, Record<string, Record<string, number | string | undefined>>> = {};
  for (const r of results) {
    const key = `${r.where}/${r.backend}`;
    const p = plainFor(plain, r);
    const ratios = ratiosOf(r, p);
    table[key] ??= {};
    table[key][r.case] = {
      oursPath: r.oursPath,
      oursMs: r.timings.ours.medianMs,
      oursFirstMs: r.timings.ours.firstMs,
      oursOpsMs: r.timings.oursOps.medianMs,
      layersPredictMs: r.timings.layersPredict.medianMs,
      layersFwdGradMs: r.timings.layersFwdGrad.medianMs,
      loop32Ms: p?.loop32.medianMs,
      reference64Ms: p?.reference64.medianMs,
      speedupVsLayersFwdGrad: ratios.speedupVsLayersFwdGrad,
      speedupVsLayersPredict: ratios.speedupVsLayersPredict,
      oursOverLoop32: ratios.oursOverLoop32,
      oursOpsOverOurs: ratios.oursOpsOverOurs,
      kernelsPerStepOurs: r.kernels.ours.perStep,
      workKernelsPerStepOurs: r.kernels.ours.workPerStep,
      programsPerStepOurs: r.kernels.ours.programsPerStep,
      kernelsPerStepOursOps: r.kernels.oursOps.perStep,
      kernelsPerStepLayersFwdGrad: r.kernels.layersFwdGrad.perStep,
      kernelsPerStepLayersPredict: r.kernels.layersPredict.perStep,
    };
  }
  const trainingTable: Record<string, Record<string, number | string>> = {};
  for (const t of training) {
    trainingTable[`${t.where}/${t.backend}`] = {
      case: t.case,
      oursStepsPerSec: t.timings.ours.stepsPerSec,
      oursOpsStepsPerSec: t.timings.oursOps.stepsPerSec,
      layersFitStepsPerSec: t.timings.layersFit.stepsPerSec,
      oursOverLayersFit: t.ratios.oursOverLayersFit,
      oursOverOursOps: t.ratios.oursOverOursOps,
    };
  }
  // The lens at T = 100, H = 32 per cell, per place: map-ready and all, median ms.
  const lensTable: Record<
    string,
    Record<string, { mapMs: number; totalMs: number; n: number }>
  > = {};
  for (const l of input.lens) {
    lensTable[`${l.where}/${l.backend}`] ??= {};
    lensTable[`${l.where}/${l.backend}`]![l.cell] = {
      mapMs: l.mapMs.medianMs,
      totalMs: l.totalMs.medianMs,
      n: l.n,
    };
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
    // 2: fused and op-by-op timings, training, the app, summary.targets by issue #9's figures
    schema: 'gatescope.bench/2',
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
        ours: 'runTrace(model, seq): forward with every gate and state, hand-written BPTT, one packed read-back, float64 series in JS; fused recurrence kernels where the backend has them',
        oursOps:
          "runTrace(model, seq, { path: 'ops' }): the same with the op-by-op cells (before the fused kernels)",
        layersPredict:
          'tf.layers model [rnn layer, returnSequences → Dense(1)], predict → h and y, one read-back',
        layersFwdGrad:
          'tf.variableGrads of mean((y − target)²) over that model w.r.t. all its weights, one read-back of loss + gradients',
        reference64:
          'reference/ referenceBackward: float64, written for clarity (allocates per step and keeps every step’s ∂L/∂W_hh)',
        loop32: 'scripts/bench/loops32.ts: float32 forward + BPTT, same outputs as the trace',
        kernels:
          'tf.profile(one call).kernels.length / T; workPerStep leaves out Reshape, Identity and the fusedMatMul op-scope records; programsPerStep counts the programs inside the fused kernels (fusedStats.programs) instead of their one record each',
        training:
          'updates per second: Trainer.step() (fresh task batch, forward + BPTT, Adam, clip 1) vs tf.layers [lstm → dense] model.fit over a fixed data set of stepsPerRun batches, one epoch per run',
        lens: 'scripts/bench/lens.ts: LensJob (engine/jacobian) on seeded weights, T = 100, H = 32 (quick: 20, 8), I = 8; mapMs until the T×T map is whole, totalMs with every step singular value; float64 JS, no TF.js: the backend is only the one active beside it',
        app: 'vite build of the app; initial JS = the HTML entry chunk and its static imports, gzip -9; first frame = performance.mark gatescope:first-frame in fresh browser contexts; playback = requestAnimationFrame intervals while playing, React commits counted by a DevTools-hook probe in a separate pass',
      },
      targetCase: input.quick ? TARGET_CASE.quick : TARGET_CASE.full,
      training: {
        case: input.quick ? QUICK_TRAINING_CASE : TRAINING_CASE,
        plan: input.quick ? QUICK_TRAINING_PLAN : TRAINING_PLAN,
      },
      playback: input.quick ? QUICK_PLAYBACK : FULL_PLAYBACK,
      rafJitterMs: RAF_JITTER_MS,
      notes: [
        "tf.layers.lstm uses recurrentActivation 'sigmoid' (its default is hard sigmoid).",
        'tf.layers.gru is reset-before only: the GRU case times our reset-after cell against tf.layers reset-before; the tf.layers agreement check runs our reset-before variant on the same weights.',
        'firstMs is the first (cold) call: WebGL shader compilation, JIT; it is not part of min/median.',
        'Times are wall-clock performance.now() around the awaited call, including the read-back.',
        'Playback p95 meets the 16.7 ms frame budget within rafJitterMs: rAF intervals sit on vsync ticks ± a fraction of a ms, a missed frame shows as 33.3 ms.',
      ],
      targets: TARGETS,
    },
    skipped: input.skipped,
    summary: {
      table,
      plain: plainTable,
      training: trainingTable,
      lens: lensTable,
      targets: targetsOf({ quick: input.quick, results, plain, training, app }),
    },
    results: withRatios,
    plain,
    training,
    lens: input.lens,
    app,
  };
}

export type BenchReport = ReturnType<typeof buildReport>;
