/**
 * The lesson reader: a hand-written lesson with every question kind reads and round-trips, and
 * each kind of mistake is refused with a one-line message that names where it is.
 */
import { describe, expect, it } from 'vitest';
import { LESSON_FORMAT, LESSON_LIMITS, type Lesson } from '../../../src/config/lesson';
import {
  LESSON_BYTES_MAX,
  VIEW_KEYS_NOT_ALLOWED,
  readLesson,
  readLessonText,
} from '../../../src/lessons/read';
import { sample, setOwn } from './samples';

// A lesson as a test edits it (parsed JSON).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;

/** The message a rejected lesson gives (and the test fails if it was accepted). */
function errorOf(v: unknown): string {
  const res = readLesson(v);
  if (res.ok) throw new Error(`accepted: ${JSON.stringify(v).slice(0, 200)}`);
  return res.error;
}

/** Edits a copy of the sample and returns the reader's message. */
function rejects(edit: (l: Json) => void): string {
  const l: Json = sample();
  edit(l);
  return errorOf(l);
}

function accepts(edit: (l: Json) => void): Lesson {
  const l: Json = sample();
  edit(l);
  const res = readLesson(l);
  if (!res.ok) throw new Error(res.error);
  return res.lesson;
}

describe('readLesson: a valid lesson', () => {
  it('reads the sample, every question kind, unchanged', () => {
    const res = readLesson(sample());
    expect(res).toEqual({ ok: true, lesson: sample() });
    const kinds = sample().steps.flatMap((s) => (s.ask ? [s.ask.kind] : []));
    expect(kinds.sort()).toEqual(['choice', 'experiment', 'number', 'point', 'range']);
  });

  it('round-trips: JSON → read → JSON is the same value, and its text is a fixed point', () => {
    const text = JSON.stringify(sample());
    const res = readLessonText(text);
    expect(res.ok).toBe(true);
    if (!res.ok) return;
    expect(JSON.parse(JSON.stringify(res.lesson))).toStrictEqual(JSON.parse(text));
    // the reader writes fields in its own order; once in that order, the text no longer changes
    const canonical = JSON.stringify(res.lesson);
    const again = readLessonText(canonical);
    expect(again.ok && JSON.stringify(again.lesson)).toBe(canonical);
    expect(readLesson(JSON.parse(canonical))).toEqual(res);
    // pretty-printed (as a teacher's editor saves it) reads the same
    expect(readLessonText(JSON.stringify(sample(), null, 2))).toEqual(res);
  });

  it('accepts the optional parts left out, and the limits exactly', () => {
    const minimal = accepts((l) => {
      delete l.summary;
      l.steps = [{ title: 't', text: 'x' }];
    });
    expect(minimal.steps[0]).toEqual({ title: 't', text: 'x', view: {} });
    accepts((l) => (l.summary = '')); // the summary may be empty, the title may not
    accepts((l) => (l.title = 'T'.repeat(LESSON_LIMITS.title)));
    accepts((l) => (l.steps[0].text = 'x'.repeat(LESSON_LIMITS.text)));
    accepts((l) => (l.steps[1].ask.prompt = 'p'.repeat(LESSON_LIMITS.prompt)));
    accepts((l) => (l.steps[1].ask.options = Array.from({ length: 8 }, (_, i) => `o${i}`)));
    accepts((l) => (l.steps[1].ask.options[0] = 'o'.repeat(LESSON_LIMITS.option)));
    accepts((l) => (l.steps[5].ask.train = LESSON_LIMITS.train));
    accepts((l) => (l.steps = Array.from({ length: LESSON_LIMITS.steps }, () => l.steps[0])));
    accepts((l) => delete l.steps[1].ask.options); // the probe's own options then
    accepts((l) => (l.steps[3].ask.tolerance = {}));
    accepts((l) => (l.steps[1].reveal = [])); // an empty reveal needs no question
    for (const level of ['beginner', 'intermediate', 'advanced']) accepts((l) => (l.level = level));
  });

  it('a step view may use any link key the page would accept, in any case', () => {
    accepts((l) => (l.steps[0].view = { CELL: 'GRU', h: 4 }));
    accepts((l) => (l.steps[0].view = { task: 'custom', custom: 'abcabc', focus: 'lens' }));
    accepts((l) => (l.steps[0].view = { clamp: 'forget', clampv: 1, clampfrom: 5, clampto: 9 }));
  });
});

