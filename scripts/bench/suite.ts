/**
 * The benchmark itself, shared by Node (scripts/bench.ts) and the browser page (bench/main.ts):
 * cases, sanity checks, timing and kernel counts. The caller picks the TF.js backend first.
 *
 * Every case: input size I = 8, readout O = 1, batch 1, MSE with a target on every step.
 * Compared, on the active backend:
 *   ours           runTrace (forward, gates, hand-written BPTT, one packed read-back), with the
 *                  fused recurrence kernels where the backend has them (the default);
 *   oursOps        the same with path 'ops': the op-by-op cells, i.e. before the fused kernels;
 *   layersPredict  tf.layers model [rnn layer (returnSequences) → Dense(1)], predict h and y,
 *                  one read-back;
 *   layersFwdGrad  tf.variableGrads of the same MSE over that model w.r.t. all its weights,
 *                  one read-back of the loss and every gradient.
 * and, backend-free, the float64 reference (reference/) and a float32 plain loop.
 */
import { wasmSimdActive } from '../../src/engine/fused/simd';
import * as tf from '@tensorflow/tfjs-core';
import { runTrace, type Trace } from '../../src/engine/trace';
import type { Model, Sequence, Weights } from '../../src/engine/types';
import { referenceBackward, type BackwardResult } from '../../reference/rnn64';
import { TOL, buildCase, casesFor, planFor, specFor } from './cases';
import { kerasGrads, layersRig, splitLayersGrads } from './layers';
import { loop32 } from './loops32';
import {
  check,
  countKernels,
  diffOverMax1,
  maxAbsDiff,
  measure,
  scaledError,
  timeOnce,
} from './measure';
import type {
  BackendName,
  BenchOptions,
  CaseDef,
  CaseResult,
  Plan,
  PlainResult,
  Where,
} from './types';

export type Log = (line: string) => void;

// ---------------------------------------------------------------- float64 reference (cached)

interface Ref64 {
  h: Float64Array;
  c?: Float64Array;
  loss: number;
  gradH: Float64Array;
  gradC?: Float64Array;
  gradX: Float64Array;
  grads: Record<keyof Weights, Float64Array>;
}

const refCache = new Map<string, Ref64>();

/**
 * The float64 reference of a case's timed variant, computed once per process or page (or
 * taken from a run the caller already made).
 */
function ref64(c: CaseDef, model: Model, seq: Sequence, done?: BackwardResult): Ref64 {
  let r = refCache.get(c.id);
  if (!r) {
    const b = done ?? referenceBackward(model.spec, model.weights, seq);
    r = {
      h: b.h,
      c: b.c,
      loss: b.loss,
      gradH: b.gradH,
      gradC: b.gradC,
      gradX: b.gradX,
      grads: {
        wIh: b.dWIh,
        wHh: b.dWHh,
        bIh: b.dBIh,
        bHh: b.dBHh,
        wOut: b.dWOut,
        bOut: b.dBOut,
      },
    };
    refCache.set(c.id, r);
  }
  return r;
}

const WEIGHT_KEYS = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;

function traceVsRef(t: Trace, r: Ref64): { h: number; grad: number } {
  const errs = [
    scaledError(t.grad.h, r.gradH),
    scaledError(t.grad.x, r.gradX),
    ...WEIGHT_KEYS.map((k) => scaledError(t.grad.weights[k], r.grads[k])),
  ];
  if (t.grad.c && r.gradC) errs.push(scaledError(t.grad.c, r.gradC));
  return { h: scaledError(t.h, r.h), grad: Math.max(...errs) };
}

/**
 * Fused vs op-by-op trace: the worst of max |Δ| / max(1, max |ops|) over every array the views
 * draw (h, c, gates, y, the loss) and every gradient (∂L/∂h, ∂L/∂c, ∂L/∂x, pre-activations,
 * weights).
 */
function traceVsTrace(a: Trace, b: Trace): number {
  const pairs: (readonly [ArrayLike<number> | undefined, ArrayLike<number> | undefined])[] = [
    [a.h, b.h],
    [a.c, b.c],
    [a.y, b.y],
    [[a.loss], [b.loss]],
    [a.grad.h, b.grad.h],
    [a.grad.c, b.grad.c],
    [a.grad.x, b.grad.x],
    ...Object.keys(b.gates).map((k) => [a.gates[k], b.gates[k]] as const),
    ...Object.keys(b.grad.pre).map((k) => [a.grad.pre[k], b.grad.pre[k]] as const),
    ...WEIGHT_KEYS.map((k) => [a.grad.weights[k], b.grad.weights[k]] as const),
  ];
  let worst = 0;
  for (const [x, y] of pairs) {
    if (!x || !y) {
      if (x !== y) throw new Error('fused and op-by-op traces hold different arrays');
      continue;
    }
    worst = Math.max(worst, diffOverMax1(x, y));
  }
  return worst;
}

