/**
 * Seeded generators for the fuzz tests (no dependency: the link tests' mulberry32). Every run
 * sees the same inputs, so a failure names a reproducible case and the counts in
 * docs/reliability.md stay true.
 */
import { EngineInputError } from '../../../src/engine/spec';
import { rng } from '../url/random';

export type Rand = ReturnType<typeof rng>;
export { rng };

/** Numbers a hostile or broken file might hold. */
const NASTY_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  1e-45,
  3.4e38,
  3.5e38,
  1e39,
  -1e308,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER,
  NaN,
  Infinity,
  -Infinity,
  2 ** 31,
  -(2 ** 31),
  257,
  256,
  1.5,
  4.0000001,
];

/** A random JSON-ish value: what JSON.parse can give, plus NaN/Infinity/undefined. */
export function garbage(r: Rand, depth = 0): unknown {
  const k = r.int(0, depth > 3 ? 5 : 9);
  switch (k) {
    case 0:
      return r.pick(NASTY_NUMBERS);
    case 1:
      return (r.next() - 0.5) * 10 ** r.int(-3, 40);
    case 2:
      return randomString(r, r.int(0, 12));
    case 3:
      return r.pick([null, undefined, true, false]);
    case 4:
      return r.pick(['pytorch', 'keras', 'lstm', 'gru', 'elman', 'gatescope.weights/1', '4']);
    case 5:
      return r.int(-3, 300);
    case 6:
    case 7:
      return Array.from({ length: r.int(0, 5) }, () => garbage(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(0, 5); i > 0; i--) o[r.pick(KEYS)] = garbage(r, depth + 1);
      return o;
    }
  }
}

const KEYS = [
  'format',
  'layout',
  'cell',
  'gruVariant',
  'inputSize',
  'hiddenSize',
  'outputSize',
  'tensors',
  'weight_ih_l0',
  'weight_hh_l0',
  'bias_ih_l0',
  'bias_hh_l0',
  'readout.weight',
  'readout.bias',
  'kernel',
  'recurrent_kernel',
  'bias',
  'readout.kernel',
  '__proto__',
  'constructor',
  'x',
];

/** Characters chosen to hit tokenizers: digits, signs, separators, words, and awkward unicode. */
const ALPHABET = [
  ...'0123456789',
  '-',
  '+',
  '.',
  'e',
  'E',
  ',',
  ';',
  ' ',
  '\n',
  '\r',
  '\t',
  'x',
  'a',
  'ab',
  'inf',
  'Infinity',
  'NaN',
  'nan',
  '1e999',
  '0x1F',
  '½',
  '٣',
  '\u00a0',
  '\u2028',
  '\u200b',
  '\u0000',
  'é',
  'e\u0301',
  '漢',
  '😀',
  '👩‍👩‍👧',
  '\ud800',
  '\udfff',
  '{',
  '}',
  '[',
  ']',
  '"',
  ':',
];

export function randomString(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(ALPHABET);
  return s;
}

/** Runs `fn`, returning true if it accepted; a rejection must be a reasoned EngineInputError. */
export function acceptsOrExplains(fn: () => void, input: () => string): boolean {
  try {
    fn();
    return true;
  } catch (e) {
    if (!(e instanceof EngineInputError)) {
      throw new Error(`non-EngineInputError escaped for ${input()}: ${String(e)}`, { cause: e });
    }
    if (e.message.trim() === '') throw new Error(`empty rejection message for ${input()}`);
    return false;
  }
}

/** A short, printable description of a fuzz input for failure messages. */
export function show(x: unknown): string {
  let s: string;
  try {
    s = typeof x === 'string' ? JSON.stringify(x) : (JSON.stringify(x) ?? String(x));
  } catch {
    s = String(x);
  }
  return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
}

/** One line per target, only when asked (FUZZ_REPORT=1): the counts docs/reliability.md cites. */
export function report(target: string, accepted: number, rejected: number) {
  if (process.env.FUZZ_REPORT)
    console.info(`fuzz ${target}: ${accepted} accepted, ${rejected} rejected`);
}
