/**
 * The training worker: a module Web Worker that runs the TrainingRunner (trainRunner.ts), so an
 * update that takes a second (LSTM, T = 200, H = 64, batch 32) never blocks the page. It loads
 * only engine code, tfjs-core and the cpu and wasm backends: WebGL stays with the page, which
 * keeps it for the traces it draws.
 *
 * Started by trainerHost.ts with `new Worker(new URL('./trainWorker.ts', import.meta.url))`.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { TrainingRunner } from './trainRunner';
import type { RunnerBackend, ToRunner } from './trainProtocol';
import { prepareWasm } from './wasmBackend';
import { errorMessage } from '../engine/util';

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

/** The requested backend, or cpu with the reason wasm could not be used. */
async function useBackend(
  backend: RunnerBackend,
): Promise<{ backend: RunnerBackend; label: string }> {
  if (backend === 'wasm') {
    try {
      await prepareWasm();
      if (await tf.setBackend('wasm')) {
        const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
        return { backend: 'wasm', label: `wasm (${simd ? 'SIMD' : 'no SIMD'}, 1 thread)` };
      }
      throw new Error('its .wasm file failed to load or compile');
    } catch (e) {
      if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to initialise');
      return { backend: 'cpu', label: `cpu (wasm unavailable: ${errorMessage(e)})` };
    }
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to initialise');
  return { backend: 'cpu', label: 'cpu' };
}

const runner = new TrainingRunner({
  post: (msg, transfer) => scope.postMessage(msg, transfer),
  yieldToMessages: macrotask,
  useBackend,
  now: () => performance.now(),
});

scope.addEventListener('message', (e) => runner.receive(e.data));
