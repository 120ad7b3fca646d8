/** Real compare columns for the tests: engine traces on the adding task (cpu backend, seeded). */
import { type CompareColumn, emptyColumn } from '../../../../src/config/compareColumn';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import type { GateClamp } from '../../../../src/engine/interventions';
import { recurrentSpectralRadii } from '../../../../src/engine/linalg';
import { Rng } from '../../../../src/engine/rng';
import { type Task, createTask } from '../../../../src/engine/tasks/task';
import { runTrace } from '../../../../src/engine/trace';
import type { CellKind, ModelSpec, Sequence } from '../../../../src/engine/types';
import { initModel } from '../../../../src/engine/weights/init';

export async function useCpu(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
}

export function addingTask(length = 40): { task: Task; seq: Sequence } {
  const task = createTask('adding', { length });
  return { task, seq: task.sample(new Rng(1)) };
}

export interface ColumnOptions {
  H?: number;
  seed?: number;
  recurrentScale?: number;
  clamps?: GateClamp[];
  /** leave spectralRadii empty (the table computes them from the weights) */
  noRadii?: boolean;
}

export async function makeColumn(
  cell: CellKind,
  task: Task,
  seq: Sequence,
  opts: ColumnOptions = {},
): Promise<CompareColumn> {
  const spec: ModelSpec = {
    cell,
    inputSize: task.inputSize,
    hiddenSize: opts.H ?? 8,
    outputSize: task.outputSize,
  };
  const model = initModel(spec, { seed: opts.seed ?? 1, recurrentScale: opts.recurrentScale });
  const t0 = performance.now();
  const trace = await runTrace(model, seq, { clamps: opts.clamps });
  return {
    ...emptyColumn(cell),
    spec,
    trace,
    weights: model.weights,
    traceMs: performance.now() - t0,
    spectralRadii: opts.noRadii ? [] : recurrentSpectralRadii(spec, model.weights),
  };
}

/** The three columns of the compare store, each built with its own options. */
export async function makeColumns(
  task: Task,
  seq: Sequence,
  opts: Partial<Record<CellKind, ColumnOptions>> = {},
): Promise<Record<CellKind, CompareColumn>> {
  return {
    elman: await makeColumn('elman', task, seq, opts.elman),
    lstm: await makeColumn('lstm', task, seq, opts.lstm),
    gru: await makeColumn('gru', task, seq, opts.gru),
  };
}

/** A copy of a column whose trace series are replaced (for edge cases real traces rarely hit). */
export function withSeries(
  col: CompareColumn,
  patch: Partial<NonNullable<CompareColumn['trace']>['series']>,
): CompareColumn {
  const tr = col.trace!;
  return { ...col, trace: { ...tr, series: { ...tr.series, ...patch } } };
}
