/**
 * The training worker: a module Web Worker that runs the TrainingRunner (trainRunner.ts), so an
 * update that takes a second (LSTM, T = 200, H = 64, batch 32) never blocks the page. It loads
 * only engine code, tfjs-core and the cpu and wasm backends: WebGL stays with the page, which
 * keeps it for the traces it draws.
 *
 * Started by trainerHost.ts with `new Worker(new URL('./trainWorker.ts', import.meta.url))`.
 */
import { TrainingRunner } from './trainRunner';
import type { ToRunner } from './trainProtocol';
import { backendOrCpu } from './workerBackend';

/** The parts of the worker's global scope used here (the project's lib is DOM, not WebWorker). */
interface WorkerScope {
  postMessage(msg: unknown, transfer: Transferable[]): void;
  addEventListener(type: 'message', listener: (e: MessageEvent<ToRunner>) => void): void;
}
const scope = self as unknown as WorkerScope;

/**
 * A macrotask through a MessageChannel: unlike nested setTimeout(0), it is not clamped to 4 ms,
 * which would cost a small model most of its update rate; like it, it lets queued messages in.
 */
const channel = new MessageChannel();
const waiting: (() => void)[] = [];
channel.port1.onmessage = () => waiting.shift()?.();
function macrotask(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(null);
  });
}

const runner = new TrainingRunner({
  post: (msg, transfer) => scope.postMessage(msg, transfer),
  yieldToMessages: macrotask,
  useBackend: backendOrCpu,
  now: () => performance.now(),
});

scope.addEventListener('message', (e) => runner.receive(e.data));
