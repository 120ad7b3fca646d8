/**
 * How one link value is read and written. Reading never throws: it returns the value (perhaps
 * adjusted, with a note saying how) or the reason it was ignored, which the page shows.
 * Bounds come from the stores' own tables (KNOBS, TASK_PARAMS), never restated here.
 */
import { snapToStep } from '../../engine/spec';
import { parseCustom } from '../../engine/tasks/custom';
import { TASK_PARAMS } from '../../engine/tasks/task';
import { KNOBS, clampKnob, clampTaskParams } from '../../config/config';
import type { UrlState } from './state';

export type Read<V> = { ok: true; value: V; note?: string } | { ok: false; reason: string };

export interface Codec<V> {
  /** `raw` is the decoded value ('' for a bare `key`); `s` holds the fields read before this one */
  read(raw: string, s: UrlState): Read<V>;
  write(v: V): string;
}

/** Custom text is cut to this many characters, so links survive chat apps and LMS fields. */
export const LINK_TEXT_MAX = 2000;

const ok = <V>(value: V, note?: string): Read<V> =>
  note ? { ok: true, value, note } : { ok: true, value };
const fail = <V>(reason: string): Read<V> => ({ ok: false, reason });

// Plain decimals only: no hex, no "Infinity", no "NaN", so a typo never passes as a number.
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The number in `raw`, or why it is not one. */
export function parseNumber(raw: string): number | string {
  const text = raw.trim();
  if (text === '') return 'no value';
  if (!NUMBER.test(text)) return 'not a number';
  const n = Number(text);
  return Number.isFinite(n) ? n : 'not a finite number';
}

/**
 * Says so when `raw` had spaces or line breaks around the value (`H=8%0A`, a link pasted across
 * lines): the value is used without them, and the page tells the user it read it that way.
 */
function padding(raw: string): string | undefined {
  return raw !== raw.trim() && raw.trim() !== '' ? 'read without the spaces around it' : undefined;
}

/** How a clamp or snap changed a value (or its padding was dropped), or undefined. */
function adjusted(raw: string, n: number, v: number, min: number, max: number): string | undefined {
  const change =
    v === n
      ? undefined
      : n > max
        ? `used ${v}, the largest allowed`
        : n < min
          ? `used ${v}, the smallest allowed`
          : `used ${v}, the nearest allowed value`;
  return [padding(raw), change].filter(Boolean).join('; ') || undefined;
}

/** A config knob, clamped and snapped by clampKnob (bounds from KNOBS). */
export function knob(key: keyof typeof KNOBS): Codec<number> {
  const { min, max } = KNOBS[key];
  return {
    read(raw) {
      const n = parseNumber(raw);
      if (typeof n === 'string') return fail(n);
      const v = clampKnob(key, n);
      return ok(v, adjusted(raw, n, v, min, max));
    },
    write: String,
  };
}

/** One task parameter of the task read before it, clamped by clampTaskParams. */
export function taskParam(key: string): Codec<number> {
  return {
    read(raw, s) {
      const task = s.config.task;
      const spec = TASK_PARAMS[task].find((p) => p.key === key);
      if (!spec) return fail(`the ${task} task has no such parameter`);
      const n = parseNumber(raw);
      if (typeof n === 'string') return fail(n);
      const v = clampTaskParams(task, { [key]: n })[key] ?? spec.default;
      return ok(v, adjusted(raw, n, v, spec.min, spec.max));
    },
    write: String,
  };
}

/**
 * A 1-based position in the link, 0-based in the store (t, unit, tour step): rounded and clamped
 * to 1 … max(s), where max may depend on fields read earlier (unit ≤ H).
 */
export function position(max: (s: UrlState) => number): Codec<number> {
  return {
    read(raw, s) {
      const n = parseNumber(raw);
      if (typeof n === 'string') return fail(n);
      const hi = max(s);
      const v = snapToStep(n, { min: 1, max: hi, step: 1 });
      return ok(v - 1, adjusted(raw, n, v, 1, hi));
    },
    write: (v) => String(v + 1),
  };
}

