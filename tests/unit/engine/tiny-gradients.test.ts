/**
 * Vanishing gradients are the lesson, so tiny values are data: an Elman gradient many steps
 * back is ~1e-30 and must keep its value (relative error), not be flushed to zero while
 * float32 can still hold it. The memory path is kept in float64 even past float32's range.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { runTrace } from '../../../src/engine/trace';
import type { ModelSpec, Sequence } from '../../../src/engine/types';
import { initWeights } from '../../../src/engine/weights/init';
import {
  memoryPath,
  mulberry32,
  randomSequence,
  referenceBackward,
} from '../../../reference/rnn64';
import { useCpu, worstRelative } from './helpers';

beforeAll(useCpu);

const T = 90;
const spec: ModelSpec = { cell: 'elman', inputSize: 2, hiddenSize: 8, outputSize: 1 };

function manyToOne(): Sequence {
  return randomSequence(spec, T, 'mse', mulberry32(8), [...Array(T - 1).fill(0), 1]);
}

function rowNorms64(a: Float64Array, H: number): number[] {
  return Array.from({ length: a.length / H }, (_, t) =>
    Math.hypot(...a.subarray(t * H, (t + 1) * H)),
  );
}

describe('tiny gradients survive', () => {
  it('∂L/∂h_t keeps its relative accuracy down to float32 normal range', async () => {
    const weights = initWeights(spec, { seed: 4, recurrentScale: 0.45 });
    const seq = manyToOne();
    const tr = await runTrace({ spec, weights }, seq);
    const ref = rowNorms64(referenceBackward(spec, weights, seq).gradH, spec.hiddenSize);
    const got = Array.from(tr.series.gradHNorm);
    // The gradient spans many decades: the lesson of the chart.
    expect(ref[T - 1]! / ref[0]!).toBeGreaterThan(1e25);
    const normal = ref.map((v, t) => [v, t] as const).filter(([v]) => v > 1e-36);
    expect(normal.length).toBeGreaterThan(T * 0.8);
    // Relative error grows ~1 ulp per step of the product; 1e-4 leaves room for 90 steps.
    expect(
      worstRelative(
        normal.map(([, t]) => got[t]!),
        normal.map(([v]) => v),
      ),
    ).toBeLessThan(1e-4);
    // Nothing representable was flushed to zero.
    for (let t = 0; t < T; t++)
      if (ref[t]! > 1.5e-45 * 8) expect(got[t], `step ${t}`).toBeGreaterThan(0);
  });

  it('the memory path stays exact in float64 far below float32 range', async () => {
    const weights = initWeights(spec, { seed: 4, recurrentScale: 0.2 });
    const seq = manyToOne();
    const tr = await runTrace({ spec, weights }, seq);
    const ref = memoryPath(spec, weights, seq, T - 1);
    expect(ref[0]!).toBeLessThan(1e-60); // long gone for float32
    expect(worstRelative(tr.series.memoryPath, ref)).toBeLessThan(1e-4);
  });
});
