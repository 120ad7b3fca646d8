/**
 * Training throughput (issue #9, target 6): optimizer updates per second on the adding problem,
 * LSTM, T = 100, H = 32, batch 32, Adam, on the active backend (Node and the browser page):
 *   ours      Trainer.step() (src/engine/train.ts), fused recurrence kernels where registered;
 *   oursOps   the same Trainer with setFusedKernels(false): the op-by-op "before";
 *   layersFit a tf.layers model [lstm (returnSequences false) → dense(1)], compiled with Adam and
 *             MSE, model.fit over a fixed data set of stepsPerRun batches, one epoch per run:
 *             stepsPerRun updates per fit call.
 * Our Trainer draws a fresh batch from the task every update (as the app does) and that time is
 * counted; fit's data set is drawn once from the same generator beforehand.
 */
import * as tf from '@tensorflow/tfjs-core';
// tf.layers calls chained ops and fit needs gradients: the split core package registers neither.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tfl from '@tensorflow/tfjs-layers';
import { setFusedKernels } from '../../src/engine/fused';
import { Rng } from '../../src/engine/rng';
import { createTask, type Task } from '../../src/engine/tasks/task';
import { DEFAULT_TRAIN, Trainer, isDivergence } from '../../src/engine/train';
import { initWeights } from '../../src/engine/weights/init';
import { timingOf } from './measure';
import { round } from './stats';
import {
  QUICK_TRAINING_CASE,
  QUICK_TRAINING_PLAN,
  TRAINING_CASE,
  TRAINING_PLAN,
} from './training-plan';
import type {
  BackendName,
  BenchOptions,
  StepTiming,
  TrainingCaseDef,
  TrainingPlan,
  TrainingResult,
  Where,
} from './types';

/** The app's optimizer settings (Adam, lr 0.01, clip 1), with the case's batch size. */
const CONFIG = { ...DEFAULT_TRAIN, batchSize: 0, seed: 5 };

type Log = (line: string) => void;

/** Runs `run` (which does plan.stepsPerRun updates) cold, plan.warmup times, then plan.runs timed. */
async function timeSteps(plan: TrainingPlan, run: () => Promise<void>): Promise<StepTiming> {
  const timed = async () => {
    const t0 = performance.now();
    await run();
    return (performance.now() - t0) / plan.stepsPerRun;
  };
  const first = await timed();
  for (let k = 0; k < plan.warmup; k++) await timed();
  const runs: number[] = [];
  for (let k = 0; k < plan.runs; k++) runs.push(await timed());
  const t = timingOf(runs, first);
  return { ...t, stepsPerRun: plan.stepsPerRun, stepsPerSec: round(1000 / t.medianMs, 2) };
}

/** Our Trainer, fused or op-by-op: its timing and losses; it must leave no tensor behind. */
async function timeOurs(c: TrainingCaseDef, task: Task, plan: TrainingPlan, fused: boolean) {
  const spec = { cell: c.cell, inputSize: task.inputSize, hiddenSize: c.H, outputSize: 1 };
  const before = tf.memory().numTensors;
  setFusedKernels(fused);
  const trainer = new Trainer({ spec, weights: initWeights(spec, { seed: 1 }) }, task, {
    ...CONFIG,
    batchSize: c.batchSize,
  });
  const losses: number[] = [];
  let timing: StepTiming;
  try {
    timing = await timeSteps(plan, async () => {
      for (let k = 0; k < plan.stepsPerRun; k++) {
        const r = await trainer.step();
        if (isDivergence(r))
          throw new Error(`bench sanity check failed: training diverged: ${r.reason}`);
        losses.push(r.loss);
      }
    });
  } finally {
    trainer.dispose();
    setFusedKernels(true);
  }
  const leaked = tf.memory().numTensors - before;
  if (leaked) throw new Error(`bench sanity check failed: the Trainer left ${leaked} tensors`);
  return { timing, losses };
}

