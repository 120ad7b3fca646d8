/** Garbage links never break the page: parsing never throws and says why it dropped anything. */
import { describe, expect, it } from 'vitest';
import { KNOBS, sanitize } from '../../../src/config/config';
import { LINK_TEXT_MAX } from '../../../src/store/url/codecs';
import { formatIssue, parseHash, serializeState } from '../../../src/store/url/hash';
import { selectableRows } from '../../../src/config/selection';
import { garbageHash, rng } from './random';

describe('fuzzed links', () => {
  it('5,000 garbage hashes: no throw, every issue explained, the state valid', () => {
    const r = rng(7);
    let issues = 0;
    for (let i = 0; i < 5000; i++) {
      const hash = garbageHash(r);
      const { state, issues: found } = parseHash(hash);
      for (const issue of found) {
        expect(issue.reason.length, hash).toBeGreaterThan(0);
        expect(typeof issue.key, hash).toBe('string');
        expect(formatIssue(issue)).toContain(issue.reason);
      }
      issues += found.length;
      const c = state.config;
      // Already valid: the store's own sanitize has nothing left to change.
      expect(sanitize(c, c), hash).toEqual(c);
      expect(c.hiddenSize).toBeGreaterThanOrEqual(KNOBS.hiddenSize.min);
      expect(c.hiddenSize).toBeLessThanOrEqual(KNOBS.hiddenSize.max);
      expect(Number.isInteger(state.t) && state.t >= 0 && state.t < 1000, hash).toBe(true);
      expect(state.selection.unit).toBeLessThan(c.hiddenSize);
      if (state.selection.gate !== null)
        expect(selectableRows(c.cell)).toContain(state.selection.gate);
      expect(Array.from(c.customText).length).toBeLessThanOrEqual(Math.max(LINK_TEXT_MAX, 17));
      // What survives is itself a clean link.
      expect(parseHash(serializeState(state)).issues, hash).toEqual([]);
    }
    expect(issues).toBeGreaterThan(5000); // the garbage really was rejected, with reasons
  });

  it('survives huge and hostile inputs', () => {
    const cases = [
      '#' + 'H=1&'.repeat(100_000),
      '#' + 'x'.repeat(1_000_000),
      '#custom=' + 'a'.repeat(10_000),
      '#%',
      '#=&=&=',
      '#&&&',
      '#__proto__=1&constructor=2&toString=3',
      '#task=custom&custom=%F0%9F%99',
    ];
    for (const hash of cases) expect(() => parseHash(hash)).not.toThrow();
    expect(parseHash('#' + 'H=1&'.repeat(100_000)).issues.at(-1)?.reason).toMatch(/more parts/);
    const long = parseHash('#task=custom&custom=' + '1,'.repeat(5000));
    expect(long.state.config.customText).toHaveLength(LINK_TEXT_MAX);
    expect(long.issues).toEqual([
      expect.objectContaining({
        key: 'custom',
        kind: 'adjusted',
        reason: 'cut to 2000 characters',
      }),
    ]);
    expect(parseHash('#__proto__=1').state.config.cell).toBe('lstm');
  });
});
