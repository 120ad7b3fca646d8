/**
 * A hand-written lesson for the reader, fuzz and schema tests, and a seeded mutator that edits it
 * the way a broken or hostile file would (the link tests' mulberry32, so every run sees the same
 * inputs and a failure names a reproducible case).
 */
import type { Lesson } from '../../../src/config/lesson';
import { type Rand, rng } from '../url/random';

export { rng, type Rand };

/** Six steps: no question, then one question of every kind, with views, focus and reveal. */
export const SAMPLE: Lesson = {
  format: 'gatescope.lesson/1',
  title: 'Why the forget gate matters',
  level: 'intermediate',
  summary: 'Watch an Elman network forget, then see what an LSTM keeps.',
  steps: [
    {
      title: 'An Elman network',
      text: 'The hidden state is all this network remembers.',
      view: { cell: 'elman', H: 8, task: 'adding', 'p.length': 60, seed: 3 },
      focus: 'diagram',
    },
    {
      title: 'Which gate is open?',
      text: 'Look at the heatmaps of the LSTM.',
      view: { cell: 'lstm', H: 8, fb: 3, t: 25, unit: 2, gate: 'forget' },
      focus: 'heatmaps',
      reveal: ['heatmaps', 'traces'],
      ask: {
        kind: 'choice',
        prompt: 'Which gate has the largest mean activation?',
        answer: { probe: 'gateExtreme', which: 'largest', units: 'all', from: 1, to: 0 },
        options: ['forget', 'input', 'candidate', 'output'],
      },
    },
    {
      title: 'Where the gradient dies',
      text: 'Follow ‖∂L/∂h‖ back from the loss.',
      view: { cell: 'elman', task: 'adding', scale: 0.8 },
      reveal: ['gradients'],
      ask: {
        kind: 'point',
        prompt: 'Point at the step where the gradient drops below a thousandth of its value.',
        answer: { probe: 'gradDropStep', below: 0.001, relative: true },
        tolerance: 2,
      },
    },
    {
      title: 'How much is lost?',
      text: 'Count the orders of magnitude on the log scale.',
      view: { cell: 'elman' },
      ask: {
        kind: 'number',
        prompt: 'How many orders of magnitude does ‖∂L/∂h‖ lose back to step 1?',
        answer: { probe: 'gradOrders', at: 1 },
        tolerance: { abs: 0.5, rel: 0.2 },
      },
    },
    {
      title: 'The forget gate, in numbers',
      text: 'One unit, a few steps.',
      view: { cell: 'lstm', unit: 4 },
      ask: {
        kind: 'range',
        prompt: 'Between which values does unit 3’s mean forget gate lie?',
        answer: { probe: 'gateMean', of: 'forget', units: 'selected', unit: 3, from: 5, to: 20 },
        maxWidth: 0.3,
      },
    },
    {
      title: 'Predict, then train',
      text: 'All three cells train on the same task.',
      view: { view: 'compare', task: 'copy', 'p.gap': 20 },
      focus: 'compare',
      ask: {
        kind: 'experiment',
        prompt: 'Which cell ends with the lowest loss?',
        answer: { probe: 'bestCell' },
        train: 300,
        options: ['elman', 'lstm', 'gru'],
      },
    },
  ],
};

export const sample = (): Lesson => structuredClone(SAMPLE);

/** Numbers a broken or hostile file might hold. */
const NASTY_NUMBERS = [
  0,
  -0,
  1,
  -1,
  0.5,
  2.5,
  1e-300,
  1e-320,
  1e300,
  Number.MAX_VALUE,
  Number.MIN_VALUE,
  Number.MAX_SAFE_INTEGER + 2,
  NaN,
  Infinity,
  -Infinity,
  41,
  5001,
  1e12,
];

/** Characters that trip parsers and message printing: separators, escapes, awkward unicode. */
const CHARS = [
  ...'aZ09 _-.,:;=&#%+?/\\"\'{}[]',
  '\n',
  '\r',
  '\t',
  '\u0000',
  '\u001b',
  '\u007f',
  '\u00a0',
  '\u2028',
  '\u2029',
  '\u200b',
  '\ufeff',
  'é',
  'e\u0301',
  '中',
  '🙂',
  '👩‍👩‍👧',
  '\ud800',
  '\udfff',
];

/** Words the format and the link know, so a mutation sometimes lands on something meaningful. */
const WORDS = [
  'gatescope.lesson/1',
  'gatescope.lesson/2',
  'beginner',
  'expert',
  'choice',
  'point',
  'number',
  'range',
  'experiment',
  'gateExtreme',
  'gradDropStep',
  'bestCell',
  'beatsBaseline',
  'paramCount',
  'forget',
  'largest',
  'selected',
  'lstm',
  'compare',
  'gradients',
  'true',
  '12',
  'NaN',
];

