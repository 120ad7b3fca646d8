/** Real traces for the diagram tests: every cell variant, seeded weights, random inputs. */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../../../src/engine/rng';
import { runTrace, type Trace } from '../../../../src/engine/trace';
import type { Model, ModelSpec, Sequence } from '../../../../src/engine/types';
import { initModel } from '../../../../src/engine/weights/init';

export const CASES: {
  name: string;
  spec: Pick<ModelSpec, 'cell' | 'gruVariant' | 'activation'>;
}[] = [
  { name: 'elman tanh', spec: { cell: 'elman', activation: 'tanh' } },
  { name: 'elman relu', spec: { cell: 'elman', activation: 'relu' } },
  { name: 'lstm', spec: { cell: 'lstm' } },
  { name: 'gru reset-after', spec: { cell: 'gru', gruVariant: 'reset-after' } },
  { name: 'gru reset-before', spec: { cell: 'gru', gruVariant: 'reset-before' } },
];

export const T = 7;
export const H = 5;
export const I = 3;

export async function useCpu(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
}

/** A model and its trace over T steps of uniform inputs in [−2, 2] (big enough to saturate some gates). */
export async function traceFor(
  spec: Pick<ModelSpec, 'cell' | 'gruVariant' | 'activation'>,
  seed = 3,
): Promise<{ model: Model; trace: Trace }> {
  const model = initModel({ ...spec, inputSize: I, hiddenSize: H, outputSize: 1 }, { seed });
  const rng = new Rng(seed + 100);
  const inputs = new Float32Array(T * I).map(() => rng.uniform(-2, 2));
  const seq: Sequence = {
    length: T,
    inputSize: I,
    inputs,
    loss: 'mse',
    mask: new Uint8Array(T).fill(1),
    targets: new Float32Array(T),
  };
  return { model, trace: await runTrace(model, seq) };
}
