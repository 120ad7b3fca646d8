/**
 * Copy / delayed recall: see k symbols, wait through a blank gap, then on a "go" marker repeat
 * them in order. The gap length sets how long the memory must survive untouched.
 */
import { LIMITS } from '../spec';
import { accuracyMetric, argmax, finishTask, firstRow } from './common';
import { type Task, TASK_TITLES } from './types';

/** Symbol s is shown as letter A + s; blank and go have their own input channels after the symbols. */
export function symbolName(s: number): string {
  return String.fromCharCode(65 + s);
}

/**
 * Layout over T = k + gap + 1 + k steps:
 *   steps 0..k-1           one-hot symbol (untargeted)
 *   steps k..k+gap-1       blank (untargeted)
 *   step  k+gap            go marker (untargeted)
 *   steps k+gap+1..T-1     blank input; target = the symbols in the order shown
 * Input channels: 0..S-1 symbols, S blank, S+1 go. Output classes: the S symbols.
 */
export function createCopy(params: Readonly<Record<string, number>>): Task {
  const S = params.symbols!;
  const k = params.items!;
  const gap = params.gap!;
  const T = Math.min(k + gap + 1 + k, LIMITS.length.max);
  const BLANK = S;
  const GO = S + 1;
  const I = S + 2;
  const goStep = k + gap;
  return finishTask({
    id: 'copy',
    title: TASK_TITLES.copy,
    description:
      `Memorise ${k} symbol${k === 1 ? '' : 's'}, wait ${gap} blank step${gap === 1 ? '' : 's'}, ` +
      'then after the go marker repeat them in the same order. Nothing in the recall phase hints at the answer.',
    inputSize: I,
    outputSize: S,
    loss: 'softmax-xent',
    params,
    length: T,
    write(rng, w) {
      for (let j = 0; j < k; j++) {
        const s = rng.int(S);
        w.input(j, s, 1);
        w.target(goStep + 1 + j, s);
      }
      for (let t = k; t < goStep; t++) w.input(t, BLANK, 1);
      w.input(goStep, GO, 1);
      for (let t = goStep + 1; t < T; t++) w.input(t, BLANK, 1);
    },
    baseline: {
      loss: Math.log(S),
      how:
        `Recall-phase inputs are always blank and the symbols are iid uniform, so without memory ` +
        `the best guess is uniform: cross-entropy ln(${S}).`,
    },
    metric: accuracyMetric(S),
    inputLabel(seq, t) {
      const c = argmax(seq.inputs, firstRow(seq, t) * I, I);
      if (c === BLANK) return '·';
      if (c === GO) return 'go';
      return symbolName(c);
    },
    targetLabel(seq, t) {
      const r = firstRow(seq, t);
      return seq.mask[r] ? symbolName(seq.targets[r]!) : '';
    },
    outputLabel: (y) => symbolName(argmax(y)),
  });
}
