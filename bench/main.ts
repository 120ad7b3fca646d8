/**
 * The browser half of `npm run bench`: a page (not part of the app build) that runs the shared
 * suite on WebGL, cpu and wasm (SIMD, single-threaded) and hands the results to the Node
 * runner through `window.gatescopeBench`. Progress goes to the console.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { initBackend } from '../src/engine/backend/activate';
import { registerFusedWebgl } from '../src/engine/fused/webgl';
import { runBackendCases, runPlainCases } from '../scripts/bench/suite';
import { runLensBench } from '../scripts/bench/lens';
import { runTrainingBench } from '../scripts/bench/training';
import type { BackendName, BenchOptions, BenchPageApi, SuiteResult } from '../scripts/bench/types';

const log = (line: string) => console.log(line);

async function useBackend(backend: BackendName): Promise<Omit<SuiteResult, 'cases' | 'lens'>> {
  tf.env().set('PROD', true);
  if (backend === 'webgl') {
    const info = await initBackend({ preferred: 'webgl' });
    if (info.name !== 'webgl') throw new Error(`WebGL unavailable: ${info.fallbackReason}`);
    // cpu and wasm register their fused kernels on import; WebGL's shaders only on request.
    registerFusedWebgl();
    return { renderer: info.renderer, backendLabel: info.label };
  }
  if (backend === 'wasm') {
    // Threaded wasm needs cross-origin isolation; the bench measures the SIMD single-thread build.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlainUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      // never loaded (multithreading is off), but the backend insists on a path for every binary
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
    });
  }
  if (!(await tf.setBackend(backend))) throw new Error(`TF.js backend ${backend} failed to start`);
  await tf.ready();
  const simd = backend === 'wasm' ? await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') : undefined;
  return { backendLabel: backend === 'wasm' ? `wasm (SIMD: ${String(simd)}, 1 thread)` : backend };
}

const api: BenchPageApi = {
  async runBackend(backend: BackendName, opts: BenchOptions): Promise<SuiteResult> {
    const info = await useBackend(backend);
    log(`[browser/${backend}] ${info.backendLabel}${info.renderer ? ` · ${info.renderer}` : ''}`);
    const cases = opts.cases === false ? [] : await runBackendCases('browser', backend, opts, log);
    const lens = opts.cases === false ? [] : runLensBench('browser', backend, opts, log);
    return { ...info, cases, lens };
  },
  async runTraining(backend: BackendName, opts: BenchOptions) {
    if (tf.getBackend() !== backend) await useBackend(backend);
    return runTrainingBench('browser', backend, opts, log);
  },
  runPlain: async (opts: BenchOptions) =>
    opts.cases === false ? [] : runPlainCases('browser', opts, log),
  userAgent: () => navigator.userAgent,
};

window.gatescopeBench = api;
document.body.dataset.ready = '1';
