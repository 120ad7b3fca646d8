/** Each stated baseline against an independent Monte Carlo or recount of the memoryless best guess. */
import { describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng';
import { CORPUS } from '../../../src/engine/tasks/corpus';
import { createTask, type Task } from '../../../src/engine/tasks/task';

/** Targeted target values (or class indices) of n sequences drawn in batches of 500. */
function targets(task: Task, n: number, seed: number): number[] {
  const rng = new Rng(seed);
  const out: number[] = [];
  for (let done = 0; done < n; done += 500) {
    const b = task.batch(rng, Math.min(500, n - done));
    b.mask.forEach((m, r) => {
      if (m) out.push(b.targets[r]!);
    });
  }
  return out;
}

function entropy(xs: ArrayLike<number | string>): number {
  const counts = new Map<number | string, number>();
  for (let i = 0; i < xs.length; i++) counts.set(xs[i]!, (counts.get(xs[i]!) ?? 0) + 1);
  let h = 0;
  for (const c of counts.values()) h -= (c / xs.length) * Math.log(c / xs.length);
  return h;
}

const mean = (a: number[]) => a.reduce((x, y) => x + y, 0) / a.length;
const variance = (a: number[]) => {
  const m = mean(a);
  return a.reduce((x, y) => x + (y - m) ** 2, 0) / a.length;
};

describe('baselines', () => {
  it('adding: 1/6 = variance of the target sum', () => {
    const task = createTask('adding', { length: 10 });
    expect(task.baseline.loss).toBe(1 / 6);
    const y = targets(task, 20_000, 1);
    expect(mean(y)).toBeCloseTo(1, 1);
    expect(Math.abs(variance(y) / (1 / 6) - 1)).toBeLessThan(0.03);
  });

  it.each([2, 4, 7])('copy with %i symbols: ln S = entropy of the recalled symbols', (S) => {
    const task = createTask('copy', { symbols: S, items: 3, gap: 2 });
    expect(task.baseline.loss).toBeCloseTo(Math.log(S), 12);
    const y = targets(task, 5000, S);
    expect(Math.abs(entropy(y) - Math.log(S))).toBeLessThan(0.01 * Math.log(S));
  });

  it('parity: ln 2, and the last bit alone does not help', () => {
    const T = 6;
    const task = createTask('parity', { length: T });
    expect(task.baseline.loss).toBe(Math.LN2);
    const b = task.batch(new Rng(3), 500);
    const rng = new Rng(4);
    const withLastOne: number[] = [];
    const all: number[] = [];
    for (let i = 0; i < 40; i++) {
      const bb = i === 0 ? b : task.batch(rng, 500);
      for (let s = 0; s < 500; s++) {
        const y = bb.targets[(T - 1) * 500 + s]!;
        all.push(y);
        if (bb.inputs[(T - 1) * 500 + s] === 1) withLastOne.push(y);
      }
    }
    expect(Math.abs(entropy(all) - Math.LN2)).toBeLessThan(0.005);
    expect(Math.abs(mean(withLastOne) - 0.5)).toBeLessThan(0.02);
  });

  it('forecast: matches a fresh least-squares fit on x_t, and beats mean and persistence', () => {
    const task = createTask('forecast', { length: 40, waves: 2, noise: 0.1 });
    const rng = new Rng(77);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let i = 0; i < 4; i++) {
      const b = task.batch(rng, 500);
      b.inputs.forEach((x, r) => {
        xs.push(x);
        ys.push(b.targets[r]!);
      });
    }
    const mx = mean(xs);
    const my = mean(ys);
    const cov = mean(xs.map((x, i) => (x - mx) * (ys[i]! - my)));
    const residual = variance(ys) - cov ** 2 / variance(xs);
    expect(Math.abs(task.baseline.loss / residual - 1)).toBeLessThan(0.05);
    const persistence = mean(xs.map((x, i) => (ys[i]! - x) ** 2));
    expect(task.baseline.loss).toBeLessThan(variance(ys));
    expect(task.baseline.loss).toBeLessThan(persistence * 1.02);
    // Noise the network cannot predict is a floor under any baseline.
    expect(task.baseline.loss).toBeGreaterThan(0.01);
  });

  it.each([0.01, 0.05, 0.2])('anomaly at rate %f: H(prior) = entropy of the labels', (rate) => {
    const T = 100;
    const task = createTask('anomaly', { length: T, rate });
    const p = (rate * (T - 1)) / T;
    expect(task.baseline.loss).toBeCloseTo(-p * Math.log(p) - (1 - p) * Math.log(1 - p), 12);
    const y = targets(task, 2000, 5);
    expect(Math.abs(entropy(y) / task.baseline.loss - 1)).toBeLessThan(0.03);
  });

  it('charlm: unigram entropy of the corpus, recounted here, and of sampled targets', () => {
    const counts = new Map<string, number>();
    for (const c of CORPUS) counts.set(c, (counts.get(c) ?? 0) + 1);
    let h = 0;
    for (const c of counts.values()) h -= (c / CORPUS.length) * Math.log(c / CORPUS.length);
    const task = createTask('charlm', { length: 20 });
    expect(task.baseline.loss).toBeCloseTo(h, 10);
    const y = targets(task, 2000, 8);
    expect(Math.abs(entropy(y) - h)).toBeLessThan(0.01 * h);
    // Seeing the current character (bigram) helps, so it is the stronger input-only reference.
    expect(task.inputOnlyBaseline!.loss).toBeLessThan(task.baseline.loss - 0.3);
  });

  it('custom: variance of numeric targets; unigram and bigram entropy of text targets', () => {
    expect(createTask('custom', {}, '1 2 3 4').baseline.loss).toBeCloseTo(2 / 3, 6);
    const text = createTask('custom', {}, 'abab');
    expect(text.baseline.loss).toBeCloseTo(entropy(['b', 'a', 'b']), 12);
    expect(text.inputOnlyBaseline!.loss).toBe(0); // after a, always b; after b, always a
  });
});
