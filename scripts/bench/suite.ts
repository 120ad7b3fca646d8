/**
 * The benchmark itself, shared by Node (scripts/bench.ts) and the browser page (bench/main.ts):
 * cases, sanity checks, timing and kernel counts. The caller picks the TF.js backend first.
 *
 * Every case: input size I = 8, readout O = 1, batch 1, MSE with a target on every step.
 * Compared, on the active backend:
 *   ours           runTrace (forward, gates, hand-written BPTT, one packed read-back);
 *   layersPredict  tf.layers model [rnn layer (returnSequences) → Dense(1)], predict h and y,
 *                  one read-back;
 *   layersFwdGrad  tf.variableGrads of the same MSE over that model w.r.t. all its weights,
 *                  one read-back of the loss and every gradient.
 * and, backend-free, the float64 reference (tests/reference) and a float32 plain loop.
 */
import * as tf from '@tensorflow/tfjs-core';
// tf.layers calls chained ops (x.flatten()) and variableGrads needs gradients: the split core
// package registers neither.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tfl from '@tensorflow/tfjs-layers';
import { runTrace, type Trace } from '../../src/engine/trace';
import type { Model, ModelSpec, Sequence, Weights } from '../../src/engine/types';
import { exportWeights } from '../../src/engine/weights/format';
import { referenceBackward, type BackwardResult } from '../../tests/reference/rnn64';
import { INPUT_SIZE, OUTPUT_SIZE, TOL, buildCase, casesFor, planFor, specFor } from './cases';
import { loop32 } from './loops32';
import type {
  BackendId,
  BenchOptions,
  CaseDef,
  CaseResult,
  KernelCount,
  Plan,
  PlainResult,
  Timing,
  Where,
} from './types';

export type Log = (line: string) => void;

// ---------------------------------------------------------------- timing helpers

const round = (v: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/**
 * Times `fn`: `firstMs` is the caller's first (cold) run, then plan.warmup untimed runs,
 * then at least minRuns timed runs, more while under budgetMs, at most maxRuns.
 */
export async function measure(fn: () => unknown, plan: Plan, firstMs: number): Promise<Timing> {
  for (let k = 0; k < plan.warmup; k++) await fn();
  const runs: number[] = [];
  let spent = 0;
  while (runs.length < plan.minRuns || (runs.length < plan.maxRuns && spent < plan.budgetMs)) {
    const t0 = performance.now();
    await fn();
    const d = performance.now() - t0;
    runs.push(d);
    spent += d;
  }
  const sorted = [...runs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    firstMs: round(firstMs, 2),
    minMs: round(sorted[0]!),
    medianMs: round(median),
    n: runs.length,
    runsMs: runs.map((r) => round(r, 2)),
  };
}

async function timeOnce<R>(fn: () => R | Promise<R>): Promise<{ ms: number; value: R }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

/** Records of tf.profile that move no data: reshapes, identities and op-scope wrappers. */
const NO_WORK = (name: string) =>
  name === 'Reshape' || name === 'Identity' || name.endsWith('__op');

async function countKernels(fn: () => Promise<unknown>, T: number): Promise<KernelCount> {
  const info = await tf.profile(async () => {
    await fn();
  });
  const byName: Record<string, number> = {};
  for (const k of info.kernels) byName[k.name] = (byName[k.name] ?? 0) + 1;
  const work = info.kernels.filter((k) => !NO_WORK(k.name)).length;
  return {
    total: info.kernels.length,
    perStep: round(info.kernels.length / T, 2),
    workPerStep: round(work / T, 2),
    byName,
  };
}

/** Largest |a − e| relative to the largest |e| (float32 judged at the magnitudes it holds). */
export function scaledError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length)
    throw new Error(`length mismatch: ${actual.length} vs ${expected.length}`);
  let scale = 0;
  let worst = 0;
  for (let k = 0; k < expected.length; k++) scale = Math.max(scale, Math.abs(expected[k]!));
  for (let k = 0; k < expected.length; k++)
    worst = Math.max(worst, Math.abs(actual[k]! - expected[k]!));
  return worst / (scale || 1);
}

