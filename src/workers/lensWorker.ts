/**
 * The Jacobian lens worker: runs the LensRunner (lensRunner.ts) so that a lens of ~1 s (LSTM,
 * T = 100, H = 32) never blocks the page. Engine code only, no TF.js: it starts in milliseconds.
 *
 * Started by lensHost.ts with `new Worker(new URL('./lensWorker.ts', import.meta.url))`.
 */
import { LensRunner } from './lensRunner';
import type { ToLensRunner } from './lensProtocol';

/** The parts of the worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToLensRunner>) => void): void;
}
const scope = self as unknown as WorkerScope;

/** A slice long enough that posting costs nothing, short enough that a newer request waits little. */
const WORKER_SLICE_MS = 40;

const runner = new LensRunner({
  post: (msg, transfer) => scope.postMessage(msg, transfer),
  now: () => performance.now(),
  pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
  sliceMs: WORKER_SLICE_MS,
});

scope.addEventListener('message', (e) => runner.receive(e.data));
