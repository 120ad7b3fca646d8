/** Small order statistics shared by every part of the bench (Node and browser). */

export const round = (v: number, digits = 3) => {
  const f = 10 ** digits;
  return Math.round(v * f) / f;
};

/** The app's backend choice uses the same median. */
export { median } from '../../src/engine/backend/choice';

/** The p-th percentile (0–100), nearest rank: a value that was actually observed. */
export function percentile(values: readonly number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * s.length);
  return s[Math.min(s.length - 1, Math.max(0, rank - 1))]!;
}
