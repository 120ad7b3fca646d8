/**
 * The user's own sequence: a list of numbers (predict the next number) or any text (predict the
 * next character). There is exactly one sequence, so batches repeat it and rng is not used.
 */
import { LIMITS, EngineInputError } from '../spec';
import type { UnusedPart } from '../unused';
import {
  accuracyMetric,
  argmax,
  charLabel,
  finishTask,
  firstRow,
  formatValue,
  mseMetric,
} from './common';
import { textBaselines, vocabularyOf } from './charlm';
import { TASK_TITLES, type Task } from './types';

/** One more item than steps: T inputs need T + 1 values. */
export const CUSTOM_MAX_ITEMS = LIMITS.length.max + 1;
export const CUSTOM_MAX_DISTINCT = 64;
export const CUSTOM_MAX_ABS = 1e6;

/** The sequence read from the text, and the characters of the text it did not use. */
export type ParsedCustom = (
  { kind: 'numbers'; values: number[] } | { kind: 'chars'; chars: string[]; vocab: string[] }
) & { skipped: UnusedPart[] };

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;
const NON_FINITE = /^[+-]?(inf|infinity|nan)$/i;
/** One comma or semicolon with spaces around it, or spaces alone: ",," leaves an empty item. */
const SEPARATOR = /\s*[,;]\s*|\s+/;

function quote(token: string): string {
  return token.length > 20 ? `'${token.slice(0, 20)}…'` : `'${token}'`;
}

/**
 * Numbers when more than half of the comma/space/newline-separated items look like numbers
 * (so "1, 2, x, 4" is a typo in a list, while "3 apples" is text); characters otherwise.
 * Text is trimmed at both ends, since a stray trailing newline is almost never meant, and a
 * Windows line end counts as one newline; what that leaves out is returned as `skipped`.
 */
export function parseCustom(text: string): ParsedCustom {
  const trimmed = text.replace(/\r\n?/g, '\n').trim();
  if (trimmed === '') {
    throw new EngineInputError(
      'custom text is empty: type at least 2 numbers (like 1, 2, 3) or at least 2 characters',
    );
  }
  const tokens = trimmed.split(SEPARATOR);
  // A separator at either end of a list is punctuation; between two items it leaves an empty one.
  while (tokens[0] === '') tokens.shift();
  while (tokens.at(-1) === '') tokens.pop();
  const items = tokens.filter((s) => s !== '');
  const numeric = items.filter((s) => NUMBER.test(s) || NON_FINITE.test(s)).length;
  if (numeric * 2 > items.length)
    return { kind: 'numbers', values: parseNumbers(tokens), skipped: [] };

  const chars = Array.from(trimmed);
  if (chars.length < 2) {
    throw new EngineInputError(`custom text: need at least 2 characters (got ${chars.length})`);
  }
  if (chars.length > CUSTOM_MAX_ITEMS) {
    throw new EngineInputError(
      `custom text: at most ${CUSTOM_MAX_ITEMS} characters are allowed (got ${chars.length})`,
    );
  }
  const vocab = vocabularyOf(chars);
  if (vocab.length > CUSTOM_MAX_DISTINCT) {
    throw new EngineInputError(
      `custom text: uses ${vocab.length} distinct characters; at most ${CUSTOM_MAX_DISTINCT} are allowed`,
    );
  }
  return { kind: 'chars', chars, vocab, skipped: unusedCharacters(text) };
}

/** What trimming and line-end folding leave out of a text, named by its characters. */
function unusedCharacters(text: string): UnusedPart[] {
  const lead = /^\s*/.exec(text)![0];
  const trail = /\s*$/.exec(text)![0];
  const returns = text.slice(lead.length, text.length - trail.length).split('\r\n').length - 1;
  const part = (chars: string, where: string): UnusedPart => ({
    kind: 'characters',
    name: chars.length > 8 ? `${chars.slice(0, 8)}…` : chars,
    detail: chars.length > 8 ? `${where} (${chars.length} in all)` : where,
  });
  return [
    ...(lead ? [part(lead, 'at the start')] : []),
    ...(trail ? [part(trail, 'at the end')] : []),
    ...(returns > 0
      ? [part('\r', `before ${returns === 1 ? 'a newline' : `${returns} newlines`}`)]
      : []),
  ];
}

