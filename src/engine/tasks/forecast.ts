/**
 * One-step-ahead forecasting of a noisy sum of sines with a slight trend. Frequencies and phases
 * change every sequence, so the network must infer them from the recent past to predict well.
 */
import { Rng } from '../rng';
import { finishTask, firstRow, formatValue, mseMetric } from './common';
import { type Task, TASK_TITLES } from './types';

/** Periods between 8 and 40 steps: several cycles fit in a default window, none alias. */
const MIN_PERIOD = 8;
const MAX_PERIOD = 40;
const MIN_AMP = 0.3;
const MAX_AMP = 0.7;
/** The trend moves the signal by at most this much over a whole window, whatever T is. */
const MAX_DRIFT = 0.5;

const BASELINE_SEQUENCES = 2000;
const BASELINE_SEED = 0x5eed_f0ca;
const PAIRS_PER_SEQUENCE = 100;

interface Shape {
  freq: number[];
  amp: number[];
  phase: number[];
  slope: number;
  half: number;
}

function drawShape(rng: Rng, T: number, waves: number): Shape {
  const shape: Shape = { freq: [], amp: [], phase: [], slope: 0, half: T / 2 };
  for (let j = 0; j < waves; j++) {
    shape.freq.push((2 * Math.PI) / rng.uniform(MIN_PERIOD, MAX_PERIOD));
    shape.amp.push(rng.uniform(MIN_AMP, MAX_AMP));
    shape.phase.push(rng.uniform(0, 2 * Math.PI));
  }
  // Centred on the middle of the window so the trend does not shift the signal's mean.
  shape.slope = (rng.uniform(-1, 1) * MAX_DRIFT) / T;
  return shape;
}

/** The noiseless signal at step t. */
function clean(s: Shape, t: number): number {
  let v = s.slope * (t - s.half);
  for (let j = 0; j < s.freq.length; j++) v += s.amp[j]! * Math.sin(s.freq[j]! * t + s.phase[j]!);
  return v;
}

/** Draws x_0..x_T (T + 1 samples, float32-rounded like the batch stores them). */
export function forecastSignal(rng: Rng, T: number, waves: number, noise: number): Float32Array {
  const shape = drawShape(rng, T, waves);
  const x = new Float32Array(T + 1);
  for (let t = 0; t <= T; t++) x[t] = clean(shape, t) + noise * rng.normal();
  return x;
}

/**
 * Least-squares fit of x_{t+1} ≈ α + β·x_t pooled over steps of a fixed seeded sample. This is
 * the best *linear* memoryless predictor; it includes both "predict the mean" (β = 0) and
 * "repeat the last value" (α = 0, β = 1), so it is at least as strong as either. Each sequence
 * contributes pairs at up to PAIRS_PER_SEQUENCE uniformly drawn steps (noise is iid, so a pair
 * can be drawn without the rest of the sequence), which keeps T = 1000 fast enough for a slider.
 */
function linearBaseline(T: number, waves: number, noise: number): number {
  const rng = new Rng(BASELINE_SEED);
  const pairs = Math.min(T, PAIRS_PER_SEQUENCE);
  let n = 0;
  let sx = 0;
  let sy = 0;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (let s = 0; s < BASELINE_SEQUENCES; s++) {
    const shape = drawShape(rng, T, waves);
    for (let k = 0; k < pairs; k++) {
      // All T steps when they fit, else a uniform draw: either way every step is equally likely.
      const t = pairs === T ? k : rng.int(T);
      const a = Math.fround(clean(shape, t) + noise * rng.normal());
      const b = Math.fround(clean(shape, t + 1) + noise * rng.normal());
      n++;
      sx += a;
      sy += b;
      sxx += a * a;
      sxy += a * b;
      syy += b * b;
    }
  }
  const vx = sxx / n - (sx / n) ** 2;
  const vy = syy / n - (sy / n) ** 2;
  const cxy = sxy / n - (sx / n) * (sy / n);
  return vx > 0 ? vy - (cxy * cxy) / vx : vy;
}

// createTask runs on every slider move; the Monte Carlo fit only depends on these three numbers.
const baselineCache = new Map<string, number>();

function cachedBaseline(T: number, waves: number, noise: number): number {
  const key = `${T}/${waves}/${noise}`;
  let v = baselineCache.get(key);
  if (v === undefined) {
    v = linearBaseline(T, waves, noise);
    // Bounded so a long session of slider moves cannot grow it without limit (Maps iterate oldest first).
    if (baselineCache.size >= 64) baselineCache.delete(baselineCache.keys().next().value!);
    baselineCache.set(key, v);
  }
  return v;
}

/** Input x_t, target x_{t+1} at every step, both on one channel. */
export function createForecast(params: Readonly<Record<string, number>>): Task {
  const T = params.length!;
  const waves = params.waves!;
  const noise = params.noise!;
  return finishTask({
    id: 'forecast',
    title: TASK_TITLES.forecast,
    description:
      `At every step, predict the next value of a noisy sum of ${waves} sine${waves === 1 ? '' : 's'} ` +
      'whose frequencies and phases are new in each sequence. One value alone cannot tell rising from falling.',
    inputSize: 1,
    outputSize: 1,
    loss: 'mse',
    params,
    length: T,
    write(rng, w) {
      const x = forecastSignal(rng, T, waves, noise);
      for (let t = 0; t < T; t++) {
        w.input(t, 0, x[t]!);
        w.target(t, x[t + 1]!);
      }
    },
    baseline: {
      loss: cachedBaseline(T, waves, noise),
      how:
        `MSE of the best linear predictor from x_t alone (x_{t+1} ≈ α + β·x_t), fit by least squares on ` +
        `${BASELINE_SEQUENCES} sequences from a fixed seed (Monte Carlo); it beats both "predict the mean" and "repeat the last value".`,
    },
    metric: mseMetric(1),
    inputLabel: (seq, t) => formatValue(seq.inputs[firstRow(seq, t)]!),
    targetLabel(seq, t) {
      const r = firstRow(seq, t);
      return seq.mask[r] ? formatValue(seq.targets[r]!) : '';
    },
    outputLabel: (y) => formatValue(y[0]!),
  });
}