function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length mismatch: ${a.length} vs ${b.length}`);
  let worst = 0;
  for (let k = 0; k < a.length; k++) worst = Math.max(worst, Math.abs(a[k]! - b[k]!));
  return worst;
}

function check(what: string, value: number, tol: number): void {
  if (!(value <= tol)) {
    throw new Error(
      `bench sanity check failed: ${what} = ${value.toExponential(3)} > ${tol} (refusing to time wrong code)`,
    );
  }
}

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

// ---------------------------------------------------------------- tf.layers

interface LayersRig {
  model: tfl.LayersModel;
  vars: tf.Variable[];
  predict(): Promise<Float32Array>;
  fwdGrad(): Promise<Float32Array>;
  dispose(): void;
}

/** tf.layers [rnn (returnSequences) → Dense(O)] with our weights, outputs [h, y]. */
function layersRig(spec: ModelSpec, weights: Weights, seq: Sequence): LayersRig {
  const T = seq.length;
  const H = spec.hiddenSize;
  // Zero initialisers: the weights are overwritten anyway, and tf.layers' default orthogonal
  // recurrent initialiser takes seconds at H = 128.
  const common = {
    units: H,
    returnSequences: true,
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
  } as const;
  const rnn =
    spec.cell === 'lstm'
      ? tfl.layers.lstm({ ...common, recurrentActivation: 'sigmoid' })
      : spec.cell === 'gru'
        ? tfl.layers.gru({ ...common, recurrentActivation: 'sigmoid' })
        : tfl.layers.simpleRNN({ ...common, activation: 'tanh' });
  const dense = tfl.layers.dense({ units: OUTPUT_SIZE, kernelInitializer: 'zeros' });
  const input = tfl.input({ shape: [T, INPUT_SIZE] });
  const hSym = rnn.apply(input) as tfl.SymbolicTensor;
  const ySym = dense.apply(hSym) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: [hSym, ySym] });
  const file = exportWeights({ spec, weights }, 'keras').tensors;
  const set = (layer: tfl.layers.Layer, names: string[]) => {
    const ts = names.map((n) => tf.tensor(file[n] as number[]));
    layer.setWeights(ts);
    tf.dispose(ts);
  };
  set(rnn, ['kernel', 'recurrent_kernel', 'bias']);
  set(dense, ['readout.kernel', 'readout.bias']);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const inputs = () => tf.tensor3d(seq.inputs, [1, T, INPUT_SIZE]);

  return {
    model,
    vars,
    async predict() {
      const flat = tf.tidy(() => {
        const [h, y] = model.predict(inputs()) as tf.Tensor[];
        return tf.concat([tf.reshape(h!, [-1]), tf.reshape(y!, [-1])]);
      });
      const d = (await flat.data()) as Float32Array;
      flat.dispose();
      return d;
    },
    async fwdGrad() {
      const flat = tf.tidy(() => {
        const x = inputs();
        const target = tf.tensor3d(seq.targets, [1, T, OUTPUT_SIZE]);
        const { value, grads } = tf.variableGrads(() => {
          const [, y] = model.apply(x) as tf.Tensor[];
          return tf.mean(tf.squaredDifference(y!, target));
        }, vars);
        return tf.concat([
          tf.reshape(value, [1]),
          ...vars.map((v) => tf.reshape(grads[v.name]!, [-1])),
        ]);
      });
      const d = (await flat.data()) as Float32Array;
      flat.dispose();
      return d;
    },
    dispose() {
      model.dispose();
    },
  };
}

/** Our gradients of (kernel, recurrent kernel, readout kernel) in Keras layout, flat. */
function kerasGrads(spec: ModelSpec, grad: Weights): Float32Array[] {
  const g = exportWeights({ spec, weights: grad }, 'keras').tensors;
  return ['kernel', 'recurrent_kernel', 'readout.kernel'].map((n) =>
    Float32Array.from((g[n] as number[][]).flat()),
  );
}

/** Splits the fwdGrad read-back [loss, kernel, recurrent kernel, bias, dense kernel, dense bias]. */
function splitLayersGrads(flat: Float32Array, vars: tf.Variable[]) {
  const parts: Float32Array[] = [];
  let at = 1;
  for (const v of vars) {
    parts.push(flat.subarray(at, at + v.size));
    at += v.size;
  }
  return { loss: flat[0]!, kernel: parts[0]!, recurrent: parts[1]!, denseKernel: parts[3]! };
}

// ---------------------------------------------------------------- suites

/** One case on the active backend: sanity checks, then timings and kernel counts. */
async function runCase(
  where: Where,
  backend: BackendId,
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
    log(
      `${tag}: sanity ok (|Δh| vs tf.layers ${sanity.hMaxAbsDiffVsLayers.toExponential(1)}); ` +
        `first runs ours ${ours0.ms.toFixed(0)} ms, predict ${pred0.ms.toFixed(0)} ms, fwd+grad ${grad0.ms.toFixed(0)} ms`,
    );

    // ---- timings
    const ours = await measure(() => runTrace(model, seq), plan, ours0.ms);
    const layersPredict = await measure(() => rig.predict(), plan, pred0.ms);
    const layersFwdGrad = await measure(() => rig.fwdGrad(), plan, grad0.ms);
    // ---- kernels per timestep
    const kernels = {
      ours: await countKernels(() => runTrace(model, seq), T),
      layersPredict: await countKernels(() => rig.predict(), T),
      layersFwdGrad: await countKernels(() => rig.fwdGrad(), T),
    };
    sanity.leakedTensors = tf.memory().numTensors - before;
    log(
      `${tag}: median ours ${ours.medianMs} ms, tf.layers predict ${layersPredict.medianMs} ms, ` +
        `fwd+grad ${layersFwdGrad.medianMs} ms (×${(layersFwdGrad.medianMs / ours.medianMs).toFixed(2)}); ` +
        `kernels/step ours ${kernels.ours.perStep}, fwd+grad ${kernels.layersFwdGrad.perStep}`,
    );
    return {
      where,
      backend,
      case: c.id,
      cell: c.cell,
      T,
      H,
      sanity,
      timings: { ours, layersPredict, layersFwdGrad },
      kernels,
    };
  } finally {
    rig.dispose();
  }
}

/** Every case of the mode on the active TF.js backend. */
export async function runBackendCases(
  where: Where,
  backend: BackendId,
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