/** tf.layers model.fit on `stepsPerRun` batches of the same task, one epoch per run. */
async function timeLayersFit(c: TrainingCaseDef, task: Task, plan: TrainingPlan) {
  const { T, batchSize: B } = c;
  const I = task.inputSize;
  const N = B * plan.stepsPerRun;
  // Batch-major copies of time-major task batches (row t·B + b → sequence b, step t).
  const x = new Float32Array(N * T * I);
  const y = new Float32Array(N);
  const rng = new Rng(CONFIG.seed);
  for (let k = 0; k < plan.stepsPerRun; k++) {
    const b = task.batch(rng, B);
    for (let s = 0; s < B; s++) {
      for (let t = 0; t < T; t++)
        for (let i = 0; i < I; i++)
          x[((k * B + s) * T + t) * I + i] = b.inputs[(t * B + s) * I + i]!;
      y[k * B + s] = b.targets[(T - 1) * B + s]!; // the adding problem's one target: the last step
    }
  }
  const before = tf.memory().numTensors;
  const xs = tf.tensor3d(x, [N, T, I]);
  const ys = tf.tensor2d(y, [N, 1]);
  const optimizer = tf.train.adam(CONFIG.learningRate);
  const model = tfl.sequential({
    layers: [
      tfl.layers.lstm({ units: c.H, inputShape: [T, I], recurrentActivation: 'sigmoid' }),
      tfl.layers.dense({ units: 1 }),
    ],
  });
  model.compile({ optimizer, loss: 'meanSquaredError' });
  const losses: number[] = [];
  let timing: StepTiming;
  try {
    timing = await timeSteps(plan, async () => {
      const h = await model.fit(xs, ys, { batchSize: B, epochs: 1, shuffle: false, verbose: 0 });
      losses.push(Number(h.history.loss![0]));
    });
  } finally {
    model.dispose();
    optimizer.dispose();
    tf.dispose([xs, ys]);
  }
  // Reported, not enforced: tf.layers may keep tensors of its own across models.
  return { timing, losses, leaked: tf.memory().numTensors - before };
}

const ends = (v: number[]): [number, number] => [round(v[0]!, 5), round(v.at(-1)!, 5)];

/** The training case on the active backend. */
export async function runTrainingBench(
  where: Where,
  backend: BackendName,
  opts: BenchOptions,
  log: Log,
): Promise<TrainingResult> {
  const c = opts.quick ? QUICK_TRAINING_CASE : TRAINING_CASE;
  const plan = opts.quick ? QUICK_TRAINING_PLAN : TRAINING_PLAN;
  const task = createTask(c.task, { length: c.T });
  const tag = `[${where}/${backend}] training ${c.id}`;
  const ours = await timeOurs(c, task, plan, true);
  const ops = await timeOurs(c, task, plan, false);
  const fit = await timeLayersFit(c, task, plan);
  for (const [name, l] of [
    ['ours', ours.losses],
    ['ours (ops)', ops.losses],
    ['tf.layers fit', fit.losses],
  ] as const) {
    if (!l.every(Number.isFinite))
      throw new Error(`bench sanity check failed: ${tag}: ${name} loss not finite (${l})`);
  }
  const result: TrainingResult = {
    where,
    backend,
    case: c.id,
    T: c.T,
    H: c.H,
    batchSize: c.batchSize,
    timings: { ours: ours.timing, oursOps: ops.timing, layersFit: fit.timing },
    ratios: {
      oursOverLayersFit: round(ours.timing.stepsPerSec / fit.timing.stepsPerSec, 2),
      oursOverOursOps: round(ours.timing.stepsPerSec / ops.timing.stepsPerSec, 2),
    },
    sanity: {
      oursLoss: ends(ours.losses),
      oursOpsLoss: ends(ops.losses),
      layersLoss: ends(fit.losses),
      leakedTensorsLayers: fit.leaked,
    },
  };
  log(
    `${tag}: updates/s ours ${ours.timing.stepsPerSec}, ops ${ops.timing.stepsPerSec}, ` +
      `tf.layers fit ${fit.timing.stepsPerSec} (×${result.ratios.oursOverLayersFit})`,
  );
  return result;
}