/** Keys a mutation may add: fields of the format, link keys, and prototype names. */
const KEYS = [
  'format',
  'title',
  'level',
  'summary',
  'steps',
  'text',
  'view',
  'focus',
  'reveal',
  'ask',
  'kind',
  'prompt',
  'answer',
  'options',
  'tolerance',
  'maxWidth',
  'train',
  'probe',
  'below',
  'relative',
  'of',
  'at',
  'unit',
  'abs',
  'rel',
  'cell',
  'H',
  't',
  'tour',
  'Lesson',
  'embed',
  'custom',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '',
  'x\ny',
];

export function randomString(r: Rand, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += r.pick(CHARS);
  return s;
}

/** Sets an own property, even `__proto__` (plain assignment would change the prototype). */
export function setOwn(o: object, key: string, value: unknown) {
  Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}

function deep(depth: number, leaf: unknown): unknown {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = i % 2 ? [v] : { a: v };
  return v;
}

/** A random JSON-ish value (plus NaN, ±Infinity and undefined, which JSON cannot hold). */
export function garbage(r: Rand, depth = 0): unknown {
  switch (r.int(0, depth > 2 ? 6 : 10)) {
    case 0:
      return r.pick(NASTY_NUMBERS);
    case 1:
      return (r.next() - 0.5) * 10 ** r.int(-5, 15);
    case 2:
      return randomString(r, r.int(0, 12));
    case 3:
      return r.pick([null, undefined, true, false]);
    case 4:
      return r.pick(WORDS);
    case 5:
      return r.int(-3, 2000);
    case 6:
      // huge text: over every length limit, or just at one
      return r.pick(['a', '🙂', '\n', 'ab ']).repeat(r.pick([61, 121, 401, 1501, 20_000]));
    case 7:
      return deep(r.int(5, 400), garbage(r, 3));
    case 8:
      return Array.from({ length: r.int(0, 5) }, () => garbage(r, depth + 1));
    default: {
      const o: Record<string, unknown> = {};
      for (let i = r.int(0, 4); i > 0; i--) setOwn(o, r.pick(KEYS), garbage(r, depth + 1));
      return o;
    }
  }
}

/** The same value as another JSON type: text as a number, an object as an array, and so on. */
function retype(r: Rand, v: unknown): unknown {
  if (typeof v === 'string') return r.pick([Number(v), v.length, [v], { v }, v === 'true']);
  if (typeof v === 'number') return r.pick([String(v), [v], v !== 0, { v }]);
  if (typeof v === 'boolean') return r.pick([String(v), Number(v), [v]]);
  if (Array.isArray(v)) return r.pick([Object.fromEntries(v.map((x, i) => [i, x])), v.length, '']);
  if (v && typeof v === 'object')
    return r.pick([Object.values(v), Object.keys(v), JSON.stringify(v)]);
  return garbage(r);
}

type Key = string | number;

/** Every place in a JSON tree, as a path of keys (the root is []). */
export function paths(x: unknown, at: Key[] = [], out: Key[][] = []): Key[][] {
  out.push(at);
  if (Array.isArray(x)) x.forEach((v, i) => paths(v, [...at, i], out));
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) paths(v, [...at, k], out);
  return out;
}

/** A value that keeps the lesson valid most of the time (so accepted lessons vary too). */
function benign(r: Rand, v: unknown): unknown {
  if (typeof v === 'string')
    return v.length > 3 ? `${v.slice(0, -1)}${r.pick(['é', '🙂', ' x'])}` : v;
  if (typeof v === 'number') return Number.isInteger(v) ? v + r.int(0, 2) : v * r.pick([0.5, 2]);
  return v;
}

/** One to four random edits of the sample, at random depths. */
export function mutate(r: Rand, base: unknown = SAMPLE): unknown {
  const root: { v: unknown } = { v: structuredClone(base) };
  for (let n = r.int(1, 4); n > 0; n--) {
    const all = paths(root.v).map((p) => ['v', ...p]);
    const path = r.pick(all);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], root);
    const key = path.at(-1)!;
    const value: unknown = parent[key];
    const op = r.int(0, 9);
    if (op === 0 && Array.isArray(parent)) parent.splice(Number(key), 1);
    else if (op === 0 && key !== 'v') delete parent[key];
    else if (op <= 2) setOwn(parent, String(key), garbage(r));
    else if (op === 3) setOwn(parent, String(key), retype(r, value));
    else if (op === 4 && Array.isArray(value)) value.push(r.chance(0.5) ? garbage(r) : value[0]);
    else if (op === 4 && value && typeof value === 'object')
      setOwn(value, r.pick(KEYS), garbage(r));
    else if (op === 5 && Array.isArray(value)) {
      // more steps (or options) than allowed, or none
      const n = r.pick([0, 9, 41]);
      value.length = 0;
      for (let i = 0; i < n; i++) value.push(structuredClone(SAMPLE.steps[i % 6]));
    } else setOwn(parent, String(key), benign(r, value));
  }
  return root.v;
}
