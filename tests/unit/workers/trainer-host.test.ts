/**
 * The training client and runner (src/workers/trainerHost.ts, trainRunner.ts) in Node: the real
 * TrainingRunner behind the in-page port (the same code the worker runs), on the cpu backend.
 * The worker's failure paths use a fake port (trainer-host-port.test.ts); the worker entry
 * itself (trainWorker.ts) only wires `self` to the runner and is covered by the e2e suite.
 */
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectInPage } from '../../../src/workers/trainInPage';
import type { FromRunner } from '../../../src/workers/trainProtocol';
import type { TrainerHost } from '../../../src/workers/trainerHost';
import { TrainingRunner } from '../../../src/workers/trainRunner';
import { initModel } from '../../../src/engine/weights/init';
import { useCpu } from '../engine/helpers';
import { finite, recorder, request, steps, until } from './trainerTestKit';

beforeAll(useCpu);

let host: TrainerHost | null = null;
afterEach(async () => {
  // A round trip through the runner: the drops a test ended with are done before the next.
  await host?.memory();
  host = null;
});

describe('training host + runner (in-page port, cpu)', () => {
  it('starts, takes one update, and sends a report and the weights', async () => {
    host = await connectInPage('cpu', []);
    expect(host.place).toEqual({ inWorker: false, backend: 'cpu', label: 'cpu' });
    const req = request();
    const { log, events } = recorder();
    const t = host.start(req, events);
    t.stepOnce();
    await until(() => log.weights.length === 1);
    expect(steps(log.reports)).toEqual([1]);
    expect(log.reports[0]!.points[0]!.loss).toBeGreaterThan(0);
    expect(log.weights[0]!.steps).toBe(1);
    const w = log.weights[0]!.model.weights;
    expect(w.wHh).not.toEqual(req.model.weights.wHh); // updated
    // The page owns what it received: a copy, not the variable's storage. Zeroing it must not
    // reach the trainer: the weights sent after the next update are one Adam step (at most
    // about the learning rate per entry) from those sent, not from zero.
    const sent = w.wHh.slice();
    expect(sent.some((v) => Math.abs(v) > 0.1)).toBe(true); // far enough from zero to tell
    w.wHh.fill(0);
    t.stepOnce();
    await until(() => log.weights.length === 2);
    const next = log.weights[1]!.model.weights.wHh;
    const moved = Math.max(...next.map((v, i) => Math.abs(v - sent[i]!)));
    expect(moved).toBeLessThanOrEqual(3 * req.settings.learningRate);
    t.dispose();
  });

  it('runs until paused: batched reports in order, periodic weights, a last report on pause', async () => {
    host = await connectInPage('cpu', []);
    const { log, events } = recorder();
    const t = host.start(request(), events);
    t.run();
    await until(() => steps(log.reports).length >= 20 && log.weights.length >= 2);
    t.pause();
    const weightsBefore = log.weights.length;
    await until(() => log.weights.length > weightsBefore); // pause answers with the weights
    const done = steps(log.reports);
    expect(done).toEqual(done.map((_, i) => i + 1)); // every update once, in order
    expect(log.reports.length).toBeLessThan(done.length); // batched, not one per update
    expect(log.weights.at(-1)!.steps).toBe(done.length);
    expect(log.reports.some((r) => r.stepsPerSec !== null && r.stepsPerSec > 0)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    expect(steps(log.reports).length).toBe(done.length); // paused means paused
    t.dispose();
  });

  it('trains three in turn, one update each per round', async () => {
    host = await connectInPage('cpu', []);
    const recs = [recorder(), recorder(), recorder()];
    const ts = recs.map((r) => host!.start(request(), r.events));
    host.run(ts);
    await until(() => recs.every((r) => steps(r.log.reports).length >= 5));
    host.pause(ts);
    await until(() => recs.every((r) => r.log.weights.length > 0));
    const counts = recs.map((r) => steps(r.log.reports).length);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    ts.forEach((t) => t.dispose());
  });

  it('reports a divergence with the last good weights and stops', async () => {
    host = await connectInPage('cpu', []);
    const spec = { cell: 'elman' as const, inputSize: 2, hiddenSize: 16, outputSize: 1 };
    const model = initModel(spec, { seed: 7, recurrentScale: 3 });
    const { log, events } = recorder();
    const t = host.start(
      request(
        { optimizer: 'sgd', momentum: 0, learningRate: 100, clipNorm: 0, batchSize: 8 },
        model,
      ),
      events,
    );
    t.run();
    await until(() => log.divergence !== null);
    const d = log.divergence!;
    expect(d.reason).toMatch(/infinite or NaN at step \d+; kept the weights after step \d+/);
    expect(finite(d.model)).toBe(true);
    // The last reported update produced the non-finite values and was undone (engine/train.ts).
    expect(d.steps).toBe(Math.max(...steps(log.reports)) - 1);
    t.dispose();
  });

  it('a dropped trainer frees its tensors and is never heard from again', async () => {
    host = await connectInPage('cpu', []);
    const before = tf.memory().numTensors;
    const { log, events } = recorder();
    const t = host.start(request(), events);
    t.run();
    await until(() => steps(log.reports).length > 0);
    t.dispose();
    const heard = log.reports.length + log.weights.length;
    await new Promise((r) => setTimeout(r, 300));
    expect(log.reports.length + log.weights.length).toBe(heard);
    expect((await host.memory())!.numTensors).toBe(before);
  });

  it('a failing update stops that trainer with the message (test fault)', async () => {
    host = await connectInPage('cpu', ['train-step']);
    const { log, events } = recorder();
    host.start(request(), events).run();
    await until(() => log.errors.length > 0);
    expect(log.errors[0]).toMatch(/injected test fault/);
  });

  it('bad settings come back as an error, not a throw', async () => {
    host = await connectInPage('cpu', []);
    const { log, events } = recorder();
    host.start(request({ batchSize: 0 }), events).stepOnce();
    await until(() => log.errors.length > 0);
    expect(log.errors[0]).toMatch(/batch/i);
  });
});

describe('runner scheduling', () => {
  it('yields a macrotask between updates, so a pause lands before the next one', async () => {
    const posted: FromRunner[] = [];
    let yields = 0;
    const runner = new TrainingRunner({
      post: (m) => posted.push(m),
      yieldToMessages: () => new Promise((r) => setTimeout(() => (yields++, r()), 0)),
      useBackend: async () => ({ backend: 'cpu', label: 'cpu' }),
      now: () => performance.now(),
    });
    runner.receive({ type: 'start', id: 1, ...request() });
    runner.receive({ type: 'run', ids: [1] });
    // Posted the way a message from the page arrives: as its own task, after the first update.
    setTimeout(() => runner.receive({ type: 'pause', ids: [1] }), 0);
    await until(() => !runner.active);
    const reported = posted.flatMap((m) => (m.type === 'report' ? m.items : []));
    expect(steps(reported).length).toBeLessThanOrEqual(2);
    expect(yields).toBeGreaterThan(0);
    runner.receive({ type: 'drop', id: 1 });
    await until(() => !runner.active);
  });
});
