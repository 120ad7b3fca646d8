/**
 * The trace worker's client and runner (src/workers/traceHost.ts, traceRunner.ts) in Node: the real
 * TraceRunner behind a port that clones and transfers like postMessage, on the cpu backend, and
 * a fake port where the test plays the worker (stale answers, deaths, silence). The worker entry
 * (traceWorker.ts) only wires `self` to the runner and is covered by tests/e2e/trace-worker.spec.ts.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { TraceHost, TraceWorkerUnavailable } from '../../../src/workers/traceHost';
import type { TraceRequest } from '../../../src/workers/traceProtocol';
import { recurrentSpectralRadii } from '../../../src/engine/linalg';
import { type Trace, runTrace } from '../../../src/engine/trace';
import { useCpu } from '../engine/helpers';
import { fakeTracePort, runnerPort, smallCase, typedArrays } from './traceTestKit';

beforeAll(useCpu);

function request(seed = 1, over: Partial<TraceRequest> = {}): TraceRequest {
  return { backend: 'cpu', ...smallCase(seed), clamps: [], spectralRadii: false, ...over };
}

/** A stand-in for a trace in the fake worker's answers (the host never looks inside). */
const marker = (name: string) => ({ name }) as unknown as Trace;

describe('trace host + runner (in-process worker, cpu)', () => {
  it("answers each request with its own trace, equal to the page's, its buffers transferred", async () => {
    const { port, posted } = runnerPort();
    const host = new TraceHost(port, 'cpu');
    await host.ready;
    const a = request(1, { spectralRadii: true });
    const b = request(2);
    const [ta, tb] = await Promise.all([host.trace('a', a), host.trace('b', b)]);
    expect(ta!.trace).toEqual(await runTrace(a.model, a.sequence));
    expect(tb!.trace).toEqual(await runTrace(b.model, b.sequence));
    expect(ta!.trace.loss).not.toBe(tb!.trace.loss);
    expect(ta!.ms).toBeGreaterThanOrEqual(0);
    expect(ta!.spectralRadii).toEqual(recurrentSpectralRadii(a.model.spec, a.model.weights));
    expect(tb!.spectralRadii).toBeNull();
    // The worker kept nothing: every array it sent was transferred, none copied.
    const sent = posted.flatMap((m) => (m.type === 'trace' ? [m.trace] : []));
    expect(sent).toHaveLength(2);
    const arrays = sent.flatMap((t) => typedArrays(t));
    expect(arrays.length).toBeGreaterThan(20);
    expect(arrays.filter(([, arr]) => arr.byteLength > 0).map(([path]) => path)).toEqual([]);
  });

  it('an engine error comes back with its message, exactly as runTrace throws it on the page', async () => {
    const host = new TraceHost(runnerPort().port, 'cpu');
    const badClamp = request(1, { clamps: [{ gate: 'forget', value: 2 }] });
    const onPage = await runTrace(badClamp.model, badClamp.sequence, badClamp).catch(
      (e: Error) => e.message,
    );
    expect(onPage).toBe('clamp value for forget must be in [0, 1] (got 2)');
    const inWorker = await host.trace('view', badClamp).catch((e: unknown) => e);
    expect(inWorker).toBeInstanceOf(Error);
    expect(inWorker).not.toBeInstanceOf(TraceWorkerUnavailable);
    expect((inWorker as Error).message).toBe(onPage);
    // Still working afterwards.
    expect((await host.trace('view', request(3)))!.trace.T).toBe(12);
  });

  it('a backend the worker cannot activate is declined by name; cpu still traces there', async () => {
    const host = new TraceHost(runnerPort().port, 'cpu');
    const wasm = await host.trace('view', request(1, { backend: 'wasm' })).catch((e: Error) => e);
    expect(wasm).toBeInstanceOf(TraceWorkerUnavailable);
    expect((wasm as Error).message).toBe(
      'the trace worker could not use wasm (no wasm in this test)',
    );
    expect((await host.trace('view', request(2)))!.trace.T).toBe(12);
    expect((await host.stats())!.backend).toBe('cpu');
  });

  it("leaves no tensors behind: the worker's memory is flat across traces", async () => {
    const host = new TraceHost(runnerPort().port, 'cpu');
    await host.trace('view', request(1));
    const before = (await host.stats())!;
    for (let i = 0; i < 5; i++) await host.trace('view', request(i + 2));
    const after = (await host.stats())!;
    expect(after.traces).toBe(before.traces + 5);
    expect(after.numTensors).toBe(before.numTensors);
    expect(after.numBytes).toBe(before.numBytes);
  });
});

