/** Config is validated and clamped on the way in, so no entry point can push the engine past its limits. */
import { HISTORY_CAP, appendPoint } from '../../../src/engine/lossHistory';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, KNOBS, clampKnob, sanitize } from '../../../src/config/config';
import { usePlayback } from '../../../src/store/playback';
import { parseBounded } from '../../../src/ui/NumberField';

describe('config sanitize', () => {
  it('clamps numbers to their bounds and snaps them to the step', () => {
    const c = sanitize(DEFAULT_CONFIG, { hiddenSize: 10_000, seed: -5, recurrentScale: 0.4321 });
    expect(c.hiddenSize).toBe(KNOBS.hiddenSize.max);
    expect(c.seed).toBe(0);
    expect(c.recurrentScale).toBeCloseTo(0.45, 10);
    expect(clampKnob('forgetBias', NaN)).toBe(DEFAULT_CONFIG.forgetBias);
  });

  it('drops unknown enum values and keeps the current ones', () => {
    const c = sanitize(DEFAULT_CONFIG, {
      cell: 'transformer' as never,
      gruVariant: 'sideways' as never,
      weights: 'magic' as never,
    });
    expect(c.cell).toBe(DEFAULT_CONFIG.cell);
    expect(c.gruVariant).toBe(DEFAULT_CONFIG.gruVariant);
    expect(c.weights).toBe(DEFAULT_CONFIG.weights);
  });

  it('resets task parameters when the task changes and clamps the new ones', () => {
    const a = sanitize(DEFAULT_CONFIG, { taskParams: { length: 5000 } });
    expect(a.taskParams.length).toBe(1000);
    const b = sanitize(a, { task: 'copy' });
    expect(b.taskParams).toEqual({});
    const c = sanitize(b, { taskParams: { gap: 7.6, bogus: 3, items: 'x' as never } });
    expect(c.taskParams).toEqual({ gap: 8 });
  });
});

describe('imported weights in the config', () => {
  const imported = sanitize(DEFAULT_CONFIG, { cell: 'gru', hiddenSize: 8, weights: 'imported' });

  it('stay imported while only the what-ifs or the view change', () => {
    for (const patch of [{ clampGate: 'update' as const }, { clampValue: 0.5 }])
      expect(sanitize(imported, patch).weights, JSON.stringify(patch)).toBe('imported');
  });

  it('become seeded random weights when anything that makes the weights changes', () => {
    for (const patch of [
      { cell: 'lstm' as const },
      { hiddenSize: 16 },
      { seed: 2 },
      { task: 'copy' as const },
      { recurrentScale: 2 },
      { gruVariant: 'reset-before' as const },
    ])
      expect(sanitize(imported, patch).weights, JSON.stringify(patch)).toBe('random');
    expect(sanitize(imported, { weights: 'trained' }).weights).toBe('trained');
  });
});

describe('number field parsing', () => {
  it.each([
    ['', /Enter a whole number from 1 to 64/],
    ['abc', /"abc" is not a number: enter a whole number from 1 to 64/],
    ['2.5', /Enter a whole number from 1 to 64/],
    ['65', /65 is out of range: enter a whole number from 1 to 64/],
  ])('rejects %j with a message', (text, message) => {
    expect(parseBounded(text, 1, 64, 1)).toMatch(message);
  });
  it('accepts valid values', () => {
    expect(parseBounded(' 12 ', 1, 64, 1)).toBe(12);
    expect(parseBounded('0.25', 0.1, 3, 0.05)).toBe(0.25);
  });
});

describe('playback cursor', () => {
  it('stays within 0 … T-1 and never recomputes anything', () => {
    const p = usePlayback.getState();
    p.setLength(10);
    p.seek(99);
    expect(usePlayback.getState().t).toBe(9);
    usePlayback.getState().stepBy(-20);
    expect(usePlayback.getState().t).toBe(0);
    usePlayback.getState().play();
    usePlayback.getState().setLength(3);
    expect(usePlayback.getState().t).toBe(0);
    usePlayback.getState().toEnd();
    usePlayback.getState().play(); // playing from the end starts over
    expect(usePlayback.getState()).toMatchObject({ t: 0, playing: true });
    usePlayback.getState().nudgeSpeed(1);
    expect(usePlayback.getState().speed).toBe(2);
  });
});

describe('training history', () => {
  it('thins old points so the history stays bounded', () => {
    let h: { step: number; loss: number; metric: number }[] = [];
    for (let s = 1; s <= 5000; s++) h = appendPoint(h, { step: s, loss: 1 / s, metric: 0 });
    expect(h.length).toBeLessThanOrEqual(HISTORY_CAP);
    expect(h[0]!.step).toBe(1);
    expect(h[h.length - 1]!.step).toBe(5000);
  });
});
