/**
 * Starting a TF.js backend inside one of the page's workers (training: trainWorker.ts, traces:
 * traceWorker.ts). Only cpu and wasm: WebGL stays with the page. The labels match the page's
 * badge (engine/backend.ts), which this file cannot import: it pulls in the WebGL backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import type { RunnerBackend } from './trainProtocol';
import { prepareWasm } from './wasmBackend';
import { errorMessage } from '../engine/util';

/** Makes `backend` TF.js's active one and returns its label; throws why it cannot. */
export async function activateWorkerBackend(backend: RunnerBackend): Promise<string> {
  if (backend === 'wasm') {
    await prepareWasm();
    if (!(await tf.setBackend('wasm'))) throw new Error('its .wasm file failed to load or compile');
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    return `wasm (${simd ? 'SIMD' : 'no SIMD'}, 1 thread)`;
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to initialise');
  return 'cpu';
}

/**
 * The requested backend, or cpu with the reason wasm could not be used: what training accepts
 * (the panel says where it runs). Traces do not: they must run where the badge says.
 */
export async function backendOrCpu(
  backend: RunnerBackend,
): Promise<{ backend: RunnerBackend; label: string }> {
  try {
    return { backend, label: await activateWorkerBackend(backend) };
  } catch (e) {
    if (backend === 'cpu') throw e;
    await activateWorkerBackend('cpu');
    return { backend: 'cpu', label: `cpu (wasm unavailable: ${errorMessage(e)})` };
  }
}
