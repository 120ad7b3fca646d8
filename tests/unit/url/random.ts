/** Seeded random states and garbage for the link tests (no dependency: mulberry32). */
import { MICRO_OP_IDS } from '../../../src/config/microOps';
import { TASK_IDS, TASK_PARAMS } from '../../../src/engine/tasks/task';
import {
  CLAMPABLE,
  type ClampableGate,
  DEFAULT_CONFIG,
  KNOBS,
  clampKnob,
  clampTaskParams,
} from '../../../src/config/config';
import { EMBED_IDS, PANEL_IDS } from '../../../src/store/ui';
import { selectableRows } from '../../../src/config/selection';
import { DEFAULT_URL_STATE, type UrlState, cloneState } from '../../../src/store/url/state';

export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[int(0, xs.length - 1)]!;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
export type Rand = ReturnType<typeof rng>;

function knob(r: Rand, key: keyof typeof KNOBS): number {
  const k = KNOBS[key];
  return clampKnob(key, k.min + k.step * r.int(0, Math.round((k.max - k.min) / k.step)));
}

/** Characters a custom text may hold, including ones a URL must escape. */
const TEXT_CHARS = [...'abcdefghij XYZ&=#%+?/.,;:!é中🙂\n'];

function customText(r: Rand): string {
  const n = r.int(2, 120);
  const inner = Array.from({ length: n }, () => r.pick(TEXT_CHARS)).join('');
  return `a${inner}b`; // letters at both ends: never empty after trimming, never a number list
}

/** A random state every field of which a link can express. */
export function randomState(r: Rand): UrlState {
  const s = cloneState(DEFAULT_URL_STATE);
  const c = s.config;
  c.cell = r.pick(['elman', 'lstm', 'gru'] as const);
  c.gruVariant = r.pick(['reset-after', 'reset-before'] as const);
  c.activation = r.pick(['tanh', 'relu'] as const);
  c.hiddenSize = knob(r, 'hiddenSize');
  c.task = r.pick(TASK_IDS);
  const raw: Record<string, number> = {};
  for (const p of TASK_PARAMS[c.task])
    if (r.chance(0.7)) raw[p.key] = p.min + p.step * r.int(0, Math.round((p.max - p.min) / p.step));
  c.taskParams = clampTaskParams(c.task, raw);
  c.customText = r.chance(0.5) ? customText(r) : DEFAULT_CONFIG.customText;
  c.seed = knob(r, 'seed');
  c.weights = r.pick(['random', 'trained'] as const);
  c.recurrentScale = knob(r, 'recurrentScale');
  c.forgetBias = knob(r, 'forgetBias');
  c.clampGate = r.pick(['', ...(Object.keys(CLAMPABLE) as ClampableGate[])]);
  c.clampValue = knob(r, 'clampValue');
  c.clampFrom = knob(r, 'clampFrom');
  c.clampTo = knob(r, 'clampTo');
  s.t = r.int(0, 999);
  s.selection = {
    unit: r.int(0, c.hiddenSize - 1),
    gate: r.chance(0.5) ? null : r.pick(selectableRows(c.cell)),
    from: r.chance(0.5) ? null : r.int(0, 999),
  };
  s.microOp = r.chance(0.5) ? null : r.pick(MICRO_OP_IDS[c.cell]);
  s.compareOpen = r.chance(0.5);
  s.tourStep = r.chance(0.5) ? null : r.int(0, 98);
  s.teacher = r.pick(['off', 'captions', 'play'] as const);
  s.embed = r.chance(0.5) ? null : r.pick(EMBED_IDS);
  s.presenting = r.chance(0.5);
  s.focusPanel = r.pick(PANEL_IDS);
  s.backend = r.pick([null, 'cpu', 'wasm', 'webgl'] as const);
  return s;
}

/** What a link keeps of a state: params at their default and unused custom text drop out. */
export function canonical(s: UrlState): UrlState {
  const c = cloneState(s);
  if (c.config.task !== 'custom') c.config.customText = DEFAULT_CONFIG.customText;
  for (const p of TASK_PARAMS[c.config.task])
    if (c.config.taskParams[p.key] === p.default) delete c.config.taskParams[p.key];
  return c;
}

const KEYS = ['cell', 'H', 'h', 'task', 'p.length', 'p.gap', 'p.noise', 'custom', 'seed', 't'];
const MORE_KEYS = [
  ...['unit', 'gate', 'view', 'tour', 'teacher', 'embed', 'present', 'clamp', 'fb'],
  ...['w', 'wid', 'WID'],
];
const VALUES = [
  '',
  '2028f62b',
  '#2028F62B',
  'imported',
  'abc',
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-1e309',
  '1e-400',
  '0',
  '-0',
  '-1',
  '3.7',
  '9'.repeat(400),
  '0x10',
  '1_000',
  ' 8 ',
  '8px',
  'lstm',
  'LSTM',
  'transformer',
  'gru',
  'forget',
  'compare',
  'play',
  '%',
  '%E0%A4%A',
  '%zz',
  '%00',
  '中文',
  '🙂',
  '<script>alert(1)</script>',
  'a=b=c',
  '#',
  '?x=1',
  'null',
  'undefined',
  '[]',
  '{}',
  'true',
  'constructor',
  '__proto__',
];
const JUNK = [...'abcxyz019=&#%?+-._~ \t\n\\/"\'<>中🙂'];

/** One garbage hash: random junk, or known keys with hostile values, repeats and bare keys. */
export function garbageHash(r: Rand): string {
  const mode = r.int(0, 3);
  if (mode === 0) return Array.from({ length: r.int(0, 200) }, () => r.pick(JUNK)).join('');
  const parts = Array.from({ length: r.int(1, 30) }, () => {
    const key = r.chance(0.1)
      ? Array.from({ length: r.int(1, 8) }, () => r.pick(JUNK)).join('')
      : r.pick(r.chance(0.6) ? KEYS : MORE_KEYS);
    if (r.chance(0.1)) return key; // no '='
    const value = r.chance(0.8) ? r.pick(VALUES) : String(r.next() * 10 ** r.int(-5, 320));
    return `${key}=${r.chance(0.3) ? encodeURIComponent(value) : value}`;
  });
  if (mode === 3) parts.push(...parts); // every key repeated
  return (r.chance(0.5) ? '#' : '') + parts.join(r.chance(0.9) ? '&' : '&&');
}
