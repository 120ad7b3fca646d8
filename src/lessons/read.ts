/**
 * Reads a lesson (gatescope.lesson/1) from untrusted JSON: a file, a link, the editor. Strict:
 * an unknown field is a typo, not something to ignore. Each step's view is checked by the link
 * parser itself, so a lesson can hold exactly what a link can. Never throws; a rejection is one
 * line naming the part ("steps[2].ask.answer.below: must be a number from … to …").
 */
import {
  LESSON_FORMAT,
  LESSON_LEVELS,
  LESSON_LIMITS as LIM,
  type Lesson,
  type LessonStep,
  type ProbeRef,
  QUESTION_KINDS,
  type Question,
} from '../config/lesson';
import { EMBED_IDS, PANEL_IDS } from '../store/ui';
import { formatIssue, parseHash } from '../store/url/hash';
import { ANSWER_OF, PROBES, PROBE_NAMES } from './probes';

export type LessonRead = { ok: true; lesson: Lesson } | { ok: false; error: string };

/** A lesson file larger than this is not read (a 40-step lesson is about 30 kB). */
export const LESSON_BYTES_MAX = 256 * 1024;

/** Link keys a lesson step may not set: they belong to the page, the reader or the tour. */
export const VIEW_KEYS_NOT_ALLOWED = [
  'tour',
  'embed',
  'backend',
  'wid',
  'teacher',
  'present',
  'lesson',
  'lstep',
];

/** A rejection is shown on one line: no message is longer than this. */
export const LESSON_ERROR_MAX = 280;

/** One short line: control characters and line separators (a key may hold them) as `\u` escapes. */
function oneLine(message: string): string {
  const flat = message.replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u001f\u007f\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
  return flat.length > LESSON_ERROR_MAX ? `${flat.slice(0, LESSON_ERROR_MAX - 1)}…` : flat;
}

class Reject extends Error {}
const fail = (path: string, what: string): never => {
  throw new Reject(oneLine(`${path}: ${what}`));
};

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, path: string, allowed: readonly string[]): Obj {
  if (!isObj(v)) return fail(path, 'must be an object');
  for (const k of Object.keys(v))
    if (!allowed.includes(k))
      fail(path, `unknown field "${k.slice(0, 40)}" (allowed: ${allowed.join(', ')})`);
  return v;
}

function text(v: unknown, path: string, max: number, empty = false): string {
  if (typeof v !== 'string') return fail(path, 'must be text');
  if (!empty && v.trim() === '') fail(path, 'must not be empty');
  if (v.length > max) fail(path, `is ${v.length} characters; at most ${max}`);
  return v;
}

function num(v: unknown, path: string, min: number, max: number, integer = false): number {
  if (
    typeof v !== 'number' ||
    !Number.isFinite(v) ||
    v < min ||
    v > max ||
    (integer && !Number.isInteger(v))
  )
    return fail(path, `must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}`);
  return v;
}

function oneOf<V extends string>(v: unknown, path: string, values: readonly V[]): V {
  if (typeof v !== 'string' || !values.includes(v as V))
    return fail(path, `must be one of ${values.join(', ')}`);
  return v as V;
}

const wellFormed = (t: string) => !/\p{Surrogate}/u.test(t);

