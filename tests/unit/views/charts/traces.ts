/** Real traces from the engine for the chart tests (cpu backend, seeded, small). */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../../../src/engine/rng';
import { type Trace, runTrace } from '../../../../src/engine/trace';
import type { ModelSpec, Sequence } from '../../../../src/engine/types';
import { initModel } from '../../../../src/engine/weights/init';

export async function useCpu(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
}

/** A random-input sequence with MSE targets at the given steps (default: only the last). */
export function sequence(T: number, I: number, seed: number, targetSteps = [T - 1]): Sequence {
  const rng = new Rng(seed);
  const inputs = new Float32Array(T * I).map(() => rng.normal());
  const mask = new Uint8Array(T);
  const targets = new Float32Array(T);
  for (const s of targetSteps) {
    mask[s] = 1;
    targets[s] = rng.uniform(-1, 1);
  }
  return { length: T, inputSize: I, inputs, loss: 'mse', mask, targets };
}

export interface TraceOptions {
  T?: number;
  H?: number;
  recurrentScale?: number;
  targetSteps?: number[];
}

export async function makeTrace(
  spec: Pick<ModelSpec, 'cell' | 'activation' | 'gruVariant'>,
  opts: TraceOptions = {},
): Promise<Trace> {
  const T = opts.T ?? 24;
  const H = opts.H ?? 6;
  const model = initModel(
    { ...spec, inputSize: 3, hiddenSize: H, outputSize: 1 },
    { seed: 3, recurrentScale: opts.recurrentScale },
  );
  return runTrace(model, sequence(T, 3, 5, opts.targetSteps ?? [T - 1]));
}
