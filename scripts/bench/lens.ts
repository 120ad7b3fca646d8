/**
 * The Jacobian lens (issue #18): the time until its T × T map is whole, and until its step
 * singular values are too, at T = 100, H = 32 for each cell, on the seeded weights the page
 * starts from. The lens is float64 JavaScript and never touches TF.js, so "per backend" means
 * per place the bench runs (Node, and the bench page in Chromium next to each backend's cases):
 * the numbers should agree within noise, and a difference is the JS engine's, not a backend's.
 */
import { LensJob } from '../../src/engine/jacobian/lens';
import { normalizeSpec } from '../../src/engine/spec';
import { initWeights } from '../../src/engine/weights/init';
import type { CellKind } from '../../src/engine/types';
import { mulberry32, randomSequence } from '../../reference/random';
import { median, round } from './stats';
import type { BenchOptions, LensResult, Where } from './types';

export const LENS_PLAN = { T: 100, H: 32, repeats: 3 } as const;
export const QUICK_LENS_PLAN = { T: 20, H: 8, repeats: 1 } as const;
const CELLS: CellKind[] = ['elman', 'lstm', 'gru'];

export function runLensBench(
  where: Where,
  backend: string,
  opts: BenchOptions,
  log: (line: string) => void,
): LensResult[] {
  const plan = opts.quick ? QUICK_LENS_PLAN : LENS_PLAN;
  return CELLS.map((cell) => {
    const spec = normalizeSpec({ cell, inputSize: 8, hiddenSize: plan.H, outputSize: 1 });
    const model = { spec, weights: initWeights(spec, { seed: 1 }) };
    const seq = randomSequence(spec, plan.T, 'mse', mulberry32(5));
    const mapMs: number[] = [];
    const totalMs: number[] = [];
    let n = 0;
    for (let r = 0; r < plan.repeats + 1; r++) {
      const t0 = performance.now();
      const job = new LensJob(model, seq, []);
      while (job.firstColumn > 0) job.run(() => false);
      const t1 = performance.now();
      job.run();
      const t2 = performance.now();
      n = job.lens.n;
      if (r === 0) continue; // the first run warms the JIT
      mapMs.push(t1 - t0);
      totalMs.push(t2 - t0);
    }
    const result: LensResult = {
      where,
      backend,
      cell,
      T: plan.T,
      H: plan.H,
      n,
      mapMs: {
        medianMs: round(median(mapMs), 1),
        minMs: round(Math.min(...mapMs), 1),
        maxMs: round(Math.max(...mapMs), 1),
      },
      totalMs: {
        medianMs: round(median(totalMs), 1),
        minMs: round(Math.min(...totalMs), 1),
        maxMs: round(Math.max(...totalMs), 1),
      },
    };
    log(
      `[${where}/${backend}] lens ${cell} T=${plan.T} H=${plan.H}: map ${result.mapMs.medianMs} ms, all ${result.totalMs.medianMs} ms`,
    );
    return result;
  });
}
