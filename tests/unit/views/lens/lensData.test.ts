/** The Jacobian lens's render data: pixels, the clamped selection, the row, the bound, the text. */
import { describe, expect, it } from 'vitest';
import { jacobianLens } from '../../../../src/engine/jacobian/lens';
import { normalizeSpec } from '../../../../src/engine/spec';
import { initWeights } from '../../../../src/engine/weights/init';
import {
  LENS_FLOOR,
  lensLogDomain,
  lensPixels,
  lensRenderData,
} from '../../../../src/views/lens/lensData';
import { mulberry32, randomSequence } from '../../../../reference/random';

function lensOf(cell: 'elman' | 'lstm', T = 12) {
  const spec = normalizeSpec({ cell, inputSize: 2, hiddenSize: 4, outputSize: 1 });
  const model = { spec, weights: initWeights(spec, { seed: 2 }) };
  return jacobianLens(model, randomSequence(spec, T, 'mse', mulberry32(4)));
}

describe('lens render data', () => {
  it('pixels: diverging about 1 (blue shrunk, orange grown), upper triangle clear, not computed checked grey', () => {
    const lens = lensOf('lstm');
    const T = lens.T;
    lens.norm[0 * T + 9] = NaN; // (t = 9, k = 0) not computed
    lens.norm[0 * T + 10] = NaN;
    lens.norm[1 * T + 10] = 1e-5;
    lens.norm[2 * T + 10] = 100;
    const px = lensPixels(lens, lensLogDomain(lens));
    const at = (t: number, k: number) =>
      Array.from(px.subarray((t * T + k) * 4, (t * T + k) * 4 + 4));
    expect(at(2, 5)[3]).toBe(0);
    expect(at(5, 2)[3]).toBe(255);
    const greys = [at(9, 0), at(10, 0)];
    for (const g of greys) expect(g[0] === g[1] && g[1] === g[2]).toBe(true);
    expect(greys[0]).not.toEqual(greys[1]);
    const [r1, g1, b1] = at(11, 11); // 1: pale, nearly white
    expect(Math.min(r1!, g1!, b1!)).toBeGreaterThan(200);
    const shrunk = at(10, 1);
    expect(shrunk[2]!).toBeGreaterThan(shrunk[0]! + 40);
    const grown = at(10, 2);
    expect(grown[0]!).toBeGreaterThan(grown[2]! + 40);
  });

  it('keeps k ≤ t inside the lens and reads the row, and the Elman bound only for Elman', () => {
    const lens = lensOf('elman');
    const d = lensRenderData(lens, 8, 10);
    expect([d.t, d.k]).toEqual([8, 8]);
    expect(d.row).toHaveLength(9);
    expect(d.row[8]!.log10).toBe(0);
    const s = lens.whhNorm!;
    expect(d.bound).toHaveLength(9);
    expect(d.bound![3]!.log10).toBeCloseTo(5 * Math.log10(s), 12);
    expect(lensRenderData(lensOf('lstm'), 8, 2).bound).toBeNull();
    expect(lensRenderData(lens, 99, null)).toMatchObject({ t: 11, k: 0 });
    expect(d.svAtT).toHaveLength(4);
    expect(d.svMax).toHaveLength(12);
  });

  it('says what the selected number means, and when it is not computed or below the floor', () => {
    const lens = lensOf('lstm');
    const T = lens.T;
    expect(lensRenderData(lens, 7, 7).summary).toMatch(/= 1: a state is all of itself/);
    expect(lensRenderData(lens, 7, 3).summary).toMatch(/^‖∂s₈\/∂s₄‖ = .*4 steps later/);
    lens.norm[3 * T + 7] = NaN;
    expect(lensRenderData(lens, 7, 3).summary).toMatch(/still being computed/);
    lens.maxLag = 2; // a band: lag 4 lies outside it
    expect(lensRenderData(lens, 7, 3).summary).toMatch(/not computed \(the map holds lags up to 2/);
    lens.maxLag = T - 1;
    lens.norm[3 * T + 7] = 0;
    lens.floor = LENS_FLOOR;
    expect(lensRenderData(lens, 7, 3).summary).toMatch(
      /< 1\.0×10⁻³⁰: nothing of step 4 reaches step 8/,
    );
  });

  it('the colour scale spans whole decades, down to the floor where an entry was pruned', () => {
    const lens = lensOf('elman', 30);
    const [lo, hi] = lensLogDomain(lens);
    expect(Number.isInteger(lo) && Number.isInteger(hi)).toBe(true);
    expect(lo).toBeLessThanOrEqual(-1);
    expect(hi).toBeGreaterThanOrEqual(1);
    lens.norm[0 * 30 + 29] = 0;
    expect(lensLogDomain(lens)[0]).toBe(-30);
  });
});