describe('trace host (fake worker port)', () => {
  it('sends one trace at a time; a newer one in the lane settles the older with null', async () => {
    const f = fakeTracePort();
    const host = new TraceHost(f.port, 'cpu');
    expect(f.sent[0]).toEqual({ type: 'init', backend: 'cpu' });
    f.reply({ type: 'ready', backend: 'cpu', error: null });
    await host.ready;
    const older = host.trace('view', request(1));
    const other = host.trace('compare:gru', request(2));
    const newer = host.trace('view', request(3));
    expect(await older).toBeNull(); // overtaken while in flight
    expect(f.traces().map((m) => m.id)).toEqual([1]);
    // The stale answer to the overtaken request settles nothing; an unknown id neither.
    f.reply({ type: 'trace', id: 999, trace: marker('unknown'), ms: 1, spectralRadii: null });
    f.reply({ type: 'trace', id: 1, trace: marker('older'), ms: 1, spectralRadii: null });
    expect(f.traces().map((m) => m.id)).toEqual([1, 2]); // then the next lane's
    f.reply({ type: 'trace', id: 2, trace: marker('other'), ms: 2, spectralRadii: null });
    expect(f.traces().map((m) => m.id)).toEqual([1, 2, 3]);
    f.reply({ type: 'trace', id: 3, trace: marker('newer'), ms: 3, spectralRadii: [0.5] });
    expect(await other).toEqual({ trace: marker('other'), ms: 2, spectralRadii: null });
    expect(await newer).toEqual({ trace: marker('newer'), ms: 3, spectralRadii: [0.5] });
    // Answers for requests already answered are dropped too.
    f.reply({ type: 'error', id: 3, message: 'late' });
  });

  it('a request replaced while still waiting is settled with null and never sent', async () => {
    const f = fakeTracePort();
    const host = new TraceHost(f.port, 'cpu');
    const first = host.trace('compare:lstm', request(1));
    const waiting = host.trace('view', request(2));
    const latest = host.trace('view', request(3));
    expect(await waiting).toBeNull();
    f.reply({ type: 'trace', id: 1, trace: marker('lstm'), ms: 1, spectralRadii: null });
    expect((await first)!.trace).toEqual(marker('lstm'));
    expect(f.traces().map((m) => m.id)).toEqual([1, 3]);
    f.reply({ type: 'error', id: 3, message: 'hidden size must be a whole number' });
    await expect(latest).rejects.toThrow(/^hidden size must be a whole number$/);
  });

  it('a worker that dies: every waiting request hears it once, as TraceWorkerUnavailable', async () => {
    const f = fakeTracePort();
    const host = new TraceHost(f.port, 'cpu');
    f.reply({ type: 'ready', backend: 'cpu', error: null });
    const failures: string[] = [];
    host.onFailure = (r) => failures.push(r);
    const inFlight = host.trace('view', request(1)).catch((e: Error) => e);
    const waiting = host.trace('compare:gru', request(2)).catch((e: Error) => e);
    f.fail('Uncaught RangeError: out of memory');
    f.fail('again');
    for (const e of [await inFlight, await waiting]) {
      expect(e).toBeInstanceOf(TraceWorkerUnavailable);
      expect((e as Error).message).toBe(
        'the trace worker stopped (Uncaught RangeError: out of memory)',
      );
    }
    expect(failures).toEqual(['Uncaught RangeError: out of memory']);
    expect(host.dead).toBe(true);
    expect(f.closed()).toBe(true);
    const count = f.sent.length;
    await expect(host.trace('view', request(3))).rejects.toBeInstanceOf(TraceWorkerUnavailable);
    expect(await host.stats()).toBeNull();
    expect(f.sent).toHaveLength(count);
  });

  it('a worker that fails to start rejects `ready` with the reason', async () => {
    const f = fakeTracePort();
    const host = new TraceHost(f.port, 'wasm');
    f.fail('its script failed to load');
    await expect(host.ready).rejects.toThrow('its script failed to load');
  });

  it('a worker silent about a trace is given up on, and the request hears why', async () => {
    const f = fakeTracePort();
    const host = new TraceHost(f.port, 'cpu', 30);
    f.reply({ type: 'ready', backend: 'cpu', error: null });
    const e = await host.trace('view', request(1)).catch((err: Error) => err);
    expect(e).toBeInstanceOf(TraceWorkerUnavailable);
    expect((e as Error).message).toMatch(/^the trace worker stopped \(no answer to a trace within/);
    expect(f.closed()).toBe(true);
  });

  it('remembers a backend the worker could not start with and keeps those requests home', async () => {
    const f = fakeTracePort();
    const host = new TraceHost(f.port, 'wasm');
    f.reply({ type: 'ready', backend: 'wasm', error: 'its .wasm file failed to load or compile' });
    await host.ready;
    await expect(host.trace('view', request(1, { backend: 'wasm' }))).rejects.toThrow(
      'the trace worker could not use wasm (its .wasm file failed to load or compile)',
    );
    expect(f.traces()).toEqual([]);
    void host.trace('view', request(2));
    expect(f.traces().map((m) => m.backend)).toEqual(['cpu']);
  });
});
