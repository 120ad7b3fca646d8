/**
 * Fuzzing the custom-sequence parser through createTask('custom', {}, text): random strings,
 * number lists with bad tokens, huge inputs and awkward unicode. Only EngineInputError may
 * escape, every rejection says why, and every accepted text makes a task whose sample has
 * finite inputs and valid targets and mask.
 */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng';
import { createTask, type Task } from '../../../src/engine/tasks/task';
import { CUSTOM_MAX_ITEMS } from '../../../src/engine/tasks/custom';
import { acceptsOrExplains, type Rand, randomString, report, rng, show } from './gen';

const BAD_TOKENS = ['x', 'NaN', 'inf', '-Infinity', '1e999', '2e6', '0x10', '1..2', '--1', '', '½'];
const SEPARATORS = [', ', ',', ' ', '\n', ';', '\t', ' ,\r\n'];

function numberList(r: Rand): string {
  const n = r.pick([
    0,
    1,
    2,
    3,
    r.int(2, 50),
    r.int(2, 50),
    CUSTOM_MAX_ITEMS,
    CUSTOM_MAX_ITEMS + 1,
  ]);
  const sep = r.pick(SEPARATORS);
  const items = Array.from({ length: n }, () =>
    r.chance(0.03)
      ? r.pick(BAD_TOKENS)
      : String(Number(((r.next() - 0.5) * 10 ** r.int(0, 7)).toPrecision(r.int(1, 8)))),
  );
  return items.join(sep);
}

function hugeOrOdd(r: Rand): string {
  return r.pick([
    () => 'a'.repeat(r.int(CUSTOM_MAX_ITEMS - 1, CUSTOM_MAX_ITEMS + 2)),
    () => 'ab'.repeat(500_000),
    () => '1,'.repeat(r.int(990, 1010)),
    () => '😀'.repeat(r.int(1, 1200)),
    () => Array.from({ length: 100 }, (_, i) => String.fromCodePoint(0x4e00 + i)).join(''),
    () => ' \n\t\r '.repeat(r.int(1, 50)),
    () => '\ud800'.repeat(r.int(1, 30)), // lone surrogates
    () => 'e\u0301'.repeat(r.int(1, 40)), // combining marks: two code points each
    () => `${'9'.repeat(r.int(1, 400))}, 1`,
    () => `1${'0'.repeat(r.int(0, 400))}e-${r.int(0, 400)}, 2`,
  ])();
}

/** The property of an accepted text: a sample the engine can consume without surprises. */
function expectUsable(task: Task, text: string) {
  const seq = task.sample(new Rng(1));
  const T = seq.length;
  const why = show(text);
  expect(T, why).toBe(task.length);
  expect(T >= 1 && T <= CUSTOM_MAX_ITEMS - 1, why).toBe(true);
  expect(seq.inputs.length, why).toBe(T * task.inputSize);
  expect(seq.inputs.every(Number.isFinite), why).toBe(true);
  expect(seq.mask.length, why).toBe(T);
  expect(
    seq.mask.every((m) => m === 0 || m === 1),
    why,
  ).toBe(true);
  expect(
    seq.mask.some((m) => m === 1),
    why,
  ).toBe(true);
  for (let t = 0; t < T; t++) {
    if (!seq.mask[t]) continue;
    if (task.loss === 'softmax-xent') {
      const c = seq.targets[t]!;
      expect(Number.isInteger(c) && c >= 0 && c < task.outputSize, why).toBe(true);
    } else {
      for (let o = 0; o < task.outputSize; o++)
        expect(Number.isFinite(seq.targets[t * task.outputSize + o]), why).toBe(true);
    }
  }
  expect(Number.isFinite(task.baseline.loss), why).toBe(true);
}

function fuzz(name: string, seed: number, n: number, make: (r: Rand) => string) {
  const r = rng(seed);
  let accepted = 0;
  for (let i = 0; i < n; i++) {
    const text = make(r);
    let task: Task | null = null;
    const ok = acceptsOrExplains(
      () => {
        task = createTask('custom', {}, text);
      },
      () => show(text),
    );
    if (ok) {
      accepted++;
      expectUsable(task!, text);
    }
  }
  report(`custom/${name}`, accepted, n - accepted);
  return accepted;
}

describe('fuzzed custom sequences', () => {
  it('1,500 random strings of digits, separators, words and unicode', () => {
    const accepted = fuzz('random', 21, 1500, (r) => randomString(r, r.int(0, 60)));
    expect(accepted).toBeGreaterThan(100);
    expect(accepted).toBeLessThan(1500);
  });

  it('1,500 number lists, some with bad tokens or too many items', () => {
    const accepted = fuzz('numbers', 22, 1500, numberList);
    expect(accepted).toBeGreaterThan(200);
    expect(accepted).toBeLessThan(1500);
  });

  it('300 huge or odd inputs (up to a million characters)', () => {
    fuzz('huge', 23, 300, hugeOrOdd);
  });
});
