import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';

describe('TF.js in Node', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  it('runs on the pure-JS cpu backend', () => {
    expect(tf.getBackend()).toBe('cpu');
  });

  it('multiplies matrices exactly', async () => {
    const a = tf.tensor2d([
      [1, 2],
      [3, 4],
    ]);
    const b = tf.tensor2d([
      [5, 6],
      [7, 8],
    ]);
    const c = tf.matMul(a, b);
    expect(c.shape).toEqual([2, 2]);
    expect(Array.from(await c.data())).toEqual([19, 22, 43, 50]);
    tf.dispose([a, b, c]);
  });

  it('leaks no tensors inside tf.tidy', () => {
    const before = tf.memory().numTensors;
    // Functional ops only: the split packages register no chained ops (x.sum()) or gradients.
    const sum = tf.tidy(() => tf.sum(tf.sigmoid(tf.zeros([4, 4]))));
    expect(sum.dataSync()[0]).toBeCloseTo(8, 6);
    sum.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
