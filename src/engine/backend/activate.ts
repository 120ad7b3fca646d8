/**
 * Starting the TF.js backends.
 *
 * {@link activateBackend} makes one backend current and proves it computes, or says why not;
 * the page measures each and keeps the fastest (measure.ts). {@link initBackend} is the simple
 * path (the bench, the CLI, a backend forced by a link): the requested backend, falling back to
 * the pure-JS `cpu` one. Whatever happens, the caller gets a {@link BackendInfo} with a label.
 *
 * Pure TypeScript over TF.js: no React, no DOM beyond the WebGL context TF.js owns. The wasm
 * backend's module and binaries are the caller's to provide (`prepareWasm`): a Vite page and
 * Node find them differently, and the page shell must not load them up front.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { errorMessage } from '../util';
import {
  type ActivateOptions,
  type BackendInfo,
  type BackendName,
  type BackendOptions,
  cpuLabel,
  describeRenderer,
  wasmLabel,
  webglLabel,
} from './backends';
import { readRenderer, webglContext, webglContextLost } from './webglContext';

/** A first kernel compiles (WebGL: a shader) and reads back: the real test of a backend. */
async function probe(): Promise<string | undefined> {
  const out = tf.tidy(() => tf.add(tf.tensor1d([1, 2]), tf.scalar(1)));
  const values = await out.data();
  out.dispose();
  return values[0] === 2 && values[1] === 3 ? undefined : 'produced wrong results';
}

/** Tries to make 'webgl' the active backend; returns why not on failure. */
async function tryWebgl(): Promise<string | undefined> {
  if (typeof document === 'undefined' && typeof OffscreenCanvas === 'undefined') {
    return 'no canvas in this environment';
  }
  if (webglContextLost()) return 'the WebGL context was lost';
  // Let TF.js use software WebGL (SwiftShader) instead of refusing it outright.
  tf.env().set('SOFTWARE_WEBGL_ENABLED', true);
  try {
    if (tf.env().getNumber('WEBGL_VERSION') === 0) return 'no WebGL context';
    if (!(await tf.setBackend('webgl'))) return 'WebGL backend failed to initialise';
    if (webglContext()?.isContextLost()) return 'the WebGL context was lost';
    const wrong = await probe();
    return wrong && `WebGL ${wrong}`;
  } catch (err) {
    return errorMessage(err);
  }
}

/** Tries to make 'wasm' the active backend; returns why not on failure. */
async function tryWasm(prepare: ActivateOptions['prepareWasm']): Promise<string | undefined> {
  if (!prepare) return 'not available here';
  if (typeof WebAssembly === 'undefined') return 'this browser has no WebAssembly';
  try {
    await prepare();
    if (!(await tf.setBackend('wasm'))) return 'its .wasm file failed to load or compile';
    const wrong = await probe();
    return wrong && `wasm ${wrong}`;
  } catch (err) {
    return errorMessage(err);
  }
}

function webglInfo(): BackendInfo {
  const version = tf.env().getNumber('WEBGL_VERSION') === 1 ? 1 : 2;
  const renderer = readRenderer();
  return {
    name: 'webgl',
    webglVersion: version,
    renderer,
    software: renderer ? describeRenderer(renderer).software : false,
    label: webglLabel(version, renderer),
  };
}

/**
 * Makes `name` the active backend and checks it computes. Throws an Error whose message says
 * why not (shown to the user as the reason the backend was skipped). Cheap when the backend
 * was activated before: TF.js keeps initialised backends.
 */
export async function activateBackend(
  name: BackendName,
  opts: ActivateOptions = {},
): Promise<BackendInfo> {
  if (name === 'webgl') {
    const reason = await tryWebgl();
    if (reason !== undefined) throw new Error(reason);
    return webglInfo();
  }
  if (name === 'wasm') {
    const reason = await tryWasm(opts.prepareWasm);
    if (reason !== undefined) throw new Error(reason);
    const simd = (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) === true;
    return { name: 'wasm', software: false, label: wasmLabel(simd) };
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to initialise');
  await tf.ready();
  return { name: 'cpu', software: false, label: cpuLabel() };
}

/**
 * Initialises TF.js on one backend, falling back to cpu.
 *
 * Order: `preferred` (default 'webgl'), then 'cpu'. With `disableWebgl` WebGL is not
 * touched at all and the result is reported as a fallback.
 */
export async function initBackend(
  opts: BackendOptions & ActivateOptions = {},
): Promise<BackendInfo> {
  const preferred = opts.preferred ?? 'webgl';
  let reason: string | undefined;
  if (opts.disableWebgl && preferred === 'webgl') {
    reason = 'disabled by request';
  } else if (preferred !== 'cpu') {
    try {
      return await activateBackend(preferred, opts);
    } catch (err) {
      reason = errorMessage(err);
    }
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('TF.js cpu backend failed to initialise');
  await tf.ready();
  return {
    name: 'cpu',
    software: false,
    fallbackReason: reason,
    label: cpuLabel(reason, preferred),
  };
}
