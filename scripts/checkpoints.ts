/**
 * `npm run checkpoints [-- --only lstm-adding] [--backend cpu|wasm]` trains every (cell × task)
 * pair with the engine in Node and writes public/checkpoints/<cell>-<task>.json in the
 * gatescope.weights/1 format plus public/checkpoints/manifest.json, so a classroom opens the
 * page and sees a trained network at once. Deterministic: fixed seeds and step budgets.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createTask, type TaskId } from '../src/engine/tasks/task';
import type { CellKind } from '../src/engine/types';
import { exportWeights } from '../src/engine/weights/format';
import { type CheckpointEntry, checkpointId } from '../src/engine/weights/checkpoints';
import { trainRun } from './lib/train-run';
import { useNodeBackend } from './node-backend';

const OUT = 'public/checkpoints';
const HIDDEN = 16;
const SEED = 1;

/** Per task: params (what the page shows when the checkpoint is loaded) and an update budget. */
const PLAN: Record<
  Exclude<TaskId, 'custom'>,
  { params: Record<string, number>; steps: number; lr: number }
> = {
  adding: { params: { length: 30 }, steps: 1200, lr: 0.01 },
  copy: { params: { symbols: 4, items: 3, gap: 10 }, steps: 1200, lr: 0.01 },
  parity: { params: { length: 4 }, steps: 4000, lr: 0.01 },
  forecast: { params: { length: 50 }, steps: 500, lr: 0.01 },
  anomaly: { params: { length: 50 }, steps: 500, lr: 0.01 },
  charlm: { params: { length: 40 }, steps: 800, lr: 0.01 },
};

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : undefined;
}

/** Rounds to float32's ~7 significant digits: a third of the JSON size, well under 1e-6 relative change. */
function compact(json: unknown): string {
  return JSON.stringify(json, (_, v: unknown) =>
    typeof v === 'number' ? Number(v.toPrecision(7)) : v,
  );
}

async function main() {
  await useNodeBackend((option('backend') as 'cpu' | 'wasm' | undefined) ?? 'wasm');
  const only = option('only');
  mkdirSync(OUT, { recursive: true });
  const manifestPath = `${OUT}/manifest.json`;
  let manifest: CheckpointEntry[] = [];
  try {
    manifest = (
      JSON.parse(readFileSync(manifestPath, 'utf8')) as { checkpoints: CheckpointEntry[] }
    ).checkpoints;
  } catch {
    // first run: no manifest yet
  }
  for (const [taskId, plan] of Object.entries(PLAN) as [
    Exclude<TaskId, 'custom'>,
    (typeof PLAN)['adding'],
  ][]) {
    const task = createTask(taskId, plan.params);
    for (const cell of ['elman', 'lstm', 'gru'] as CellKind[]) {
      const id = checkpointId(cell, taskId);
      if (only && only !== id) continue;
      process.stderr.write(`${id}: ${plan.steps} steps (T=${task.length})\n`);
      const r = await trainRun(
        { cell, hiddenSize: HIDDEN },
        task,
        plan.steps,
        { learningRate: plan.lr, batchSize: 16, clipNorm: 1 },
        { seed: SEED },
      );
      writeFileSync(`${OUT}/${id}.json`, compact(exportWeights(r.model, 'pytorch')));
      const entry: CheckpointEntry = {
        id,
        cell,
        task: taskId,
        taskParams: task.params,
        hiddenSize: HIDDEN,
        seed: SEED,
        steps: r.steps,
        testLoss: Number(r.testLoss.toPrecision(4)),
        baseline: Number(task.baseline.loss.toPrecision(4)),
        metricName: task.metric.name,
        testMetric: Number(r.testMetric.toPrecision(4)),
      };
      manifest = [...manifest.filter((m) => m.id !== id), entry];
      process.stderr.write(
        `  test loss ${entry.testLoss} vs baseline ${entry.baseline}; ${entry.metricName} ${entry.testMetric} (${r.seconds.toFixed(0)} s)\n`,
      );
    }
  }
  manifest.sort((a, b) => a.id.localeCompare(b.id));
  writeFileSync(
    manifestPath,
    JSON.stringify({ format: 'gatescope.checkpoints/1', checkpoints: manifest }, null, 1) + '\n',
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`checkpoints: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
