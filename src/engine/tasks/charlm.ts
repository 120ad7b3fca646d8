/**
 * Character-level language modelling on the built-in corpus: read a window of text one character
 * at a time and predict the next character at every step.
 */
import { accuracyMetric, argmax, charLabel, entropyOfCounts, finishTask, firstRow } from './common';
import { CORPUS } from './corpus';
import { type Baseline, type Task, TASK_TITLES } from './types';

/** Distinct characters of a text (by code point), sorted so indices are stable across runs. */
export function vocabularyOf(chars: readonly string[]): string[] {
  return [...new Set(chars)].sort();
}

/** Unigram entropy of the targets, and the conditional entropy of a target given its input (bigram). */
export function textBaselines(
  inputs: readonly number[],
  targets: readonly number[],
  V: number,
  what: string,
): { unigram: Baseline; bigram: Baseline } {
  const counts = new Array<number>(V).fill(0);
  const pairs = new Array<number>(V * V).fill(0);
  for (let i = 0; i < targets.length; i++) {
    counts[targets[i]!]!++;
    pairs[inputs[i]! * V + targets[i]!]!++;
  }
  // H(next | current) = Σ_c P(c) · H(next | current = c).
  let bigram = 0;
  for (let c = 0; c < V; c++) {
    const row = pairs.slice(c * V, (c + 1) * V);
    const n = row.reduce((a, b) => a + b, 0);
    if (n > 0) bigram += (n / targets.length) * entropyOfCounts(row);
  }
  return {
    unigram: {
      loss: entropyOfCounts(counts),
      how: `Unigram entropy of ${what}, exact from character counts: the best guess that ignores the input.`,
    },
    bigram: {
      loss: bigram,
      how: `Conditional entropy of the next character given the current one over ${what}, exact from pair counts (a bigram model).`,
    },
  };
}

const CORPUS_CHARS = Array.from(CORPUS);
const VOCAB = vocabularyOf(CORPUS_CHARS);
const CODES = CORPUS_CHARS.map((c) => VOCAB.indexOf(c));
const N = CODES.length;
// Windows wrap around the corpus, so every target is a uniformly chosen corpus position and the
// unigram/bigram statistics of the whole (circular) corpus are exactly those of the targets.
const BASELINES = textBaselines(
  CODES,
  CODES.map((_, i) => CODES[(i + 1) % N]!),
  VOCAB.length,
  'the corpus',
);

export const CHARLM_VOCAB: readonly string[] = VOCAB;

export function createCharLm(params: Readonly<Record<string, number>>): Task {
  const T = params.length!;
  const V = VOCAB.length;
  return finishTask({
    id: 'charlm',
    title: TASK_TITLES.charlm,
    description:
      'Read a short passage about weather, gardens and trains one character at a time and predict ' +
      'the next character at every step; good guesses need the word so far, not just the last letter.',
    inputSize: V,
    outputSize: V,
    loss: 'softmax-xent',
    params,
    length: T,
    write(rng, w) {
      const start = rng.int(N);
      for (let t = 0; t < T; t++) {
        w.input(t, CODES[(start + t) % N]!, 1);
        w.target(t, CODES[(start + t + 1) % N]!);
      }
    },
    baseline: BASELINES.unigram,
    inputOnlyBaseline: BASELINES.bigram,
    metric: accuracyMetric(V),
    inputLabel: (seq, t) => charLabel(VOCAB[argmax(seq.inputs, firstRow(seq, t) * V, V)]!),
    targetLabel(seq, t) {
      const r = firstRow(seq, t);
      return seq.mask[r] ? charLabel(VOCAB[seq.targets[r]!]!) : '';
    },
    outputLabel: (y) => charLabel(VOCAB[argmax(y)]!),
  });
}