describe('readLesson: what it refuses, and where it says the mistake is', () => {
  it('another format, or a newer version of this one', () => {
    for (const format of ['gatescope.lesson/2', 'gatescope.weights/1', undefined, 1]) {
      expect(rejects((l) => (l.format = format))).toBe(
        `format: must be "${LESSON_FORMAT}" (this is not a Gatescope lesson, or a newer one)`,
      );
    }
    expect(errorOf([])).toBe('lesson: must be an object');
    expect(errorOf(null)).toBe('lesson: must be an object');
    expect(errorOf('gatescope.lesson/1')).toBe('lesson: must be an object');
  });

  it('unknown fields, at every level', () => {
    expect(rejects((l) => (l.author = 'me'))).toBe(
      'lesson: unknown field "author" (allowed: format, title, level, summary, steps)',
    );
    expect(rejects((l) => (l.steps[2].hint = 'x'))).toMatch(/^steps\[2\]: unknown field "hint"/);
    expect(rejects((l) => (l.steps[2].ask.explanation = 'x'))).toMatch(
      /^steps\[2\]\.ask: unknown field "explanation" \(allowed: kind, prompt, answer, tolerance\)$/,
    );
    // a field of another kind of question
    expect(rejects((l) => (l.steps[2].ask.options = ['a', 'b']))).toMatch(
      /^steps\[2\]\.ask: unknown field "options"/,
    );
    expect(rejects((l) => (l.steps[4].ask.tolerance = 0.1))).toMatch(
      /^steps\[4\]\.ask: unknown field "tolerance"/,
    );
    expect(rejects((l) => (l.steps[3].ask.tolerance.percent = 5))).toMatch(
      /^steps\[3\]\.ask\.tolerance: unknown field "percent" \(allowed: abs, rel\)$/,
    );
  });

  it('the title, level and steps', () => {
    expect(rejects((l) => delete l.title)).toBe('title: must be text');
    expect(rejects((l) => (l.title = '  \n'))).toBe('title: must not be empty');
    expect(rejects((l) => (l.level = 'expert'))).toBe(
      'level: must be one of beginner, intermediate, advanced',
    );
    expect(rejects((l) => (l.steps = []))).toBe('steps: must list 1 to 40 steps');
    expect(rejects((l) => (l.steps = {}))).toBe('steps: must list 1 to 40 steps');
    expect(rejects((l) => (l.steps = Array(LESSON_LIMITS.steps + 1).fill(l.steps[0])))).toBe(
      `steps: must list 1 to ${LESSON_LIMITS.steps} steps`,
    );
    expect(rejects((l) => (l.steps[3] = 'step'))).toBe('steps[3]: must be an object');
    expect(rejects((l) => delete l.steps[3].text)).toBe('steps[3].text: must be text');
  });

  it('text over its limit, counted in characters', () => {
    const { title, text, prompt, option, options } = LESSON_LIMITS;
    expect(rejects((l) => (l.steps[0].text = 'x'.repeat(text + 1)))).toBe(
      `steps[0].text: is ${text + 1} characters; at most ${text}`,
    );
    expect(rejects((l) => (l.title = 't'.repeat(title + 1)))).toBe(
      `title: is ${title + 1} characters; at most ${title}`,
    );
    expect(rejects((l) => (l.steps[4].title = 't'.repeat(title + 1)))).toMatch(
      /^steps\[4\]\.title: is 121 characters/,
    );
    expect(rejects((l) => (l.summary = 's'.repeat(prompt + 1)))).toMatch(/^summary: is 401/);
    expect(rejects((l) => (l.steps[1].ask.prompt = 'p'.repeat(prompt + 1)))).toMatch(
      /^steps\[1\]\.ask\.prompt: is 401 characters; at most 400$/,
    );
    expect(rejects((l) => (l.steps[1].ask.options[2] = 'o'.repeat(option + 1)))).toMatch(
      /^steps\[1\]\.ask\.options\[2\]: is 61 characters; at most 60$/,
    );
    expect(rejects((l) => (l.steps[1].ask.options = Array(options + 1).fill('x')))).toBe(
      `steps[1].ask.options: must list 2 to ${options} options`,
    );
    expect(rejects((l) => (l.steps[1].ask.options = ['only']))).toMatch(/must list 2 to 8/);
    expect(rejects((l) => (l.steps[1].ask.options = ['a', 'b', 'a']))).toBe(
      'steps[1].ask.options: lists an option twice',
    );
    expect(rejects((l) => (l.steps[1].ask.options[1] = ' '))).toBe(
      'steps[1].ask.options[1]: must not be empty',
    );
  });

  it('an unknown probe', () => {
    expect(rejects((l) => (l.steps[1].ask.answer.probe = 'gateMax'))).toMatch(
      /^steps\[1\]\.ask\.answer\.probe: must be one of gateExtreme, .*beatsBaseline$/,
    );
    expect(rejects((l) => (l.steps[1].ask.answer = 'gateExtreme'))).toBe(
      'steps[1].ask.answer: must be an object naming a probe',
    );
    expect(rejects((l) => (l.steps[1].ask.answer.probe = 'constructor'))).toMatch(
      /^steps\[1\]\.ask\.answer\.probe: must be one of/,
    );
  });

  it("a probe whose answer is not what the question's kind needs", () => {
    expect(rejects((l) => (l.steps[2].ask.answer = { probe: 'gateMean' }))).toBe(
      'steps[2].ask.answer.probe: gateMean answers a number; a point question needs a probe that answers a step',
    );
    expect(rejects((l) => (l.steps[1].ask.answer = { probe: 'gradDropStep' }))).toMatch(
      /^steps\[1\]\.ask\.answer\.probe: gradDropStep answers a step; a choice question/,
    );
    expect(rejects((l) => (l.steps[3].ask.answer = { probe: 'bestCell' }))).toMatch(
      /^steps\[3\]\.ask\.answer\.probe: bestCell answers a choice; a number question/,
    );
    expect(rejects((l) => (l.steps[4].ask.answer = { probe: 'extremeStep' }))).toMatch(
      /^steps\[4\]\.ask\.answer\.probe: extremeStep answers a step; a range question/,
    );
  });

  it('an experiment whose probe reads the trace instead of a training run', () => {
    expect(rejects((l) => (l.steps[5].ask.answer = { probe: 'gateExtreme' }))).toBe(
      'steps[5].ask.answer.probe: gateExtreme reads the trace; an experiment needs a probe of a training run',
    );
    accepts((l) => (l.steps[5].ask.answer = { probe: 'beatsBaseline' }));
    expect(rejects((l) => delete l.steps[5].ask.train)).toBe(
      'steps[5].ask.train: must be a whole number from 1 to 5000',
    );
    for (const train of [0, LESSON_LIMITS.train + 1, 2.5, '300'])
      expect(rejects((l) => (l.steps[5].ask.train = train))).toMatch(/^steps\[5\]\.ask\.train: /);
  });

  it('a bad probe parameter: unknown, out of range, not whole, wrong type', () => {
    const at = (l: Json) => l.steps[2].ask.answer;
    expect(rejects((l) => (at(l).below = 0))).toBe(
      'steps[2].ask.answer.below: must be a number from 1e-300 to 1000000',
    );
    expect(rejects((l) => (at(l).below = '0.001'))).toMatch(/^steps\[2\]\.ask\.answer\.below: /);
    expect(rejects((l) => (at(l).relative = 'yes'))).toBe(
      'steps[2].ask.answer.relative: must be true or false',
    );
    expect(rejects((l) => (at(l).level = 0.1))).toBe(
      'steps[2].ask.answer.level: gradDropStep has no parameter "level" (it has: below, relative)',
    );
    expect(rejects((l) => (l.steps[5].ask.answer.cell = 'lstm'))).toBe(
      'steps[5].ask.answer.cell: bestCell has no parameter "cell" (it has: none)',
    );
    expect(rejects((l) => (l.steps[1].ask.answer.which = 'biggest'))).toBe(
      'steps[1].ask.answer.which: must be one of largest, smallest',
    );
    expect(rejects((l) => (l.steps[4].ask.answer.from = 2.5))).toBe(
      'steps[4].ask.answer.from: must be a whole number from 0 to 1000',
    );
    expect(rejects((l) => (l.steps[4].ask.answer.unit = 65))).toBe(
      'steps[4].ask.answer.unit: must be a whole number from 0 to 64',
    );
    expect(rejects((l) => (l.steps[4].ask.answer.to = NaN))).toMatch(/must be a whole number/);
  });

  it('names on Object.prototype are not parameters (constructor, toString, __proto__)', () => {
    for (const key of ['constructor', 'toString', 'hasOwnProperty', '__proto__']) {
      expect(rejects((l) => setOwn(l.steps[2].ask.answer, key, true))).toBe(
        `steps[2].ask.answer.${key}: gradDropStep has no parameter "${key}" (it has: below, relative)`,
      );
    }
    // parsed from text, `__proto__` is an own key as well
    const text = JSON.stringify(sample()).replace('"relative":true', '"__proto__":true');
    expect(readLessonText(text)).toEqual({
      ok: false,
      error:
        'steps[2].ask.answer.__proto__: gradDropStep has no parameter "__proto__" (it has: below, relative)',
    });
  });

  it('question settings out of range', () => {
    expect(rejects((l) => (l.steps[2].ask.tolerance = -1))).toBe(
      'steps[2].ask.tolerance: must be a whole number from 0 to 1000',
    );
    expect(rejects((l) => (l.steps[2].ask.tolerance = 1.5))).toMatch(/whole number/);
    expect(rejects((l) => (l.steps[3].ask.tolerance.rel = 11))).toBe(
      'steps[3].ask.tolerance.rel: must be a number from 0 to 10',
    );
    expect(rejects((l) => (l.steps[3].ask.tolerance.abs = -0.1))).toMatch(
      /^steps\[3\]\.ask\.tolerance\.abs: must be a number from 0 to 1000000000000$/,
    );
    expect(rejects((l) => (l.steps[4].ask.maxWidth = Infinity))).toMatch(
      /^steps\[4\]\.ask\.maxWidth: must be a number/,
    );
    expect(rejects((l) => (l.steps[4].ask.kind = 'slider'))).toBe(
      'steps[4].ask.kind: must be one of choice, point, number, range, experiment',
    );
    expect(rejects((l) => (l.steps[4].ask.prompt = ''))).toBe(
      'steps[4].ask.prompt: must not be empty',
    );
  });

  it('a step view with a key the page, reader or tour owns', () => {
    for (const key of VIEW_KEYS_NOT_ALLOWED) {
      expect(rejects((l) => (l.steps[0].view[key] = 1))).toBe(
        `steps[0].view.${key}: a lesson step cannot set this key`,
      );
    }
    // in any case, as the link reads keys
    expect(rejects((l) => (l.steps[1].view.Tour = 2))).toBe(
      'steps[1].view.Tour: a lesson step cannot set this key',
    );
    expect(rejects((l) => (l.steps[1].view.LESSON = 'x'))).toMatch(/cannot set this key/);
  });

  it('a step view the link parser refuses or would change, in its own words', () => {
    expect(rejects((l) => (l.steps[0].view.H = 9999))).toBe(
      'steps[0].view: H=9999 (used 64, the largest allowed)',
    );
    expect(rejects((l) => (l.steps[0].view = { cell: 'foo' }))).toBe(
      'steps[0].view: cell=foo (unknown: use elman, lstm, gru)',
    );
    expect(rejects((l) => (l.steps[0].view = { colour: 'red' }))).toBe(
      'steps[0].view: colour=red (unknown key)',
    );
    expect(rejects((l) => (l.steps[0].view = { fb: 0.3 }))).toMatch(
      /^steps\[0\]\.view: fb=0\.3 \(used 0\.5, the nearest allowed value\)$/,
    );
    expect(rejects((l) => (l.steps[0].view = { cell: 'lstm', CELL: 'gru' }))).toMatch(
      /repeated key/,
    );
    expect(rejects((l) => (l.steps[0].view.t = { at: 3 }))).toBe(
      'steps[0].view.t: must be text, a number or true/false',
    );
    expect(rejects((l) => (l.steps[0].view.t = null))).toMatch(/^steps\[0\]\.view\.t: must be/);
    expect(rejects((l) => (l.steps[0].view = ['cell=lstm']))).toBe(
      'steps[0].view: must be an object of link keys and values',
    );
    // null is not "no view" (leave the field out for that)
    expect(rejects((l) => (l.steps[0].view = null))).toBe(
      'steps[0].view: must be an object of link keys and values',
    );
    const many = Object.fromEntries(Array.from({ length: 61 }, (_, i) => [`k${i}`, 1]));
    expect(rejects((l) => (l.steps[0].view = many))).toBe('steps[0].view: has 61 keys; at most 60');
    // a lone half of a surrogate pair cannot be written into a link
    expect(rejects((l) => (l.steps[0].view = { task: 'custom', custom: 'ab\ud800c' }))).toBe(
      'steps[0].view.custom: holds a broken character (half of a UTF-16 pair)',
    );
  });

  it('focus and reveal name panels; reveal needs a question', () => {
    expect(rejects((l) => (l.steps[0].focus = 'sidebar'))).toMatch(
      /^steps\[0\]\.focus: must be one of diagram, heatmaps, .*compare$/,
    );
    expect(rejects((l) => (l.steps[0].reveal = ['gradients']))).toBe(
      'steps[0].reveal: hides panels until a question is answered, but the step asks none',
    );
    expect(rejects((l) => (l.steps[2].reveal = ['gradients', 'nope']))).toMatch(
      /^steps\[2\]\.reveal\[1\]: must be one of/,
    );
    expect(rejects((l) => (l.steps[2].reveal = 'gradients'))).toBe(
      'steps[2].reveal: must list panels',
    );
    expect(rejects((l) => (l.steps[2].reveal = Array(10).fill('gradients')))).toBe(
      'steps[2].reveal: must list panels',
    );
  });

  it('every message is one line, even for keys with line breaks', () => {
    const msg = rejects((l) => (l.steps[0].view = { 'a\nb': null }));
    expect(msg).toBe('steps[0].view.a\\u000ab: must be text, a number or true/false');
    const top = rejects((l) => (l['x\r\n\u2028y'] = 1));
    expect(top).toMatch(/^lesson: unknown field "x\\u000d\\u000a\\u2028y"/);
    const long = rejects((l) => (l.steps[2].ask.answer['z'.repeat(500)] = 1));
    expect(long.length).toBeLessThanOrEqual(280);
    expect(long).toMatch(/has no parameter "z{40}"/);
  });
});

