/**
 * The wasm backend for the page, loaded only when the backend measurement first tries it (its
 * JS and .wasm files stay out of the page shell). Single-threaded on purpose: the threaded
 * build needs cross-origin isolation, which this static page does not ask for. The binaries
 * come from this origin through Vite's `?url` (the CSP allows compiling them with
 * 'wasm-unsafe-eval' only); nothing is fetched from a CDN.
 */
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

let prepared = false;

/** Registers the wasm backend (by importing this module) and points it at its binaries. */
export function prepareWasm(): Promise<void> {
  if (prepared) return Promise.resolve();
  prepared = true;
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlainUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    // never fetched (multithreading is off), but the backend wants a path for every binary
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedUrl,
  });
  return Promise.resolve();
}
