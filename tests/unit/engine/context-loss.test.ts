/**
 * A lost WebGL context in Node: a stand-in backend registered as 'webgl' (the cpu kernels, plus
 * the `gpgpu.gl` that webglContext.ts reads) whose fake context can be lost on demand. Checks
 * that a computation in flight at the loss gives up instead of waiting forever, which is what
 * the switch to cpu waits for (store/backend.ts exclusiveBackendWork).
 */
import * as tf from '@tensorflow/tfjs-core';
import { MathBackendCPU } from '@tensorflow/tfjs-backend-cpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  unlessContextLost,
  watchContextLoss,
  webglContextLost,
} from '../../../src/engine/backend/webglContext';

class FakeGl {
  readonly RENDERER = 0x1f01;
  readonly canvas = new EventTarget();
  private isLost = false;
  getParameter(): unknown {
    return 'Fake GL';
  }
  getExtension(name: string): unknown {
    if (name !== 'WEBGL_lose_context') return null;
    return {
      loseContext: () => {
        this.isLost = true;
        this.canvas.dispatchEvent(new Event('webglcontextlost'));
      },
    };
  }
  isContextLost(): boolean {
    return this.isLost;
  }
}

class FakeWebglBackend extends MathBackendCPU {
  readonly gpgpu = { gl: new FakeGl() };
}

const loseContext = () =>
  (globalThis as unknown as { __gatescopeLoseContext: () => void }).__gatescopeLoseContext();

const never = new Promise<number>(() => {});

describe('a computation in flight when the WebGL context is lost', () => {
  beforeAll(async () => {
    tf.registerBackend('webgl', () => new FakeWebglBackend(), 1);
    expect(await tf.setBackend('webgl')).toBe(true);
  });
  afterAll(async () => {
    await tf.setBackend('cpu');
    tf.removeBackend('webgl');
  });

  it('passes results through while the context lives, then gives up at the loss', async () => {
    let losses = 0;
    watchContextLoss(() => losses++);
    expect(webglContextLost()).toBe(false);
    await expect(unlessContextLost(Promise.resolve(7))).resolves.toBe(7);
    await expect(unlessContextLost(Promise.reject(new Error('bad input')))).rejects.toThrow(
      'bad input',
    );

    // Stands for a GPU readback whose fence never signals once the context is gone.
    const hung = unlessContextLost(never);
    const outcome = hung.then(
      () => 'settled',
      (e: unknown) => (e as Error).message,
    );
    loseContext();
    expect(await outcome).toBe('the WebGL context was lost during the computation');
    expect(losses).toBe(1);
    expect(webglContextLost()).toBe(true);

    // Started after the loss: gives up at once too.
    await expect(unlessContextLost(never)).rejects.toThrow('context was lost');
  });

  it('leaves work alone once TF.js is on another backend', async () => {
    await tf.setBackend('cpu');
    const work = Promise.resolve('on cpu');
    expect(unlessContextLost(work)).toBe(work);
  });
});
