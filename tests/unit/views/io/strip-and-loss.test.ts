/** Pure render data of the input/output strip and of the training curve. */
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../../src/engine/rng';
import { createTask } from '../../../../src/engine/tasks/task';
import { runTrace } from '../../../../src/engine/trace';
import { initModel } from '../../../../src/engine/weights/init';
import { SALIENCY_DECADES, stripRenderData } from '../../../../src/views/io/stripData';
import { lossChartData } from '../../../../src/views/training/lossChartData';
import { useCpu } from '../../engine/helpers';

beforeAll(useCpu);

describe('input / output strip', () => {
  it('labels every step, shows targets only where targeted, and scales saliency to [0, 1]', async () => {
    const task = createTask('copy', { symbols: 4, items: 2, gap: 3 });
    const seq = task.sample(new Rng(3));
    const model = initModel(
      { cell: 'gru', inputSize: task.inputSize, hiddenSize: 8, outputSize: task.outputSize },
      { seed: 2 },
    );
    const trace = await runTrace(model, seq);
    const cells = stripRenderData(trace, task, seq);
    expect(cells).toHaveLength(trace.T);
    for (const c of cells) {
      expect(c.input.length).toBeGreaterThan(0);
      expect(c.targeted).toBe(seq.mask[c.t] === 1);
      expect(c.target === '').toBe(!c.targeted);
      expect(c.saliency).toBeGreaterThanOrEqual(0);
      expect(c.saliency).toBeLessThanOrEqual(1);
      expect(c.correct === null).toBe(!c.targeted);
    }
    // The most influential input is exactly 1; one that reaches the loss more weakly is lower.
    const top = cells.reduce((a, b) => (b.saliencyNorm > a.saliencyNorm ? b : a));
    expect(top.saliency).toBe(1);
    const other = cells.find((c) => c.saliencyNorm > 0 && c.saliencyNorm < top.saliencyNorm / 10);
    if (other)
      expect(other.saliency).toBeCloseTo(
        1 + Math.log10(other.saliencyNorm / top.saliencyNorm) / SALIENCY_DECADES,
        6,
      );
  });
});

describe('loss chart', () => {
  it('drops non-finite losses and spans the baseline', () => {
    const d = lossChartData(
      [
        { step: 1, loss: 0.2, metric: 0 },
        { step: 2, loss: NaN, metric: 0 },
        { step: 3, loss: 0.001, metric: 0 },
      ],
      1 / 6,
    );
    expect(d.points).toHaveLength(2);
    expect(d.yDomain[0]).toBeLessThanOrEqual(-3);
    expect(d.yDomain[1]).toBeGreaterThanOrEqual(Math.log10(0.2));
    expect(d.baselineLog10).toBeCloseTo(Math.log10(1 / 6), 10);
  });
});