/** The link hash a step's view means (values written as the link writes them). */
export function viewHash(view: Record<string, string | number | boolean>): string {
  return Object.entries(view)
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`)
    .join('&');
}

function readView(v: unknown, path: string): LessonStep['view'] {
  if (!isObj(v)) return fail(path, 'must be an object of link keys and values');
  const keys = Object.keys(v);
  if (keys.length > 60) fail(path, `has ${keys.length} keys; at most 60`);
  for (const k of keys) {
    const val = v[k];
    if (
      !['string', 'number', 'boolean'].includes(typeof val) ||
      (typeof val === 'number' && !Number.isFinite(val))
    )
      fail(`${path}.${k.slice(0, 40)}`, 'must be text, a number or true/false');
    if (VIEW_KEYS_NOT_ALLOWED.includes(k.toLowerCase()))
      fail(`${path}.${k}`, 'a lesson step cannot set this key');
    // A lone UTF-16 surrogate cannot be written into a link (encodeURIComponent throws on it).
    if (!wellFormed(k) || !wellFormed(String(val)))
      fail(`${path}.${k.slice(0, 40)}`, 'holds a broken character (half of a UTF-16 pair)');
  }
  const view = v as LessonStep['view'];
  const issue = parseHash(viewHash(view)).issues[0];
  if (issue) fail(path, formatIssue(issue));
  return view;
}

function readProbe(v: unknown, path: string, kind: Question['kind']): ProbeRef {
  if (!isObj(v)) return fail(path, 'must be an object naming a probe');
  const name = oneOf(v.probe, `${path}.probe`, PROBE_NAMES);
  const def = PROBES[name]!;
  if (def.answers !== ANSWER_OF[kind])
    fail(
      `${path}.probe`,
      `${name} answers a ${def.answers}; a ${kind} question needs a probe that answers a ${ANSWER_OF[kind]}`,
    );
  if (kind === 'experiment' && def.reads === 'trace')
    fail(`${path}.probe`, `${name} reads the trace; an experiment needs a probe of a training run`);
  const ref: ProbeRef = { probe: name };
  for (const [k, val] of Object.entries(v)) {
    if (k === 'probe') continue;
    // Own parameters only: `constructor` or `toString` must not find Object.prototype's.
    const spec = Object.hasOwn(def.params, k) ? def.params[k] : undefined;
    const at = `${path}.${k.slice(0, 40)}`;
    if (!spec)
      return fail(
        at,
        `${name} has no parameter "${k.slice(0, 40)}" (it has: ${Object.keys(def.params).join(', ') || 'none'})`,
      );
    if (spec.type === 'number') ref[k] = num(val, at, spec.min, spec.max, spec.integer);
    else if (spec.type === 'choice') ref[k] = oneOf(val, at, spec.values);
    else if (typeof val !== 'boolean') fail(at, 'must be true or false');
    else ref[k] = val;
  }
  return ref;
}

function readOptions(v: unknown, path: string): string[] {
  if (!Array.isArray(v) || v.length < 2 || v.length > LIM.options)
    return fail(path, `must list 2 to ${LIM.options} options`);
  const out = v.map((o, i) => text(o, `${path}[${i}]`, LIM.option));
  if (new Set(out).size !== out.length) fail(path, 'lists an option twice');
  return out;
}

const QUESTION_FIELDS = {
  choice: ['options'],
  point: ['tolerance'],
  number: ['tolerance'],
  range: ['maxWidth'],
  experiment: ['train', 'options'],
} as const;

function readQuestion(v: unknown, path: string): Question {
  const kind = oneOf(isObj(v) ? v.kind : undefined, `${path}.kind`, QUESTION_KINDS);
  const o = obj(v, path, ['kind', 'prompt', 'answer', ...QUESTION_FIELDS[kind]]);
  const prompt = text(o.prompt, `${path}.prompt`, LIM.prompt);
  const answer = readProbe(o.answer, `${path}.answer`, kind);
  const q = { kind, prompt, answer } as Question & Obj;
  if (o.options !== undefined) q.options = readOptions(o.options, `${path}.options`);
  if (kind === 'point' && o.tolerance !== undefined)
    q.tolerance = num(o.tolerance, `${path}.tolerance`, 0, 1000, true);
  if (kind === 'number' && o.tolerance !== undefined) {
    const t = obj(o.tolerance, `${path}.tolerance`, ['abs', 'rel']);
    q.tolerance = {
      ...(t.abs !== undefined && { abs: num(t.abs, `${path}.tolerance.abs`, 0, 1e12) }),
      ...(t.rel !== undefined && { rel: num(t.rel, `${path}.tolerance.rel`, 0, 10) }),
    };
  }
  if (o.maxWidth !== undefined) q.maxWidth = num(o.maxWidth, `${path}.maxWidth`, 0, 1e12);
  if (kind === 'experiment') q.train = num(o.train, `${path}.train`, 1, LIM.train, true);
  return q;
}

function readStep(v: unknown, path: string): LessonStep {
  const o = obj(v, path, ['title', 'text', 'view', 'focus', 'reveal', 'ask']);
  const step: LessonStep = {
    title: text(o.title, `${path}.title`, LIM.title),
    text: text(o.text, `${path}.text`, LIM.text),
    view: readView(o.view === undefined ? {} : o.view, `${path}.view`),
  };
  if (o.focus !== undefined) step.focus = oneOf(o.focus, `${path}.focus`, EMBED_IDS);
  if (o.reveal !== undefined) {
    if (!Array.isArray(o.reveal) || o.reveal.length > PANEL_IDS.length + 1)
      fail(`${path}.reveal`, 'must list panels');
    step.reveal = (o.reveal as unknown[]).map((r, i) =>
      oneOf(r, `${path}.reveal[${i}]`, EMBED_IDS),
    );
  }
  if (o.ask !== undefined) step.ask = readQuestion(o.ask, `${path}.ask`);
  if (step.reveal?.length && !step.ask)
    fail(`${path}.reveal`, 'hides panels until a question is answered, but the step asks none');
  return step;
}

/** Checks parsed JSON as a lesson. */
export function readLesson(v: unknown): LessonRead {
  try {
    if (isObj(v) && v.format !== LESSON_FORMAT)
      fail('format', `must be "${LESSON_FORMAT}" (this is not a Gatescope lesson, or a newer one)`);
    const o = obj(v, 'lesson', ['format', 'title', 'level', 'summary', 'steps']);
    const steps = o.steps;
    if (!Array.isArray(steps) || steps.length < 1 || steps.length > LIM.steps)
      fail('steps', `must list 1 to ${LIM.steps} steps`);
    const lesson: Lesson = {
      format: LESSON_FORMAT,
      title: text(o.title, 'title', LIM.title),
      level: oneOf(o.level, 'level', LESSON_LEVELS),
      steps: (steps as unknown[]).map((s, i) => readStep(s, `steps[${i}]`)),
    };
    if (o.summary !== undefined) lesson.summary = text(o.summary, 'summary', LIM.prompt, true);
    return { ok: true, lesson };
  } catch (e) {
    if (e instanceof Reject) return { ok: false, error: e.message };
    return {
      ok: false,
      error: oneLine(`could not be read (${e instanceof Error ? e.message : String(e)})`),
    };
  }
}

/** Reads a lesson from a file's text: size, then JSON, then the lesson itself. */
export function readLessonText(textIn: string): LessonRead {
  if (textIn.length > LESSON_BYTES_MAX)
    return {
      ok: false,
      error: `the file is ${Math.round(textIn.length / 1024)} kB; a lesson is at most ${LESSON_BYTES_MAX / 1024} kB`,
    };
  let json: unknown;
  try {
    json = JSON.parse(textIn);
  } catch (e) {
    return {
      ok: false,
      error: oneLine(`not JSON (${e instanceof Error ? e.message : String(e)})`),
    };
  }
  return readLesson(json);
}
