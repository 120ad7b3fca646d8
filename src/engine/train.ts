/**
 * Training with the engine's own BPTT (no tf.layers): seeded batches from a task, Adam / SGD
 * with momentum / RMSProp, gradient clipping by global norm, and a divergence guard that
 * stops at the first non-finite loss or gradient and keeps the last good weights.
 *
 * One `step()` is one update and one read-back (loss, gradient norm, readout for the metric);
 * scheduling — a loop in Node, time slices between frames in the browser — is the caller's.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { WeightTensors } from './cells/common';
import { checkBatch, checkWeights, forwardBackward, forwardLoss } from './network';
import { Rng } from './rng';
import { EngineInputError, normalizeSpec, weightSizes } from './spec';
import { DEFAULT_TRAIN, type TrainConfig, checkTrainConfig } from './train-config';
import type { Batch, Model, Weights } from './types';

export { DEFAULT_TRAIN, type OptimizerKind, type TrainConfig } from './train-config';

/** What training needs of a task: batches and a metric. */
export interface TrainingTask {
  batch(rng: Rng, batchSize: number): Batch;
  metric: { name: string; compute(y: Float32Array, b: Batch): number };
}

export interface StepReport {
  /** 1-based count of updates applied so far */
  step: number;
  loss: number;
  metric: number;
  /** global gradient norm before clipping */
  gradNorm: number;
  clipped: boolean;
  ms: number;
}

export interface Divergence {
  /** the update that was refused (1-based) */
  step: number;
  reason: string;
}

const KEYS = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;
let instances = 0;

function makeOptimizer(c: TrainConfig): tf.Optimizer {
  if (c.optimizer === 'adam') return tf.train.adam(c.learningRate);
  if (c.optimizer === 'rmsprop') return tf.train.rmsprop(c.learningRate, 0.9);
  if (c.optimizer === 'sgd') return tf.train.momentum(c.learningRate, c.momentum ?? 0);
  throw new EngineInputError(`optimizer must be adam, sgd or rmsprop (got ${String(c.optimizer)})`);
}

/**
 * ‖g‖ over all tensors, scaled by the largest entry first so squares neither underflow nor
 * overflow. A zero (or NaN) largest entry scales by 1 instead, so all-zero gradients give 0 and
 * an infinite or NaN entry still gives NaN. One division per tensor (divNoNan would be four
 * programs each on WebGL); no small constant that half-float WebGL would flush to 0.
 */
export function globalNorm(grads: tf.Tensor[]): tf.Scalar {
  const m = tf.max(tf.stack(grads.map((g) => tf.max(tf.abs(g)))));
  const scale = tf.where(tf.greater(m, 0), m, tf.onesLike(m));
  const sumSq = tf.addN(grads.map((g) => tf.sum(tf.square(tf.div(g, scale)))));
  return tf.mul(tf.sqrt(sumSq), scale);
}

export class Trainer {
  readonly spec;
  readonly config: TrainConfig;
  private readonly vars: Record<(typeof KEYS)[number], tf.Variable>;
  private lastGood: tf.Tensor[] | null = null;
  private readonly optimizer: tf.Optimizer;
  private readonly rng: Rng;
  private count = 0;
  private stopped: Divergence | null = null;

  constructor(
    model: Model,
    private readonly task: TrainingTask,
    config: Partial<TrainConfig> = {},
  ) {
    this.spec = normalizeSpec(model.spec);
    checkWeights(this.spec, model.weights);
    this.config = { ...DEFAULT_TRAIN, ...config };
    checkTrainConfig(this.config);
    this.rng = new Rng(this.config.seed);
    // Before the variables: an invalid optimizer must not leave six variables behind.
    this.optimizer = makeOptimizer(this.config);
    const id = ++instances;
    const sizes = weightSizes(this.spec);
    // The variable keeps its own copy; tidy drops the temporary tensor it was made from.
    this.vars = tf.tidy(() =>
      Object.fromEntries(
        KEYS.map((k) => [
          k,
          tf.variable(tf.tensor(model.weights[k], [...sizes[k]]), true, `gatescope${id}_${k}`),
        ]),
      ),
    ) as Trainer['vars'];
  }

  /** Updates applied so far. */
  get steps(): number {
    return this.count;
  }

  /** Set once training has diverged; later steps are refused until a new Trainer is made. */
  get divergence(): Divergence | null {
    return this.stopped;
  }

