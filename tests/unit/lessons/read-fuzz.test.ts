/**
 * Fuzzing the lesson reader with seeded mutations of a valid lesson and with random text: it
 * never throws, every rejection is one short, non-empty line, and every lesson it accepts reads
 * back to itself (from the object and from its JSON text).
 */
import { describe, expect, it } from 'vitest';
import { type LessonRead, readLesson, readLessonText } from '../../../src/lessons/read';
import { SAMPLE, garbage, mutate, randomString, rng } from './samples';

/** A rejection as the page shows it: one line, short, saying something. */
function expectOneLine(res: LessonRead, input: () => string) {
  if (res.ok) return;
  expect(typeof res.error, input()).toBe('string');
  expect(res.error.trim().length, input()).toBeGreaterThan(0);
  expect(res.error, input()).not.toMatch(/[\n\r\u2028\u2029]/);
  expect(res.error.length, input()).toBeLessThanOrEqual(300);
}

/** JSON text of a value the test built (NaN becomes null, as JSON.stringify writes it). */
function textOf(v: unknown): string | null {
  try {
    return JSON.stringify(v) ?? null;
  } catch {
    return null; // too deep to print: only the object path is tried
  }
}

function show(v: unknown): string {
  const t = textOf(v) ?? String(v);
  return t.length > 300 ? `${t.slice(0, 300)}… (${t.length} chars)` : t;
}

/** Accepted lessons read back to themselves, from the object and from its text. */
function expectIdempotent(res: LessonRead, input: () => string) {
  if (!res.ok) return;
  const again = readLesson(res.lesson);
  expect(again, input()).toEqual(res);
  const text = JSON.stringify(res.lesson);
  const fromText = readLessonText(text);
  expect(fromText.ok, input()).toBe(true);
  if (fromText.ok) expect(JSON.stringify(fromText.lesson), input()).toBe(text);
}

describe('fuzzed lessons', () => {
  it('3,000 mutated lessons: no throw, one-line rejections, accepted ones idempotent', () => {
    const r = rng(21);
    let accepted = 0;
    const paths = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      // every so often, mutate a mutation: deeper and stranger
      const input = mutate(r, r.chance(0.2) ? (mutate(r) ?? SAMPLE) : SAMPLE);
      let res: LessonRead | undefined;
      expect(() => (res = readLesson(input)), show(input)).not.toThrow();
      expectOneLine(res!, () => show(input));
      expectIdempotent(res!, () => show(input));
      if (res!.ok) accepted++;
      else paths.add(res!.error.split(':')[0]!.replace(/\[\d+\]/g, '[]'));
      // the same input as a file
      const text = textOf(input);
      if (text !== null) {
        let fromText: LessonRead | undefined;
        expect(() => (fromText = readLessonText(text)), text.slice(0, 300)).not.toThrow();
        expectOneLine(fromText!, () => text.slice(0, 300));
        expectIdempotent(fromText!, () => text.slice(0, 300));
      }
    }
    // Both outcomes are common, and the rejections came from all over the format.
    expect(accepted).toBeGreaterThan(150);
    expect(accepted).toBeLessThan(2850);
    expect(paths.size).toBeGreaterThan(25);
  });

  it('1,000 random JSON-ish values as a whole lesson: refused, one line each', () => {
    const r = rng(5);
    for (let i = 0; i < 1000; i++) {
      const input = garbage(r);
      const res = readLesson(input);
      expect(res.ok, show(input)).toBe(false);
      expectOneLine(res, () => show(input));
    }
  });

  it('400 random texts: no throw, one-line rejections', () => {
    const r = rng(99);
    const valid = JSON.stringify(SAMPLE);
    const make = [
      // characters JSON and the reader care about, and awkward unicode
      () => randomString(r, r.int(0, 400)),
      // random bytes, as a file that is not text at all would decode
      () =>
        new TextDecoder('utf-8').decode(
          Uint8Array.from({ length: r.int(0, 600) }, () => r.int(0, 255)),
        ),
      () =>
        new TextDecoder('latin1').decode(
          Uint8Array.from({ length: r.int(0, 600) }, () => r.int(0, 255)),
        ),
      // a valid lesson cut short, or with a character changed
      () => valid.slice(0, r.int(0, valid.length - 1)),
      () => {
        const at = r.int(0, valid.length - 1);
        return valid.slice(0, at) + randomString(r, 1) + valid.slice(at + 1);
      },
      // nesting far deeper than any lesson
      () => '['.repeat(r.int(1000, 60_000)) + ']'.repeat(r.int(0, 3)),
      () => '{"a":'.repeat(r.int(100, 20_000)) + '1' + '}'.repeat(r.int(0, 100)),
    ];
    let notJson = 0;
    for (let i = 0; i < 400; i++) {
      const text = make[i % make.length]!();
      let res: LessonRead | undefined;
      expect(() => (res = readLessonText(text)), JSON.stringify(text.slice(0, 200))).not.toThrow();
      expectOneLine(res!, () => JSON.stringify(text.slice(0, 200)));
      expectIdempotent(res!, () => JSON.stringify(text.slice(0, 200)));
      if (!res!.ok && res!.error.startsWith('not JSON')) notJson++;
    }
    expect(notJson).toBeGreaterThan(200);
  });

  it('huge and hostile files', () => {
    const cases = [
      'x'.repeat(5_000_000),
      '"' + '\n'.repeat(200_000) + '"',
      '{"format":"gatescope.lesson/1","title":"' + '\u2028'.repeat(100_000) + '"}',
      '{"__proto__":{"format":"gatescope.lesson/1"},"constructor":1}',
      '{"format":"gatescope.lesson/1","title":"t","level":"beginner","steps":' +
        JSON.stringify(Array(10_000).fill(SAMPLE.steps[0])) +
        '}',
      JSON.stringify({ ...SAMPLE, steps: SAMPLE.steps.map((s) => ({ ...s, view: { '\n': 1 } })) }),
    ];
    for (const text of cases) {
      const res = readLessonText(text);
      expect(res.ok).toBe(false);
      expectOneLine(res, () => text.slice(0, 100));
    }
  });
});
