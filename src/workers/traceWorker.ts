/**
 * The trace worker: a module Web Worker that runs the TraceRunner (traceRunner.ts), so a trace
 * that takes 40–140 ms of cpu or wasm (LSTM, T = 200, H = 64) never blocks the page's input.
 * Like the training worker it loads only engine code, tfjs-core and the cpu and wasm backends;
 * when the page runs WebGL it traces there itself and this worker is not asked.
 *
 * Started by traceHost.ts with `new Worker(new URL('./traceWorker.ts', import.meta.url))`.
 */
import { TraceRunner } from './traceRunner';
import type { ToTraceRunner } from './traceProtocol';
import { activateWorkerBackend } from './workerBackend';

/** The parts of the worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToTraceRunner>) => void): void;
}
const scope = self as unknown as WorkerScope;

const runner = new TraceRunner({
  post: (msg, transfer) => scope.postMessage(msg, transfer),
  activate: activateWorkerBackend,
  now: () => performance.now(),
});

scope.addEventListener('message', (e) => runner.receive(e.data));
