/** What each generator promises about its content, checked on every sequence of a batch. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng';
import { CHARLM_VOCAB } from '../../../src/engine/tasks/charlm';
import { CORPUS } from '../../../src/engine/tasks/corpus';
import { createTask } from '../../../src/engine/tasks/task';
import type { Batch } from '../../../src/engine/types';

const B = 64;

/** Hot channel of a one-hot row, or -1 if the row is not exactly one-hot. */
function hot(b: Batch, r: number): number {
  const I = b.inputSize;
  const row = Array.from(b.inputs.subarray(r * I, (r + 1) * I));
  const ones = row.filter((v) => v === 1).length;
  const zeros = row.filter((v) => v === 0).length;
  return ones === 1 && zeros === I - 1 ? row.indexOf(1) : -1;
}

describe('adding', () => {
  it('marks exactly one value in each half and targets their sum', () => {
    const T = 51;
    const half = 25;
    const task = createTask('adding', { length: T });
    const b = task.batch(new Rng(5), B);
    const seen = new Set<number>();
    for (let s = 0; s < B; s++) {
      const marks: number[] = [];
      for (let t = 0; t < T; t++) {
        const r = t * B + s;
        const v = b.inputs[r * 2]!;
        expect(v >= 0 && v < 1).toBe(true);
        if (b.inputs[r * 2 + 1] === 1) marks.push(t);
        else expect(b.inputs[r * 2 + 1]).toBe(0);
      }
      expect(marks).toHaveLength(2);
      expect(marks[0]!).toBeLessThan(half);
      expect(marks[1]!).toBeGreaterThanOrEqual(half);
      marks.forEach((t) => seen.add(t));
      const sum = marks.reduce((a, t) => a + b.inputs[(t * B + s) * 2]!, 0);
      expect(b.targets[(T - 1) * B + s]).toBe(Math.fround(sum));
    }
    // Markers really range over both halves, not a fixed pair of slots.
    expect(seen.size).toBeGreaterThan(20);
  });
});

describe('copy', () => {
  it('shows k symbols, a blank gap, go, then asks for the same symbols in order', () => {
    const S = 5;
    const k = 4;
    const gap = 7;
    const task = createTask('copy', { symbols: S, items: k, gap });
    expect(task.length).toBe(2 * k + gap + 1);
    expect(task.inputSize).toBe(S + 2);
    expect(task.outputSize).toBe(S);
    const b = task.batch(new Rng(8), B);
    for (let s = 0; s < B; s++) {
      const shown: number[] = [];
      for (let t = 0; t < task.length; t++) {
        const c = hot(b, t * B + s);
        if (t < k) shown.push(c);
        if (t < k) expect(c).toBeLessThan(S);
        else if (t === k + gap) expect(c).toBe(S + 1);
        else expect(c).toBe(S);
      }
      const recalled = Array.from({ length: k }, (_, j) => b.targets[(k + gap + 1 + j) * B + s]);
      expect(recalled).toEqual(shown);
    }
  });
});

describe('parity', () => {
  it('targets the XOR of all bits', () => {
    const T = 9;
    const task = createTask('parity', { length: T });
    const b = task.batch(new Rng(2), B);
    let odd = 0;
    for (let s = 0; s < B; s++) {
      let x = 0;
      for (let t = 0; t < T; t++) {
        const bit = b.inputs[t * B + s]!;
        expect(bit === 0 || bit === 1).toBe(true);
        x ^= bit;
      }
      expect(b.targets[(T - 1) * B + s]).toBe(x);
      odd += x;
    }
    expect(odd).toBeGreaterThan(10);
    expect(odd).toBeLessThan(B - 10);
  });
});

describe('forecast', () => {
  it('targets the next value of the same signal and stays bounded', () => {
    const task = createTask('forecast', { length: 30, waves: 3, noise: 0.1 });
    const b = task.batch(new Rng(4), B);
    for (let s = 0; s < B; s++) {
      for (let t = 0; t < 30; t++) {
        expect(Math.abs(b.inputs[t * B + s]!)).toBeLessThan(3);
        if (t < 29) expect(b.targets[t * B + s]).toBe(b.inputs[(t + 1) * B + s]);
      }
    }
  });
});

describe('anomaly', () => {
  it('labels jumps: anomalous steps differ much more from the step before than normal ones', () => {
    const T = 400;
    const task = createTask('anomaly', { length: T, rate: 0.1 });
    const b = task.batch(new Rng(6), 16);
    const jump = { normal: [] as number[], anomaly: [] as number[] };
    for (let s = 0; s < 16; s++) {
      expect(b.targets[s]).toBe(0); // step 0 has no past to jump from
      for (let t = 1; t < T; t++) {
        const d = Math.abs(b.inputs[t * 16 + s]! - b.inputs[(t - 1) * 16 + s]!);
        (b.targets[t * 16 + s] === 1 ? jump.anomaly : jump.normal).push(d);
      }
    }
    const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
    expect(mean(jump.anomaly)).toBeGreaterThan(5 * mean(jump.normal));
    expect(Math.max(...b.inputs.map(Math.abs))).toBeLessThan(6);
  });
});

