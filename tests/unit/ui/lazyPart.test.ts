/** Lazily loaded parts: retried loads, a remembered failure, and a retry that can succeed. */
import { describe, expect, it } from 'vitest';
import { LazyPart, failedModuleUrl, importWithRetry } from '../../../src/ui/lazyPart';

/** A loader that fails `failures` times (a dropped network), then gives `value`. */
function flaky<T>(failures: number, value: T) {
  let calls = 0;
  const load = () => {
    calls++;
    return calls <= failures
      ? Promise.reject(new TypeError(`Failed to fetch dynamically imported module (try ${calls})`))
      : Promise.resolve(value);
  };
  return { load, calls: () => calls };
}

const noWait = () => Promise.resolve();

describe('importWithRetry', () => {
  it('tries again after each wait and gives the first success', async () => {
    const f = flaky(2, 'module');
    const waited: number[] = [];
    const sleep = (ms: number) => (waited.push(ms), Promise.resolve());
    await expect(importWithRetry(f.load, { waits: [10, 20], sleep })).resolves.toBe('module');
    expect(f.calls()).toBe(3);
    expect(waited).toEqual([10, 20]);
  });

  it('rejects with the last error once the waits are used up', async () => {
    const f = flaky(5, 'module');
    await expect(importWithRetry(f.load, { waits: [1, 1], sleep: noWait })).rejects.toThrow(
      '(try 3)',
    );
    expect(f.calls()).toBe(3);
  });
});

describe('a failed module fetch the browser keeps (its module map)', () => {
  const url = 'http://127.0.0.1:4173/assets/CompareView-abc.js';
  const cachedFailure = () =>
    Promise.reject(new TypeError(`Failed to fetch dynamically imported module: ${url}`));

  it('names the chunk in Chromium’s and Firefox’s wording', () => {
    expect(
      failedModuleUrl(new TypeError(`Failed to fetch dynamically imported module: ${url}`)),
    ).toBe(url);
    expect(
      failedModuleUrl(new TypeError(`error loading dynamically imported module: ${url}`)),
    ).toBe(url);
    expect(failedModuleUrl(new Error('Unable to preload CSS for /assets/x.css'))).toBeNull();
  });

  it('imports the same chunk under a URL never asked for before', async () => {
    const asked: string[] = [];
    let online = false;
    const importUrl = (u: string) => {
      asked.push(u);
      return online
        ? Promise.resolve({ CompareView: 'fresh' })
        : Promise.reject(new TypeError('offline'));
    };
    const sleep = () => ((online = true), Promise.resolve());
    await expect(
      importWithRetry(cachedFailure, { waits: [5], sleep, importUrl, freshUrl: true }),
    ).resolves.toEqual({ CompareView: 'fresh' });
    expect(asked).toHaveLength(2);
    expect(new Set(asked).size).toBe(2);
    for (const u of asked)
      expect(u).toMatch(/^http:\/\/127\.0\.0\.1:4173\/assets\/CompareView-abc\.js\?retry=\d+$/);
  });

  it('never makes a second copy of a chunk other chunks import (freshUrl off)', async () => {
    const asked: string[] = [];
    const importUrl = (u: string) => (asked.push(u), Promise.resolve({}));
    await expect(
      importWithRetry(cachedFailure, { waits: [0], sleep: noWait, importUrl }),
    ).rejects.toThrow('Failed to fetch dynamically imported module');
    expect(asked).toEqual([]);
  });

  it('gives up with the load’s own error when the fresh URL fails too', async () => {
    const importUrl = () => Promise.reject(new TypeError('offline'));
    await expect(
      importWithRetry(cachedFailure, { waits: [0], sleep: noWait, importUrl, freshUrl: true }),
    ).rejects.toThrow('Failed to fetch dynamically imported module');
  });
});

describe('LazyPart', () => {
  const settle = () => new Promise((r) => setTimeout(r, 0));

  it('loads once, however many components start it', async () => {
    const f = flaky(0, { View: 'compare' });
    const part = new LazyPart(f.load, { waits: [] });
    const seen: string[] = [];
    part.subscribe(() => seen.push(part.snapshot().status));
    part.start();
    part.start();
    await settle();
    part.start();
    expect(part.snapshot()).toEqual({ status: 'ready', module: { View: 'compare' }, error: null });
    expect(f.calls()).toBe(1);
    expect(seen).toEqual(['loading', 'ready']);
  });

  it('remembers a failure until retry, and a retry once the network is back succeeds', async () => {
    const f = flaky(3, 'module'); // the first load and its two retries fail
    const part = new LazyPart(f.load, { waits: [0, 0] });
    part.start();
    await settle();
    await settle();
    await settle();
    const failed = part.snapshot();
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('Failed to fetch dynamically imported module');
    expect(f.calls()).toBe(3);

    part.start(); // a re-render does not fetch again by itself: the button does
    await settle();
    expect(f.calls()).toBe(3);

    part.retry();
    expect(part.snapshot().status).toBe('loading');
    await settle();
    expect(part.snapshot()).toEqual({ status: 'ready', module: 'module', error: null });
    expect(f.calls()).toBe(4);
  });
});
