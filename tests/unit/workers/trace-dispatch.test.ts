/**
 * Where the page's traces run (src/workers/traceDispatch.ts), in Node on the cpu backend: in the
 * trace worker (here the real TraceRunner behind a cloning port) when the page is on cpu or
 * wasm and the worker is up, on the page otherwise, and on the page again, with the reason in
 * the status line, when the worker cannot start, cannot use the page's backend, or dies.
 */
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasSpectralRadii } from '../../../src/engine/spectralRadii';
import { QUICK_ON_PAGE_WORK, TraceDispatcher, traceWork } from '../../../src/workers/traceDispatch';
import type { TraceProgress } from '../../../src/store/trace';
import { TraceHost } from '../../../src/workers/traceHost';
import type { BackendName } from '../../../src/engine/backend/backends';
import { runTrace } from '../../../src/engine/trace';
import { useCpu } from '../engine/helpers';
import { until } from './trainerTestKit';
import {
  cpuOnly,
  fakeTracePort,
  longCase,
  runnerPort,
  smallCase,
  steppingClock,
} from './traceTestKit';

beforeAll(useCpu);
afterEach(() => vi.restoreAllMocks());

const FALLBACK =
  "Traces run on the page's main thread, so the page may pause while each is computed";

/** A dispatcher whose page shows `backend`; `connect` starts the worker. */
function dispatcher(connect: () => Promise<TraceHost>, backend: BackendName = 'cpu') {
  const page = {
    backend,
    messages: [] as (string | null)[],
    connects: 0,
    progress: [] as [string, TraceProgress | null][],
  };
  const d = new TraceDispatcher({
    connect: () => (page.connects++, connect()),
    pageBackend: () => page.backend,
    onFallback: (m) => page.messages.push(m),
    onProgress: (lane, p) => page.progress.push([lane, p]),
  });
  return { d, page };
}

/** A real runner behind a cloning port, ready. */
async function realWorker(): Promise<TraceHost> {
  const host = new TraceHost(runnerPort().port, 'cpu');
  await host.ready;
  return host;
}

/** Traces once (on the page, starting the worker) and waits until the worker is up or failed. */
async function warmUp(d: TraceDispatcher): Promise<void> {
  const { model, sequence } = smallCase(9);
  await d.trace('warm-up', model, sequence, []);
  const end = Date.now() + 20_000;
  while (d.worker === 'starting') {
    if (Date.now() > end) throw new Error('the worker never came up');
    await new Promise((r) => setTimeout(r, 5));
  }
}

