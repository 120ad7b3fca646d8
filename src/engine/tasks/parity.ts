/**
 * Parity (running XOR) of a bit stream, answered once at the end. Only one bit of state is needed,
 * but it must be updated correctly at every step, and no single bit says anything about the answer.
 */
import { accuracyMetric, argmax, finishTask, firstRow } from './common';
import { type Task, TASK_TITLES } from './types';

/** Input: one channel holding the bit as 0 or 1. Output: class 0 = even count of ones, 1 = odd. */
export function createParity(params: Readonly<Record<string, number>>): Task {
  const T = params.length!;
  return finishTask({
    id: 'parity',
    title: TASK_TITLES.parity,
    description:
      'Read a stream of bits and say at the end whether it held an odd number of ones. The memory ' +
      'needed is a single bit, yet every input flips it, and the only feedback comes at the last step.',
    inputSize: 1,
    outputSize: 2,
    loss: 'softmax-xent',
    params,
    length: T,
    write(rng, w) {
      let parity = 0;
      for (let t = 0; t < T; t++) {
        const bit = rng.int(2);
        w.input(t, 0, bit);
        parity ^= bit;
      }
      w.target(T - 1, parity);
    },
    baseline: {
      loss: Math.LN2,
      how: 'The parity of iid fair bits is independent of any single bit, so without memory the best guess is 50/50: ln 2.',
    },
    metric: accuracyMetric(2),
    inputLabel: (seq, t) => String(seq.inputs[firstRow(seq, t)]),
    targetLabel(seq, t) {
      const r = firstRow(seq, t);
      return seq.mask[r] ? parityName(seq.targets[r]!) : '';
    },
    outputLabel: (y) => parityName(argmax(y)),
  });
}

function parityName(c: number): string {
  return c === 1 ? 'odd' : 'even';
}