function parseNumbers(tokens: string[]): number[] {
  if (tokens.length < 2) {
    throw new EngineInputError(`custom numbers: need at least 2 numbers (got ${tokens.length})`);
  }
  if (tokens.length > CUSTOM_MAX_ITEMS) {
    throw new EngineInputError(
      `custom numbers: at most ${CUSTOM_MAX_ITEMS} numbers are allowed (got ${tokens.length})`,
    );
  }
  return tokens.map((token, i) => {
    if (token === '')
      throw new EngineInputError(
        `custom numbers: item ${i + 1} is empty (two separators in a row after ${quote(tokens[i - 1]!)}); write a number there or remove a separator`,
      );
    const item = `custom numbers: item ${i + 1} (${quote(token)})`;
    if (NON_FINITE.test(token)) throw new EngineInputError(`${item} is not a finite number`);
    if (!NUMBER.test(token)) throw new EngineInputError(`${item} is not a number`);
    const v = Number(token);
    if (!(Math.abs(v) <= CUSTOM_MAX_ABS)) {
      throw new EngineInputError(`${item} is too large: numbers must be within ±${CUSTOM_MAX_ABS}`);
    }
    return v;
  });
}

export function createCustom(text: string): Task {
  const parsed = parseCustom(text);
  return parsed.kind === 'numbers'
    ? numberTask(parsed.values)
    : charTask(parsed.chars, parsed.vocab);
}

function numberTask(values: number[]): Task {
  const T = values.length - 1;
  // Float32 so the baseline is measured on exactly the targets the engine sees.
  const x = Float32Array.from(values);
  const targets = x.subarray(1);
  const mean = targets.reduce((a, b) => a + b, 0) / T;
  const variance = targets.reduce((a, b) => a + (b - mean) ** 2, 0) / T;
  return finishTask({
    id: 'custom',
    title: `${TASK_TITLES.custom}: numbers`,
    description: `Predict each next number of your ${values.length}-number list from the ones before it.`,
    inputSize: 1,
    outputSize: 1,
    loss: 'mse',
    params: {},
    length: T,
    write(_rng, w) {
      for (let t = 0; t < T; t++) {
        w.input(t, 0, x[t]!);
        w.target(t, x[t + 1]!);
      }
    },
    baseline: {
      loss: variance,
      how: `MSE of always predicting the mean of the targets (${formatValue(mean)}), i.e. their variance.`,
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

function charTask(chars: string[], vocab: string[]): Task {
  const T = chars.length - 1;
  const V = vocab.length;
  const codes = chars.map((c) => vocab.indexOf(c));
  const baselines = textBaselines(codes.slice(0, T), codes.slice(1), V, 'your text');
  return finishTask({
    id: 'custom',
    title: `${TASK_TITLES.custom}: text`,
    description: `Predict each next character of your ${chars.length}-character text from the ones before it.`,
    inputSize: V,
    outputSize: V,
    loss: 'softmax-xent',
    params: {},
    length: T,
    write(_rng, w) {
      for (let t = 0; t < T; t++) {
        w.input(t, codes[t]!, 1);
        w.target(t, codes[t + 1]!);
      }
    },
    baseline: baselines.unigram,
    inputOnlyBaseline: baselines.bigram,
    metric: accuracyMetric(V),
    inputLabel: (seq, t) => charLabel(vocab[argmax(seq.inputs, firstRow(seq, t) * V, V)]!),
    targetLabel(seq, t) {
      const r = firstRow(seq, t);
      return seq.mask[r] ? charLabel(vocab[seq.targets[r]!]!) : '';
    },
    outputLabel: (y) => charLabel(vocab[argmax(y)]!),
  });
}