/** `position`, where absence (null) is a value of its own: the default, never written. */
export function optionalPosition(max: number): Codec<number | null> {
  const inner = position(() => max);
  return { read: inner.read, write: (v) => (v === null ? '' : inner.write(v)) };
}

/**
 * A word from a fixed list, case-insensitive. `words` maps each accepted word to its value; the
 * first word for a value is the one written, and the error message lists those.
 */
export function choice<V>(words: Record<string, V>): Codec<V> {
  const entries = Object.entries(words);
  const canonical = entries.filter(([, v], i) => entries.findIndex(([, w]) => w === v) === i);
  const listed = canonical.map(([w]) => w).filter((w) => w !== '');
  return {
    read(raw) {
      const word = raw.trim().toLowerCase();
      const hit = entries.find(([w]) => w.toLowerCase() === word);
      if (hit) return ok(hit[1], padding(raw));
      return fail(word === '' ? 'no value' : `unknown: use ${listed.join(', ')}`);
    },
    write: (v) => canonical.find(([, w]) => w === v)?.[0] ?? '',
  };
}

/** A word list that depends on fields read earlier (the selected gate depends on the cell). */
export function choiceOf<V>(words: (s: UrlState) => Record<string, V>): Codec<V> {
  return {
    read: (raw, s) => choice(words(s)).read(raw, s),
    // Writing needs no context: the value itself is the word (or '' for none).
    write: (v) => (v === null ? '' : String(v)),
  };
}

/** The custom task's text: cut to LINK_TEXT_MAX characters and checked like the editor does. */
export const customText: Codec<string> = {
  read(raw) {
    const cut = Array.from(raw).slice(0, LINK_TEXT_MAX).join('');
    try {
      parseCustom(cut);
    } catch (e) {
      return fail(`not a usable sequence: ${e instanceof Error ? e.message : String(e)}`);
    }
    return ok(cut, cut === raw ? undefined : `cut to ${LINK_TEXT_MAX} characters`);
  },
  write: (v) => Array.from(v).slice(0, LINK_TEXT_MAX).join(''),
};

/** The longest lesson a link carries (packed); a bigger one is shared as a file. */
export const LESSON_LINK_MAX = 6000;
const BUILTIN_ID = /^[a-z0-9-]{1,40}$/;
const PACKED = /^~[A-Za-z0-9_-]+$/;

/**
 * `lesson`: a built-in lesson's id, or `~` and a whole lesson packed (deflate, base64url). Only
 * the shape is checked here; the lessons layer reads the lesson and says what is wrong with it.
 */
export const lessonRef: Codec<string | null> = {
  read(raw) {
    const v = raw.trim();
    if (v === '') return ok(null);
    if (v.startsWith('~')) {
      if (v.length > LESSON_LINK_MAX + 1)
        return fail(
          `an embedded lesson is at most ${LESSON_LINK_MAX} characters; open it as a file`,
        );
      return PACKED.test(v) ? ok(v, padding(raw)) : fail('not an embedded lesson (damaged link?)');
    }
    const id = v.toLowerCase();
    return BUILTIN_ID.test(id) ? ok(id, padding(raw)) : fail('not a lesson name');
  },
  write: (v) => v ?? '',
};

/** The weights fingerprint a `wid` value holds ('#' and case as typed), or null. */
export function weightsIdIn(raw: string): string | null {
  const id = raw.trim().replace(/^#/, '').toLowerCase();
  return /^[0-9a-f]{8}$/.test(id) ? id : null;
}

/**
 * `wid`: the fingerprint of weights the link could not hold (imported from a file, or trained in
 * the page that made the link). Written so the reader learns what is missing; read, it is always
 * set aside with the reason, because the config alone cannot make those weights.
 */
export const weightsNotInLink: Codec<string | null> = {
  read(raw) {
    const id = weightsIdIn(raw);
    if (id === null) return fail('not a weights fingerprint (8 hex digits)');
    return fail(
      `this link used weights #${id}, which are not in the link: import their file, or ask for it (Export → weights); the seeded weights are shown`,
    );
  },
  write: (v) => v ?? '',
};
