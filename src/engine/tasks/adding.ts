/**
 * The adding problem (Hochreiter & Schmidhuber 1997): remember two marked values among T random
 * ones and output their sum at the end. Long gaps between the marks and the answer are the point.
 */
import { finishTask, firstRow, formatValue, mseMetric } from './common';
import { type Task, TASK_TITLES } from './types';

/** Input channels: 0 = value ~ U[0, 1), 1 = marker (1 on the two steps whose values count). */
export const ADDING_VALUE = 0;
export const ADDING_MARKER = 1;

/**
 * Marker convention: with h = floor(T/2), the first marker is uniform over steps 0..h-1 and the
 * second over steps h..T-1, so every sequence has exactly two and at least one sits far from the end.
 */
export function createAdding(params: Readonly<Record<string, number>>): Task {
  const T = params.length!;
  const half = Math.floor(T / 2);
  return finishTask({
    id: 'adding',
    title: TASK_TITLES.adding,
    description:
      'Each step shows a random number and a marker bit. At the last step, output the sum of the ' +
      'two marked numbers: one mark is in the first half and one in the second, so it must be remembered.',
    inputSize: 2,
    outputSize: 1,
    loss: 'mse',
    params,
    length: T,
    write(rng, w) {
      // Float32 so the target is the sum of exactly the values the network is shown.
      const values = new Float32Array(T);
      for (let t = 0; t < T; t++) {
        values[t] = rng.next();
        w.input(t, ADDING_VALUE, values[t]!);
      }
      const a = rng.int(half);
      const b = half + rng.int(T - half);
      w.input(a, ADDING_MARKER, 1);
      w.input(b, ADDING_MARKER, 1);
      w.target(T - 1, values[a]! + values[b]!);
    },
    baseline: {
      loss: 1 / 6,
      how: 'Predicting the constant mean sum 1 gives MSE = Var(u1 + u2) = 2·(1/12) = 1/6.',
    },
    metric: mseMetric(1),
    inputLabel(seq, t) {
      const r = firstRow(seq, t) * 2;
      const v = formatValue(seq.inputs[r + ADDING_VALUE]!);
      return seq.inputs[r + ADDING_MARKER] ? `${v}*` : v;
    },
    targetLabel(seq, t) {
      const r = firstRow(seq, t);
      return seq.mask[r] ? formatValue(seq.targets[r]!) : '';
    },
    outputLabel: (y) => formatValue(y[0]!),
  });
}
