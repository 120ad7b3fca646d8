/**
 * A plain training run for the offline scripts (checkpoints, experiments): a fixed number of
 * updates of the engine's Trainer, then loss and metric on a fixed, seeded test set.
 */
import { Rng } from '../../src/engine/rng';
import type { Task } from '../../src/engine/tasks/task';
import { type TrainConfig, Trainer, isDivergence } from '../../src/engine/train';
import type { Model, ModelSpec } from '../../src/engine/types';
import { initModel } from '../../src/engine/weights/init';

export interface RunResult {
  model: Model;
  steps: number;
  /** mean loss on the test set */
  testLoss: number;
  testMetric: number;
  seconds: number;
  diverged: string | null;
}

export async function trainRun(
  spec: Omit<ModelSpec, 'inputSize' | 'outputSize'>,
  task: Task,
  steps: number,
  train: Partial<TrainConfig>,
  opts: { seed: number; testSize?: number; log?: (msg: string) => void },
): Promise<RunResult> {
  const full: ModelSpec = { ...spec, inputSize: task.inputSize, outputSize: task.outputSize };
  const trainer = new Trainer(initModel(full, { seed: opts.seed }), task, {
    ...train,
    seed: opts.seed,
  });
  const t0 = Date.now();
  let diverged: string | null = null;
  let recent = 0;
  for (let k = 1; k <= steps; k++) {
    const r = await trainer.step();
    if (isDivergence(r)) {
      diverged = r.reason;
      break;
    }
    recent += r.loss;
    if (k % 100 === 0) {
      opts.log?.(`  step ${k}/${steps}: mean loss of last 100 = ${(recent / 100).toFixed(5)}`);
      recent = 0;
    }
  }
  // The test set is drawn from its own seed, identical for every cell and run.
  const test = task.batch(new Rng(1_000_003), opts.testSize ?? 512);
  const { loss, metric } = await trainer.evaluate(test);
  const model = await trainer.model();
  const steps_ = trainer.steps;
  trainer.dispose();
  return {
    model,
    steps: steps_,
    testLoss: loss,
    testMetric: metric,
    seconds: (Date.now() - t0) / 1000,
    diverged,
  };
}
