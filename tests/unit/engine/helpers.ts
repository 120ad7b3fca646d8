/** Shared set-up for the engine tests: the cell variants, the cpu backend, array comparison. */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { expect } from 'vitest';
import type { ModelSpec } from '../../../src/engine/types';

export async function useCpu(): Promise<void> {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
}

/** Every cell variant the engine implements. */
export const VARIANTS: {
  name: string;
  spec: Pick<ModelSpec, 'cell' | 'gruVariant' | 'activation'>;
}[] = [
  { name: 'elman tanh', spec: { cell: 'elman' } },
  { name: 'elman relu', spec: { cell: 'elman', activation: 'relu' } },
  { name: 'lstm', spec: { cell: 'lstm' } },
  { name: 'gru reset-after', spec: { cell: 'gru', gruVariant: 'reset-after' } },
  { name: 'gru reset-before', spec: { cell: 'gru', gruVariant: 'reset-before' } },
];

/**
 * Largest |actual − expected| relative to the array's scale (its largest |expected|), so a
 * float32 result is judged against float32's resolution at the magnitudes it holds.
 */
export function scaledError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  expect(actual.length).toBe(expected.length);
  let scale = 0;
  for (let k = 0; k < expected.length; k++) scale = Math.max(scale, Math.abs(expected[k]!));
  let worst = 0;
  for (let k = 0; k < expected.length; k++) {
    worst = Math.max(worst, Math.abs(actual[k]! - expected[k]!) / (scale || 1));
  }
  return worst;
}

export function expectClose(
  what: string,
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  tol: number,
): void {
  const err = scaledError(actual, expected);
  expect(err, `${what}: scaled error ${err.toExponential(2)} > ${tol}`).toBeLessThanOrEqual(tol);
}

/** Element-wise relative error, for values whose magnitudes span many decades. */
export function worstRelative(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < expected.length; k++) {
    const e = expected[k]!;
    const a = actual[k]!;
    worst = Math.max(worst, e === 0 ? Math.abs(a) : Math.abs(a - e) / Math.abs(e));
  }
  return worst;
}