describe('charlm', () => {
  it('uses a small vocabulary and windows of the (circular) corpus, targeting the next char', () => {
    expect(CHARLM_VOCAB.length).toBeLessThanOrEqual(32);
    expect(CORPUS.length).toBeGreaterThan(2000);
    const task = createTask('charlm', { length: 60 });
    const V = task.inputSize;
    const b = task.batch(new Rng(9), B);
    for (let s = 0; s < B; s++) {
      let text = '';
      for (let t = 0; t < 60; t++) {
        const c = hot(b, t * B + s);
        expect(c).toBeGreaterThanOrEqual(0);
        text += CHARLM_VOCAB[c];
        if (t < 59) expect(b.targets[t * B + s]).toBe(hot(b, (t + 1) * B + s));
      }
      // The last target continues the window in the corpus.
      text += CHARLM_VOCAB[b.targets[59 * B + s]!];
      expect(CORPUS + CORPUS).toContain(text);
    }
    expect(V).toBe(CHARLM_VOCAB.length);
  });

  it('wraps windows around the end of the corpus, so every position is equally likely', () => {
    const task = createTask('charlm', { length: 400 });
    const b = task.batch(new Rng(10), 200);
    let wrapped = 0;
    for (let s = 0; s < 200; s++) {
      let text = '';
      for (let t = 0; t < 400; t++) text += CHARLM_VOCAB[hot(b, t * 200 + s)];
      if (!CORPUS.includes(text)) wrapped++;
    }
    // About 200 · 400 / |corpus| ≈ 26 windows should cross the end.
    expect(wrapped).toBeGreaterThan(5);
    for (let t = 0; t < 60; t++) expect(task.inputLabel(b, t)).not.toContain(' ');
  });
});

describe('custom', () => {
  it('numbers: input is value t, target value t+1, copied into every batch row', () => {
    const task = createTask('custom', {}, '3\n1.5, -2 ; 8e1');
    expect(task.length).toBe(3);
    const b = task.batch(new Rng(1), 3);
    expect(Array.from(b.inputs)).toEqual([3, 3, 3, 1.5, 1.5, 1.5, -2, -2, -2]);
    expect(Array.from(b.targets)).toEqual([1.5, 1.5, 1.5, -2, -2, -2, 80, 80, 80]);
    expect(task.targetLabel(b, 2)).toBe('80.00');
  });

  it('text: one-hot over its own sorted vocabulary, next-char targets, visible labels', () => {
    const task = createTask('custom', {}, '  ab a\n ');
    expect(task.inputSize).toBe(3); // ' ', 'a', 'b' after trimming the ends
    expect(task.length).toBe(3);
    const seq = task.sample(new Rng(1));
    expect(Array.from({ length: 3 }, (_, t) => task.inputLabel(seq, t))).toEqual(['a', 'b', '␣']);
    expect(Array.from(seq.targets)).toEqual([2, 0, 1]);
  });
});

describe('metrics', () => {
  it('accuracy, MSE and F1 count only targeted rows', () => {
    const parity = createTask('parity', { length: 2 });
    const b = parity.batch(new Rng(1), 2);
    const y = new Float32Array(8);
    // Row 2 (t=1, b=0) right, row 3 wrong; rows 0-1 are untargeted and ignored.
    y[2 * 2 + b.targets[2]!] = 1;
    y[3 * 2 + (1 - b.targets[3]!)] = 1;
    expect(parity.metric.compute(y, b)).toBe(0.5);

    const fc = createTask('forecast', { length: 10 });
    const fb = fc.batch(new Rng(1), 2);
    const fy = Float32Array.from(fb.targets, (v, i) => v + (i % 2 ? 1 : 3));
    expect(fc.metric.compute(fy, fb)).toBeCloseTo(5, 5);

    const an = createTask('anomaly', { length: 200, rate: 0.2 });
    const ab = an.batch(new Rng(1), 1);
    const pos = Array.from(ab.targets).filter((v) => v === 1).length;
    const everything = new Float32Array(400).map((_, i) => i % 2); // flags every step
    expect(an.metric.compute(everything, ab)).toBeCloseTo((2 * pos) / (2 * pos + 200 - pos), 10);
    expect(an.metric.compute(new Float32Array(400), ab)).toBe(0); // flags nothing
  });
});
