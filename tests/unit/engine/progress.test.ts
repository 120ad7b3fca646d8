/**
 * The loop kernels' progress reports (src/engine/progress.ts): heard only inside
 * withStepProgress, rising through the forward walk then the backward walk to 2·T for every
 * cell, and the listener gone once the work settles, also when it fails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import '../../../src/engine/fused';
import { reportStep, withStepProgress } from '../../../src/engine/progress';
import { runTrace } from '../../../src/engine/trace';
import { Rng } from '../../../src/engine/rng';
import { createTask } from '../../../src/engine/tasks/task';
import { initModel } from '../../../src/engine/weights/init';
import { VARIANTS, useCpu } from './helpers';

beforeAll(useCpu);

describe('step progress', () => {
  for (const v of VARIANTS) {
    it(`${v.name}: every report of a trace is in order, from 0 up to 2·T`, async () => {
      const T = 100;
      const spec = { ...v.spec, inputSize: 2, hiddenSize: 5, outputSize: 1 };
      const model = initModel(spec, { seed: 3 });
      const sequence = createTask('adding', { length: T }).sample(new Rng(3));
      const heard: [number, number][] = [];
      await withStepProgress(
        (done, total) => heard.push([done, total]),
        () => runTrace(model, sequence),
      );
      const done = heard.map(([d]) => d);
      expect(heard.every(([, total]) => total === 2 * T)).toBe(true);
      expect(done[0]).toBe(0);
      expect(done.at(-1)).toBe(2 * T);
      expect(done).toEqual([...done].sort((a, b) => a - b));
      // Forward steps 0, 32, 64, 96; backward steps 96 … 0 count as 2T − t.
      expect(done).toEqual([0, 32, 64, 96, 104, 136, 168, 200]);
    });
  }

  it('is silent outside withStepProgress, and the listener is dropped when the work fails', async () => {
    const heard: number[] = [];
    const failing = withStepProgress(
      (d) => heard.push(d),
      () => {
        reportStep(1, 10, false);
        return Promise.reject(new Error('engine refused'));
      },
    );
    await expect(failing).rejects.toThrow('engine refused');
    reportStep(2, 10, false);
    expect(heard).toEqual([1]);
  });
});
