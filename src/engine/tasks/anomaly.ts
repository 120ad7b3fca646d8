/**
 * Anomaly detection on a sensor-like stream: a wandering baseline plus a slow sine and noise, with
 * spikes and level shifts injected at random steps. An anomaly is a jump relative to the recent
 * past, so the absolute value of x_t says little on its own.
 */
import { argmax, binaryEntropy, finishTask, firstRow, formatValue, readoutRows } from './common';
import { type Task, TASK_TITLES } from './types';

const NOISE = 0.05;
/** AR(1) drift: smooth, wanders (stationary sd ≈ 0.16) but never runs away on long sequences. */
const DRIFT_KEEP = 0.95;
const DRIFT_STEP = 0.05;
const MIN_JUMP = 0.8;
const MAX_JUMP = 1.5;
/** Past this offset, level shifts push back toward zero so long streams stay in a sane input range. */
const SHIFT_LIMIT = 1.5;

export const NORMAL = 0;
export const ANOMALY = 1;

/**
 * Events start independently with probability `rate` at each step t ≥ 1 (step 0 has no past to
 * jump from). Half are one-step spikes, half persistent level shifts; only the step where the
 * jump happens is labelled anomalous, so the exact anomaly fraction is rate·(T−1)/T.
 */
export function createAnomaly(params: Readonly<Record<string, number>>): Task {
  const T = params.length!;
  const rate = params.rate!;
  const prior = (rate * (T - 1)) / T;
  return finishTask({
    id: 'anomaly',
    title: TASK_TITLES.anomaly,
    description:
      'A sensor drifts slowly; now and then it spikes or jumps to a new level. Flag every step where ' +
      'that happens: a jump only stands out against what came just before.',
    inputSize: 1,
    outputSize: 2,
    loss: 'softmax-xent',
    params,
    length: T,
    write(rng, w) {
      const period = rng.uniform(20, 60);
      const amp = rng.uniform(0.3, 0.6);
      const phase = rng.uniform(0, 2 * Math.PI);
      let drift = 0;
      let shift = 0;
      for (let t = 0; t < T; t++) {
        drift = DRIFT_KEEP * drift + DRIFT_STEP * rng.normal();
        let spike = 0;
        let label = NORMAL;
        if (t > 0 && rng.next() < rate) {
          label = ANOMALY;
          const isSpike = rng.next() < 0.5;
          const size = rng.uniform(MIN_JUMP, MAX_JUMP);
          const sign = rng.next() < 0.5 ? -1 : 1;
          if (isSpike) spike = sign * size;
          else shift += Math.abs(shift) > SHIFT_LIMIT ? -Math.sign(shift) * size : sign * size;
        }
        const x = amp * Math.sin((2 * Math.PI * t) / period + phase) + drift + shift + spike;
        w.input(t, 0, x + NOISE * rng.normal());
        w.target(t, label);
      }
    },
    baseline: {
      loss: binaryEntropy(prior),
      how:
        `Predicting the exact anomaly prior p = rate·(T−1)/T = ${prior.toFixed(4)} at every step ` +
        'gives cross-entropy H(p) = −p ln p − (1−p) ln(1−p); this ignores x_t, which alone says little.',
    },
    metric: {
      name: 'F1 (anomaly)',
      higherIsBetter: true,
      compute(y, b) {
        const rows = readoutRows(y, b, 2);
        let tp = 0;
        let fp = 0;
        let fn = 0;
        for (let r = 0; r < rows; r++) {
          if (!b.mask[r]) continue;
          const predicted = argmax(y, r * 2, 2) === ANOMALY;
          const actual = b.targets[r] === ANOMALY;
          if (predicted && actual) tp++;
          else if (predicted) fp++;
          else if (actual) fn++;
        }
        // Nothing to find and nothing flagged is a perfect score, not 0/0.
        return tp + fp + fn === 0 ? 1 : (2 * tp) / (2 * tp + fp + fn);
      },
    },
    inputLabel: (seq, t) => formatValue(seq.inputs[firstRow(seq, t)]!),
    targetLabel(seq, t) {
      const r = firstRow(seq, t);
      return seq.mask[r] ? className(seq.targets[r]!) : '';
    },
    outputLabel: (y) => className(argmax(y)),
  });
}

function className(c: number): string {
  return c === ANOMALY ? 'anomaly' : 'ok';
}