describe('readLessonText', () => {
  it('a file over the size limit is not parsed', () => {
    const big = JSON.stringify(sample()) + ' '.repeat(LESSON_BYTES_MAX);
    expect(readLessonText(big)).toEqual({
      ok: false,
      error: `the file is ${Math.round(big.length / 1024)} kB; a lesson is at most 256 kB`,
    });
    const justFits = JSON.stringify(sample()).padEnd(LESSON_BYTES_MAX, ' ');
    expect(readLessonText(justFits).ok).toBe(true);
    expect(readLessonText(justFits + ' ').ok).toBe(false);
  });

  it('text that is not JSON', () => {
    for (const text of [
      '',
      'lesson',
      '{"format": "gatescope.lesson/1",}',
      '{\n\n  x',
      "{'a': 1}",
    ]) {
      const res = readLessonText(text);
      expect(res.ok).toBe(false);
      if (!res.ok) {
        expect(res.error).toMatch(/^not JSON \(.+\)$/);
        expect(res.error).not.toMatch(/[\n\r]/);
      }
    }
  });

  it('JSON that is not a lesson', () => {
    expect(readLessonText('[]')).toEqual({ ok: false, error: 'lesson: must be an object' });
    const res = readLessonText('{"format":"gatescope.lesson/2"}');
    expect(res.ok || res.error).toMatch(/^format: .*newer one\)$/);
  });
});