  /** One update on a fresh batch. Returns the divergence instead when the loss or gradient is not finite. */
  async step(): Promise<StepReport | Divergence> {
    if (this.stopped) return this.stopped;
    const t0 = now();
    const batch = this.task.batch(this.rng, this.config.batchSize);
    const K = checkBatch(this.spec, batch);
    const { grads, packed } = tf.tidy(() => {
      const p = forwardBackward(this.spec, this.weights(), batch, K, { gradsOnly: true });
      const gs = KEYS.map((k) => p.grads[k]);
      const norm = globalNorm(gs);
      return {
        grads: gs.map((g, i) => tf.reshape(g, this.vars[KEYS[i]!].shape)),
        packed: tf.concat([
          tf.reshape(p.loss.loss, [1]),
          tf.reshape(norm, [1]),
          tf.reshape(p.Y, [-1]),
        ]),
      };
    });
    const data = (await packed.data()) as Float32Array;
    packed.dispose();
    const loss = data[0]!;
    const gradNorm = data[1]!;
    if (!Number.isFinite(loss) || !Number.isFinite(gradNorm)) {
      tf.dispose(grads);
      return this.diverge(
        Number.isFinite(loss)
          ? 'the gradient became infinite or NaN'
          : 'the loss became infinite or NaN',
      );
    }
    const clip = this.config.clipNorm;
    const clipped = clip > 0 && gradNorm > clip;
    this.snapshot();
    const scale = clipped ? clip / gradNorm : 1;
    const named: tf.NamedTensorMap = {};
    KEYS.forEach(
      (k, i) => (named[this.vars[k].name] = scale === 1 ? grads[i]! : tf.mul(grads[i]!, scale)),
    );
    this.optimizer.applyGradients(named);
    tf.dispose([...grads, ...Object.values(named)]);
    this.count++;
    const metric = this.task.metric.compute(data.subarray(2), batch);
    return { step: this.count, loss, metric, gradNorm, clipped, ms: now() - t0 };
  }

  /** Loss and metric of the current weights on a batch, without updating. */
  async evaluate(batch: Batch): Promise<{ loss: number; metric: number }> {
    const K = checkBatch(this.spec, batch);
    const packed = tf.tidy(() => {
      const f = forwardLoss(this.spec, this.weights(), batch, K);
      return tf.concat([tf.reshape(f.loss.loss, [1]), tf.reshape(f.Y, [-1])]);
    });
    const data = (await packed.data()) as Float32Array;
    packed.dispose();
    return { loss: data[0]!, metric: this.task.metric.compute(data.subarray(1), batch) };
  }

  /** The current weights, read back as a plain model. */
  async model(): Promise<Model> {
    const arrays = await Promise.all(KEYS.map((k) => this.vars[k].data() as Promise<Float32Array>));
    const weights = Object.fromEntries(KEYS.map((k, i) => [k, arrays[i]!])) as unknown as Weights;
    return { spec: this.spec, weights };
  }

  dispose(): void {
    tf.dispose(Object.values(this.vars));
    if (this.lastGood) tf.dispose(this.lastGood);
    this.optimizer.dispose();
    // tfjs-core 4.22: MomentumOptimizer.dispose() skips SGDOptimizer's, leaving its learning-rate
    // scalar `c` alive (one tensor per SGD trainer). Free it here when it is still there.
    const kept = (this.optimizer as unknown as { c?: tf.Tensor }).c;
    if (this.optimizer instanceof tf.MomentumOptimizer && kept && !kept.isDisposed) kept.dispose();
  }

  /** The variables are the weight tensors, already in the cells' (PyTorch) layout. */
  private weights(): WeightTensors {
    return this.vars;
  }

  /** Keeps the weights about to be updated: they gave a finite loss, so they are the last good ones. */
  private snapshot(): void {
    if (this.lastGood) tf.dispose(this.lastGood);
    this.lastGood = KEYS.map((k) => tf.clone(this.vars[k]));
  }

  private diverge(reason: string): Divergence {
    // The weights now in place produced the non-finite value; put back the ones before the last update.
    const refused = this.count + 1;
    if (this.lastGood) {
      KEYS.forEach((k, i) => this.vars[k].assign(this.lastGood![i]!));
      this.count--;
    }
    this.stopped = {
      step: refused,
      reason: `${reason} at step ${refused}; kept the weights after step ${this.count}`,
    };
    return this.stopped;
  }
}

export function isDivergence(r: StepReport | Divergence): r is Divergence {
  return 'reason' in r;
}

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}