// ---------------------------------------------------------------- suites

/** One case on the active backend: sanity checks, then timings and kernel counts. */
async function runCase(
  where: Where,
  backend: BackendName,
  c: CaseDef,
  plan: Plan,
  log: Log,
): Promise<CaseResult> {
  const { model, seq } = buildCase(c);
  const T = c.T;
  const ref = ref64(c, model, seq);
  // GRU: tf.layers has only reset-before, so the tf.layers check runs our reset-before
  // variant on the same weights; the timed reset-after variant is checked against float64.
  const layersSpec = specFor(c, 'reset-before');
  const rig = layersRig(layersSpec, model.weights, seq);
  const tag = `[${where}/${backend}] ${c.id}`;
  try {
    const before = tf.memory().numTensors;
    // ---- first (cold) runs double as the sanity checks
    const ours0 = await timeOnce(() => runTrace(model, seq));
    const ops0 = await timeOnce(() => runTrace(model, seq, { path: 'ops' }));
    const pred0 = await timeOnce(() => rig.predict());
    const grad0 = await timeOnce(() => rig.fwdGrad());
    const forLayers =
      c.cell === 'gru'
        ? await runTrace({ spec: layersSpec, weights: model.weights }, seq)
        : ours0.value;
    const H = c.H;
    const hLayers = pred0.value.subarray(0, T * H);
    const yLayers = pred0.value.subarray(T * H);
    const lg = splitLayersGrads(grad0.value, rig.vars);
    const ours3 = kerasGrads(layersSpec, forLayers.grad.weights);
    const vsRef = traceVsRef(ours0.value, ref);
    const sanity = {
      layersCheck:
        c.cell === 'gru'
          ? 'ours reset-before GRU vs tf.layers.gru (reset-before only); timed: reset-after'
          : `ours ${c.cell} vs tf.layers.${c.cell === 'lstm' ? 'lstm' : 'simpleRNN'}`,
      hMaxAbsDiffVsLayers: maxAbsDiff(forLayers.h, hLayers),
      yMaxAbsDiffVsLayers: maxAbsDiff(forLayers.y, yLayers),
      lossRelDiffVsLayers: Math.abs(forLayers.loss - lg.loss) / Math.abs(lg.loss),
      layersGradScaledErrVsOurs: Math.max(
        scaledError(lg.kernel, ours3[0]!),
        scaledError(lg.recurrent, ours3[1]!),
        scaledError(lg.denseKernel, ours3[2]!),
      ),
      hScaledErrVsRef64: vsRef.h,
      gradScaledErrVsRef64: vsRef.grad,
      oursVsOpsErr: traceVsTrace(ours0.value, ops0.value),
      leakedTensors: 0,
    };
    check(`${tag}: max |h_ours - h_tf.layers|`, sanity.hMaxAbsDiffVsLayers, TOL.hVsLayers);
    check(`${tag}: max |y_ours - y_tf.layers|`, sanity.yMaxAbsDiffVsLayers, TOL.hVsLayers);
    check(
      `${tag}: loss ours vs tf.layers (relative)`,
      sanity.lossRelDiffVsLayers,
      TOL.lossVsLayers,
    );
    check(`${tag}: tf.layers gradients vs ours`, sanity.layersGradScaledErrVsOurs, TOL.layersGrad);
    check(`${tag}: h vs float64 reference`, sanity.hScaledErrVsRef64, TOL.hVsRef64);
    check(`${tag}: gradients vs float64 reference`, sanity.gradScaledErrVsRef64, TOL.gradVsRef64);
    check(`${tag}: ours (fused) vs ours (ops)`, sanity.oursVsOpsErr, TOL.oursVsOps);
    log(
      `${tag}: sanity ok (|Δh| vs tf.layers ${sanity.hMaxAbsDiffVsLayers.toExponential(1)}); ` +
        `fused vs ops ${sanity.oursVsOpsErr.toExponential(1)}; ` +
        `first runs ours ${ours0.ms.toFixed(0)} ms, ops ${ops0.ms.toFixed(0)} ms, predict ${pred0.ms.toFixed(0)} ms, fwd+grad ${grad0.ms.toFixed(0)} ms`,
    );

    // ---- timings
    const ours = await measure(() => runTrace(model, seq), plan, ours0.ms);
    const oursOps = await measure(() => runTrace(model, seq, { path: 'ops' }), plan, ops0.ms);
    const layersPredict = await measure(() => rig.predict(), plan, pred0.ms);
    const layersFwdGrad = await measure(() => rig.fwdGrad(), plan, grad0.ms);
    // ---- kernels per timestep
    const kernels = {
      ours: await countKernels(() => runTrace(model, seq), T),
      oursOps: await countKernels(() => runTrace(model, seq, { path: 'ops' }), T),
      layersPredict: await countKernels(() => rig.predict(), T),
      layersFwdGrad: await countKernels(() => rig.fwdGrad(), T),
    };
    sanity.leakedTensors = tf.memory().numTensors - before;
    log(
      `${tag}: median ours ${ours.medianMs} ms (ops ${oursOps.medianMs} ms), tf.layers predict ${layersPredict.medianMs} ms, ` +
        `fwd+grad ${layersFwdGrad.medianMs} ms (×${(layersFwdGrad.medianMs / ours.medianMs).toFixed(2)}); ` +
        `kernels/step ours ${kernels.ours.perStep} (programs ${kernels.ours.programsPerStep}), ` +
        `ops ${kernels.oursOps.perStep}, fwd+grad ${kernels.layersFwdGrad.perStep}`,
    );
    return {
      where,
      backend,
      case: c.id,
      cell: c.cell,
      T,
      H,
      // The fused kernels ran when the profile saw them; else this backend has none yet.
      oursPath: kernels.ours.fusedCalls > 0 ? 'fused' : 'ops',
      loopsSimd: backend === 'webgl' ? null : wasmSimdActive(),
      sanity,
      timings: { ours, oursOps, layersPredict, layersFwdGrad },
      kernels,
    };
  } finally {
    rig.dispose();
  }
}

