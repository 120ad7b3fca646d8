/**
 * The page's training client against a fake runner port: the init handshake, the backend the
 * worker is asked for, and what happens when the worker fails to start or dies. Plus the
 * coalescing of retraces driven by the worker's weights (models.ts).
 */
import { describe, expect, it } from 'vitest';
import { oneAtATime } from '../../../src/app/session/oneAtATime';
import { describePlace } from '../../../src/workers/sharedTrainerHost';
import {
  type FromRunner,
  type ToRunner,
  runnerBackendFor,
} from '../../../src/workers/trainProtocol';
import { type RemoteTrainer, TrainerHost } from '../../../src/workers/trainerHost';
import { fakeWorkerPort } from './fakeWorkerPort';
import { recorder, request } from './trainerTestKit';

const fakePort = () => fakeWorkerPort<ToRunner, FromRunner>();

describe('trainer host (fake worker port)', () => {
  it('asks the worker for wasm when the page runs WebGL, and follows the page to cpu', async () => {
    const f = fakePort();
    const h = new TrainerHost(f.port, true, 'webgl');
    expect(f.sent[0]).toEqual({ type: 'init', backend: 'wasm', faults: [] });
    f.reply({ type: 'ready', backend: 'wasm', label: 'wasm (SIMD, 1 thread)' });
    await h.ready;
    expect(describePlace(h.place, 'webgl')).toBe(
      'in a worker, wasm (SIMD, 1 thread) (WebGL stays with the page, for the traces)',
    );
    h.setPageBackend('wasm'); // same backend for the worker: nothing to send
    expect(f.sent).toHaveLength(1);
    h.setPageBackend('cpu');
    expect(f.sent[1]).toEqual({ type: 'backend', backend: 'cpu' });
  });

  it('a worker that fails to start rejects `ready` with the reason', async () => {
    const f = fakePort();
    const h = new TrainerHost(f.port, true, 'cpu');
    f.fail('its script failed to load');
    await expect(h.ready).rejects.toThrow('its script failed to load');
    expect(f.closed()).toBe(true);
  });

  it('a worker that dies tells every live trainer, once, and sends nothing more', async () => {
    const f = fakePort();
    const h = new TrainerHost(f.port, true, 'cpu');
    f.reply({ type: 'ready', backend: 'cpu', label: 'cpu' });
    await h.ready;
    const a = recorder();
    const b = recorder();
    const ta: RemoteTrainer = h.start(request(), a.events);
    h.start(request(), b.events).dispose();
    const failures: string[] = [];
    h.onFailure = (r) => failures.push(r);
    f.fail('Uncaught RangeError: out of memory');
    f.fail('again');
    expect(a.log.errors).toEqual([
      'the training worker stopped (Uncaught RangeError: out of memory)',
    ]);
    expect(b.log.errors).toEqual([]); // disposed before
    expect(failures).toHaveLength(1);
    expect(h.dead).toBe(true);
    const count = f.sent.length;
    ta.run();
    expect(f.sent).toHaveLength(count);
  });

  it('ignores messages about trainers it does not know (dropped, or never started)', () => {
    const f = fakePort();
    const h = new TrainerHost(f.port, true, 'cpu');
    const a = recorder();
    const t = h.start(request(), a.events);
    const point = { step: 1, loss: 1, metric: 1 };
    f.reply({ type: 'report', items: [{ id: 999, points: [point], steps: 1, stepsPerSec: null }] });
    f.reply({
      type: 'report',
      items: [{ id: t.id, points: [point], steps: 1, stepsPerSec: null }],
    });
    t.dispose();
    f.reply({
      type: 'report',
      items: [{ id: t.id, points: [point], steps: 2, stepsPerSec: null }],
    });
    expect(a.log.reports.map((r) => r.steps)).toEqual([1]);
    expect(f.sent.at(-1)).toEqual({ type: 'drop', id: t.id });
  });

  it('maps page backends to the worker: WebGL stays with the page', () => {
    expect(runnerBackendFor('cpu')).toBe('cpu');
    expect(runnerBackendFor('wasm')).toBe('wasm');
    expect(runnerBackendFor('webgl')).toBe('wasm');
    expect(describePlace({ inWorker: false, backend: 'webgl', label: 'webgl' }, 'webgl')).toBe(
      "on the page's main thread, webgl",
    );
  });
});

describe('oneAtATime (retraces from training)', () => {
  it('coalesces calls in one task and never overlaps runs', async () => {
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    const retrace = oneAtATime(async () => {
      runs++;
      maxActive = Math.max(maxActive, ++active);
      await new Promise((r) => setTimeout(r, 20));
      active--;
    });
    retrace();
    retrace();
    retrace(); // three cells' weights in one message: one run
    await new Promise((r) => setTimeout(r, 5));
    expect(runs).toBe(1);
    retrace();
    retrace(); // while it runs: exactly one more, after it
    await new Promise((r) => setTimeout(r, 80));
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
  });
});
