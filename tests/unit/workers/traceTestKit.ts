/**
 * Shared by the trace worker tests: the real TraceRunner behind a port that crosses a message
 * boundary the way a Worker does (structuredClone, the answer's buffers transferred), a port
 * whose other end the test plays, and a small model and sequence.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Rng } from '../../../src/engine/rng';
import { createTask } from '../../../src/engine/tasks/task';
import type { Model, Sequence } from '../../../src/engine/types';
import { initModel } from '../../../src/engine/weights/init';
import type { TracePort } from '../../../src/workers/traceHost';
import type { FromTraceRunner, ToTraceRunner } from '../../../src/workers/traceProtocol';
import { TraceRunner } from '../../../src/workers/traceRunner';
import { fakeWorkerPort } from './fakeWorkerPort';
import type { RunnerBackend } from '../../../src/workers/trainProtocol';

/** Node has no wasm here: only cpu can be activated; asking for wasm fails with this reason. */
export async function cpuOnly(backend: RunnerBackend): Promise<string> {
  if (backend !== 'cpu') throw new Error('no wasm in this test');
  await tf.setBackend('cpu');
  return 'cpu';
}

/**
 * A port to a TraceRunner in this process. Messages both ways are structured-cloned and
 * delivered in a later task, as between a page and a worker; the runner's transfer list is
 * applied, so a buffer it forgot to list is copied (and stays attached on its side) and a
 * duplicate in the list throws, as postMessage would.
 */
export function runnerPort(activate = cpuOnly, now = () => performance.now()) {
  let deliver: (msg: FromTraceRunner) => void = () => {};
  let closed = false;
  /** What the runner posted, as it holds it after posting (transferred arrays are detached). */
  const posted: FromTraceRunner[] = [];
  const runner = new TraceRunner({
    post: (msg, transfer) => {
      const copy = structuredClone(msg, { transfer });
      posted.push(msg);
      setTimeout(() => !closed && deliver(copy), 0);
    },
    activate,
    now,
  });
  const port: TracePort = {
    send: (msg: ToTraceRunner) => {
      const copy = structuredClone(msg);
      setTimeout(() => !closed && runner.receive(copy), 0);
    },
    listen: (onMessage) => (deliver = onMessage),
    close: () => (closed = true),
  };
  return { port, posted };
}

/** A trace port whose other end the test plays. */
export function fakeTracePort() {
  const f = fakeWorkerPort<ToTraceRunner, FromTraceRunner>();
  /** the trace requests sent so far */
  const traces = () => f.sent.flatMap((m) => (m.type === 'trace' ? [m] : []));
  return { ...f, traces };
}

/** An LSTM (H = 6) on the adding problem (T = 12), seeded: cheap, with every kind of array. */
export function smallCase(seed = 1): { model: Model; sequence: Sequence } {
  const task = createTask('adding', { length: 12 });
  const spec = { cell: 'lstm' as const, inputSize: 2, hiddenSize: 6, outputSize: 1 };
  return { model: initModel(spec, { seed }), sequence: task.sample(new Rng(seed)) };
}

/**
 * An LSTM (H = 20) on the adding problem (T = 1,000): long enough that the page leaves it to the
 * worker (traceWork above QUICK_ON_PAGE_WORK), still a few ms on Node's cpu.
 */
export function longCase(seed = 1): { model: Model; sequence: Sequence } {
  const task = createTask('adding', { length: 1000 });
  const spec = { cell: 'lstm' as const, inputSize: 2, hiddenSize: 20, outputSize: 1 };
  return { model: initModel(spec, { seed }), sequence: task.sample(new Rng(seed)) };
}

/** A clock that moves `ms` on every reading: each progress report is then due. */
export function steppingClock(ms: number): () => number {
  let t = 0;
  return () => (t += ms);
}

/** Every typed array under an object, by path (for comparing traces and checking transfers). */
export function typedArrays(o: unknown, path = ''): [string, ArrayBufferView][] {
  if (ArrayBuffer.isView(o)) return [[path, o]];
  if (o === null || typeof o !== 'object') return [];
  return Object.entries(o).flatMap(([k, v]) => typedArrays(v, `${path}.${k}`));
}