describe('trace dispatcher', () => {
  it('on WebGL the page traces itself and never starts the worker', async () => {
    const { d, page } = dispatcher(realWorker, 'webgl');
    const { model, sequence } = smallCase(1);
    const got = await d.trace('view', model, sequence, []);
    expect(got!.trace).toEqual(await runTrace(model, sequence));
    expect(page.connects).toBe(0);
    expect(await d.stats()).toEqual({ inPage: 1, inWorker: 0, worker: 'none', runner: null });
  });

  it('on cpu: on the page while the worker starts, then in the worker, with the same numbers', async () => {
    const { d, page } = dispatcher(realWorker, 'cpu');
    await warmUp(d);
    expect(d.worker).toBe('ready');
    const { model, sequence } = smallCase(2);
    const clamps = [{ gate: 'forget', value: 1, from: 2, to: 5 }];
    expect(hasSpectralRadii(model.weights)).toBe(false);
    const got = await d.trace('view', model, sequence, clamps);
    expect(got!.trace).toEqual(await runTrace(model, sequence, { clamps }));
    // The radii came back with it: the page will not compute them (models.ts).
    expect(hasSpectralRadii(model.weights)).toBe(true);
    const stats = await d.stats();
    expect(stats).toMatchObject({ inPage: 1, inWorker: 1, worker: 'ready' });
    expect(stats.runner).toMatchObject({ traces: 1, backend: 'cpu', numTensors: 0 });
    expect(page.connects).toBe(1);
    expect(page.messages.every((m) => m === null)).toBe(true);
  });

  it("the worker's answer for a lane is dropped when a newer request there overtook it", async () => {
    const { d } = dispatcher(realWorker, 'cpu');
    await warmUp(d);
    const a = smallCase(3);
    const b = smallCase(4);
    const older = d.trace('view', a.model, a.sequence, []);
    const newer = d.trace('view', b.model, b.sequence, []);
    expect(await older).toBeNull();
    expect((await newer)!.trace).toEqual(await runTrace(b.model, b.sequence));
  });

  it('an engine error from the worker reaches the caller with its message, not retried on the page', async () => {
    const { d, page } = dispatcher(realWorker, 'cpu');
    await warmUp(d);
    const { model, sequence } = smallCase(5);
    const clamps = [{ gate: 'update', value: 1 }];
    const e = await d.trace('view', model, sequence, clamps).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(Error);
    expect((e as Error).message).toBe(
      'cannot clamp "update" on lstm: gates are input, forget, candidate, output',
    );
    expect(await d.stats()).toMatchObject({ inPage: 1, inWorker: 0 });
    expect(page.messages.filter((m) => m !== null)).toEqual([]);
  });

  it('a worker that cannot start: traces stay on the page, and the status line says why', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { d, page } = dispatcher(
      () => Promise.reject(new Error('this browser has no Web Workers')),
      'wasm',
    );
    await warmUp(d);
    expect(d.worker).toBe('failed');
    expect(page.messages.at(-1)).toBe(
      `${FALLBACK}: the trace worker could not start (this browser has no Web Workers).`,
    );
    const { model, sequence } = smallCase(6);
    expect((await d.trace('view', model, sequence, []))!.trace).toEqual(
      await runTrace(model, sequence),
    );
    expect(await d.stats()).toMatchObject({ inPage: 2, inWorker: 0 });
    expect(page.connects).toBe(1); // not retried per trace
  });

  it('a worker that dies holding a trace: that trace is computed on the page, nothing lost', async () => {
    const f = fakeTracePort();
    const { d, page } = dispatcher(async () => {
      const host = new TraceHost(f.port, 'cpu');
      f.reply({ type: 'ready', backend: 'cpu', error: null });
      await host.ready;
      return host;
    });
    await warmUp(d);
    const { model, sequence } = smallCase(7);
    const pending = d.trace('view', model, sequence, []);
    await until(() => f.traces().length === 1);
    f.fail('Uncaught RangeError: out of memory');
    expect((await pending)!.trace).toEqual(await runTrace(model, sequence));
    expect(page.messages.at(-1)).toBe(
      `${FALLBACK}: the trace worker stopped (Uncaught RangeError: out of memory).`,
    );
    expect(await d.stats()).toMatchObject({ inPage: 2, inWorker: 0, worker: 'failed' });
    await d.trace('view', model, sequence, []);
    expect(f.traces()).toHaveLength(1);
    expect(page.connects).toBe(1);
  });

  it('follows the page to another backend, and traces on the page where the worker cannot', async () => {
    const { d, page } = dispatcher(realWorker, 'cpu');
    await warmUp(d);
    const { model, sequence } = smallCase(8);
    await d.trace('view', model, sequence, []);
    page.backend = 'wasm'; // this test's worker has no wasm (traceTestKit.cpuOnly)
    expect((await d.trace('view', model, sequence, []))!.trace).toEqual(
      await runTrace(model, sequence),
    );
    expect(page.messages.at(-1)).toBe(
      `${FALLBACK}: the trace worker could not use wasm (no wasm in this test).`,
    );
    page.backend = 'cpu';
    await d.trace('view', model, sequence, []);
    expect(page.messages.at(-1)).toBeNull(); // back in the worker: nothing to say
    expect(await d.stats()).toMatchObject({ inPage: 2, inWorker: 2 });
  });

  it('a long trace waits for the starting worker rather than blocking the page, and reports progress', async () => {
    const { model, sequence } = longCase(10);
    expect(traceWork(model.spec, sequence.length)).toBeGreaterThan(QUICK_ON_PAGE_WORK);
    expect(traceWork(smallCase().model.spec, 12)).toBeLessThan(QUICK_ON_PAGE_WORK);
    const started = async () => {
      await new Promise((r) => setTimeout(r, 50)); // still starting when the trace is asked for
      const host = new TraceHost(runnerPort(cpuOnly, steppingClock(60)).port, 'cpu');
      await host.ready;
      return host;
    };
    const { d, page } = dispatcher(started, 'cpu');
    const got = await d.trace('view', model, sequence, []);
    expect(got!.trace).toEqual(await runTrace(model, sequence));
    expect(await d.stats()).toMatchObject({ inPage: 0, inWorker: 1, worker: 'ready' });
    // Reports of the view's lane, steps rising to 2·T, then null once the answer is in.
    const reports = page.progress.map(([lane, p]) => (expect(lane).toBe('view'), p));
    expect(reports.at(-1)).toBeNull();
    const steps = reports.slice(0, -1).map((p) => p!.done);
    expect(steps.length).toBeGreaterThan(10);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    expect(steps.at(-1)).toBe(2 * sequence.length);
    expect(reports.slice(0, -1).every((p) => p!.total === 2 * sequence.length)).toBe(true);
  });

  it('a long trace falls back to the page when the worker it waited for cannot start', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { model, sequence } = longCase(11);
    const { d, page } = dispatcher(() => Promise.reject(new Error('blocked by policy')), 'wasm');
    const got = await d.trace('view', model, sequence, []);
    expect(got!.trace).toEqual(await runTrace(model, sequence));
    expect(await d.stats()).toMatchObject({ inPage: 1, inWorker: 0, worker: 'failed' });
    expect(page.messages.at(-1)).toBe(
      `${FALLBACK}: the trace worker could not start (blocked by policy).`,
    );
  });
});
