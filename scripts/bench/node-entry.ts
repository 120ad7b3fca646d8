/**
 * The Node half of the bench. scripts/bench.ts bundles this file with Vite (SSR build, every
 * dependency inlined, CommonJS) before loading it: Node's own loader cannot import TF.js's ESM
 * gradient and chained-op registrations (extensionless imports), and its CommonJS core bundle
 * registers neither, while tf.layers needs chained ops and tf.variableGrads needs gradients.
 */
import { useNodeBackend } from '../node-backend';
import { runBackendCases, runPlainCases, type Log } from './suite';
import { runLensBench } from './lens';
import { runTrainingBench } from './training';
import type { BenchOptions, CaseResult, LensResult, PlainResult, TrainingResult } from './types';

export interface NodeBenchResult {
  plain: PlainResult[];
  cases: CaseResult[];
  training: TrainingResult[];
  lens: LensResult[];
}

export async function runNodeBench(
  opts: BenchOptions,
  backends: ('cpu' | 'wasm')[],
  log: Log,
): Promise<NodeBenchResult> {
  const plain = opts.cases === false ? [] : await runPlainCases('node', opts, log);
  const cases: CaseResult[] = [];
  const training: TrainingResult[] = [];
  const lens: LensResult[] = [];
  for (const b of backends) {
    log(`[node/${b}] starting`);
    await useNodeBackend(b);
    if (opts.cases !== false) cases.push(...(await runBackendCases('node', b, opts, log)));
    if (opts.training !== false) training.push(await runTrainingBench('node', b, opts, log));
    if (opts.cases !== false) lens.push(...runLensBench('node', b, opts, log));
  }
  return { plain, cases, training, lens };
}
