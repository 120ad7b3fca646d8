/** The link schema: what a link writes comes back the same, and only non-defaults are written. */
import { describe, expect, it } from 'vitest';
import { parseHash, serializeState } from '../../../src/store/url/hash';
import { SCHEMA } from '../../../src/store/url/schema';
import { DEFAULT_URL_STATE, cloneState } from '../../../src/store/url/state';
import { canonical, randomState, rng } from './random';

describe('link round trip', () => {
  it('writes nothing for the default state', () => {
    expect(serializeState(cloneState(DEFAULT_URL_STATE))).toBe('');
    expect(parseHash('').state).toEqual(DEFAULT_URL_STATE);
    expect(parseHash('#').issues).toEqual([]);
  });

  it('serialize → parse gives the same state for 2,000 random valid states', () => {
    const r = rng(2024);
    for (let i = 0; i < 2000; i++) {
      const s = randomState(r);
      const hash = serializeState(s);
      const back = parseHash(`#${hash}`);
      expect(back.issues, hash).toEqual([]);
      expect(back.state, hash).toEqual(canonical(s));
      // Writing again gives the same link: links are canonical.
      expect(serializeState(back.state)).toBe(hash);
    }
  });

  it('writes short, readable links', () => {
    const s = cloneState(DEFAULT_URL_STATE);
    s.config.cell = 'gru';
    s.config.hiddenSize = 8;
    s.config.seed = 7;
    s.t = 11;
    s.selection.unit = 2;
    s.teacher = 'play';
    expect(serializeState(s)).toBe('cell=gru&H=8&seed=7&t=12&unit=3&teacher=play');
  });

  it('names weights it cannot hold by their fingerprint, and reports them missing when opened', () => {
    const s = cloneState(DEFAULT_URL_STATE);
    s.config.weights = 'imported';
    s.config.hiddenSize = 8;
    s.weightsId = '2028f62b';
    // `w` holds what the link can rebuild (seeded weights); `wid` names what it cannot.
    const hash = serializeState(s);
    expect(hash).toBe('H=8&wid=2028f62b');
    const back = parseHash(hash);
    expect(back.state.config.weights).toBe('random');
    expect(back.state.weightsId).toBeNull();
    expect(back.issues).toEqual([
      {
        key: 'wid',
        raw: '2028f62b',
        kind: 'ignored',
        reason:
          'this link used weights #2028f62b, which are not in the link: import their file, or ask for it (Export → weights); the seeded weights are shown',
      },
    ]);
    expect(parseHash('#wid=nothex').issues[0]?.reason).toBe(
      'not a weights fingerprint (8 hex digits)',
    );
    expect(parseHash('#w=imported').issues[0]?.reason).toMatch(/^unknown: use random, trained/);
  });

  it('writes task parameters only for the task that has them, and custom text escaped', () => {
    const s = cloneState(DEFAULT_URL_STATE);
    s.config.task = 'copy';
    s.config.taskParams = { gap: 20, items: 3 }; // items at its default
    s.config.customText = 'ignored here';
    expect(serializeState(s)).toBe('task=copy&p.gap=20');
    s.config.task = 'custom';
    s.config.taskParams = {};
    s.config.customText = 'a&b=c #1 é';
    const hash = serializeState(s);
    expect(hash).toBe('task=custom&custom=a%26b%3Dc%20%231%20%C3%A9');
    expect(parseHash(hash).state.config.customText).toBe('a&b=c #1 é');
  });

  it('has one row per key, and every key is safe in a URL as written', () => {
    const keys = SCHEMA.map((f) => f.key.toLowerCase());
    expect(new Set(keys).size).toBe(keys.length);
    for (const f of SCHEMA) expect(encodeURIComponent(f.key)).toBe(f.key);
  });
});