/** Every case of the mode on the active TF.js backend. */
export async function runBackendCases(
  where: Where,
  backend: BackendName,
  opts: BenchOptions,
  log: Log,
): Promise<CaseResult[]> {
  if (tf.getBackend() !== backend)
    throw new Error(`active TF.js backend is ${tf.getBackend()}, expected ${backend}`);
  const out: CaseResult[] = [];
  for (const c of casesFor(opts)) out.push(await runCase(where, backend, c, planFor(opts), log));
  return out;
}

/** The backend-free baselines: float64 reference and float32 plain loop. */
export async function runPlainCases(
  where: Where,
  opts: BenchOptions,
  log: Log,
): Promise<PlainResult[]> {
  const plan = planFor(opts);
  const out: PlainResult[] = [];
  for (const c of casesFor(opts)) {
    const { model, seq } = buildCase(c);
    const { spec, weights } = model;
    const r0 = await timeOnce(() => referenceBackward(spec, weights, seq));
    const l0 = await timeOnce(() => loop32(spec, weights, seq));
    const ref = ref64(c, model, seq, r0.value);
    const l = l0.value;
    const errs = [
      scaledError(l.h, ref.h),
      scaledError(l.dH, ref.gradH),
      scaledError(l.dX, ref.gradX),
      Math.abs(l.loss - ref.loss) / Math.abs(ref.loss),
      ...WEIGHT_KEYS.map((k) => scaledError(l.grads[k], ref.grads[k])),
    ];
    if (l.c && ref.c) errs.push(scaledError(l.c, ref.c));
    if (l.dC && ref.gradC) errs.push(scaledError(l.dC, ref.gradC));
    const loopErr = Math.max(...errs);
    check(
      `[${where}/plain] ${c.id}: float32 loop vs float64 reference`,
      loopErr,
      TOL.loop32VsRef64,
    );
    const reference64 = await measure(() => referenceBackward(spec, weights, seq), plan, r0.ms);
    const loop = await measure(() => loop32(spec, weights, seq), plan, l0.ms);
    log(
      `[${where}/plain] ${c.id}: float64 reference ${reference64.medianMs} ms, ` +
        `float32 loop ${loop.medianMs} ms (vs float64: ${loopErr.toExponential(1)})`,
    );
    out.push({
      where,
      case: c.id,
      cell: c.cell,
      T: c.T,
      H: c.H,
      reference64,
      loop32: loop,
      loop32ScaledErrVsRef64: loopErr,
    });
  }
  return out;
}
