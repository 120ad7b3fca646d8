/**
 * Shared plumbing for task generators: writing sequences into a time-major batch, metrics over
 * targeted rows, entropies in nats and short labels.
 */
import type { Rng } from '../rng';
import { checkInt, EngineInputError, LIMITS } from '../spec';
import type { Batch, Sequence } from '../types';
import type { Task } from './types';

/** What a generator writes for one sequence; the batch layout (row t*B+b) stays hidden from it. */
export interface StepWriter {
  /** inputs[t, i] = v (inputs start at 0, so one-hot codes only write their 1). */
  input(t: number, i: number, v: number): void;
  /** Marks step t as targeted and sets its class index ('softmax-xent') or output o's value ('mse'). */
  target(t: number, v: number, o?: number): void;
}

/** Draws one sequence from rng into w. Must consume rng the same way every time for a given state. */
export type WriteSequence = (rng: Rng, w: StepWriter) => void;

export type TaskParts = Omit<Task, 'batch' | 'sample'> & { write: WriteSequence };

/**
 * Builds batch() and sample() from a per-sequence writer. Sequences are drawn one after another
 * from the same rng, so batch(rng, B) equals B successive sample(rng) calls interleaved by time.
 */
export function finishTask(parts: TaskParts): Task {
  const { write, ...task } = parts;
  const batch = (rng: Rng, batchSize: number): Batch => {
    const B = checkInt('batch size', batchSize, LIMITS.batchSize);
    const T = task.length;
    const I = task.inputSize;
    const per = task.loss === 'mse' ? task.outputSize : 1;
    const inputs = new Float32Array(T * B * I);
    const targets = new Float32Array(T * B * per);
    const mask = new Uint8Array(T * B);
    let b = 0;
    const w: StepWriter = {
      input: (t, i, v) => {
        inputs[(t * B + b) * I + i] = v;
      },
      target: (t, v, o = 0) => {
        const r = t * B + b;
        mask[r] = 1;
        targets[r * per + o] = v;
      },
    };
    for (b = 0; b < B; b++) write(rng, w);
    return { length: T, inputSize: I, loss: task.loss, inputs, mask, targets, batchSize: B };
  };
  const sample = (rng: Rng): Sequence => {
    const { batchSize: _unused, ...seq } = batch(rng, 1);
    return seq;
  };
  return { ...task, batch, sample };
}

/** Row of step t of sequence b=0, whether seq is a plain Sequence or a Batch. */
export function firstRow(seq: Sequence, t: number): number {
  const B = (seq as Partial<Batch>).batchSize ?? 1;
  return t * B;
}

/** Checks y is [T*B, O] for batch b and returns T*B. */
export function readoutRows(y: Float32Array, b: Batch, O: number): number {
  const rows = b.length * b.batchSize;
  if (y.length !== rows * O) {
    throw new EngineInputError(`readout must hold T·B·O = ${rows * O} values (got ${y.length})`);
  }
  return rows;
}

export function argmax(y: ArrayLike<number>, offset = 0, n = y.length - offset): number {
  let best = 0;
  for (let o = 1; o < n; o++) if (y[offset + o]! > y[offset + best]!) best = o;
  return best;
}

/** Fraction of targeted rows whose argmax class equals the target (NaN when nothing is targeted). */
export function accuracyMetric(O: number): Task['metric'] {
  return {
    name: 'accuracy',
    higherIsBetter: true,
    compute(y, b) {
      const rows = readoutRows(y, b, O);
      let hit = 0;
      let k = 0;
      for (let r = 0; r < rows; r++) {
        if (!b.mask[r]) continue;
        k++;
        if (argmax(y, r * O, O) === b.targets[r]) hit++;
      }
      return hit / k;
    },
  };
}

/** Mean squared error over targeted rows and outputs: the same number the engine's mse loss reports. */
export function mseMetric(O: number): Task['metric'] {
  return {
    name: 'MSE',
    higherIsBetter: false,
    compute(y, b) {
      const rows = readoutRows(y, b, O);
      let sum = 0;
      let k = 0;
      for (let r = 0; r < rows; r++) {
        if (!b.mask[r]) continue;
        k++;
        for (let o = 0; o < O; o++) sum += (y[r * O + o]! - b.targets[r * O + o]!) ** 2;
      }
      return sum / (k * O);
    },
  };
}

/** Natural-log entropy of a histogram (zero counts contribute nothing). */
export function entropyOfCounts(counts: ArrayLike<number>): number {
  let n = 0;
  for (let i = 0; i < counts.length; i++) n += counts[i]!;
  let h = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c > 0) h -= (c / n) * Math.log(c / n);
  }
  return h;
}

export function binaryEntropy(p: number): number {
  return p <= 0 || p >= 1 ? 0 : -p * Math.log(p) - (1 - p) * Math.log(1 - p);
}

/** Compact number for the strip: two decimals, or three significant digits for big values. */
export function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 1000) return v.toPrecision(3);
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

/** Invisible characters get visible stand-ins so every strip cell shows something. */
export function charLabel(c: string): string {
  if (c === ' ') return '␣';
  if (c === '\n') return '↵';
  if (c === '\t') return '⇥';
  return c;
}
