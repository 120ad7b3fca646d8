/**
 * Backend set-up for Node (CLI, bench, checkpoint builder): the pure-JS cpu backend, or the
 * wasm backend loading its .wasm files from the installed package (no network).
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

export async function useNodeBackend(name: 'cpu' | 'wasm'): Promise<void> {
  // PROD silences TF.js's console advice to install tfjs-node, which cannot install here.
  tf.env().set('PROD', true);
  if (name === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const { createRequire } = await import('node:module');
    const { dirname } = await import('node:path');
    const dir = dirname(
      createRequire(import.meta.url).resolve(
        '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
      ),
    );
    wasm.setWasmPaths(`${dir}/`);
  }
  if (!(await tf.setBackend(name))) throw new Error(`TF.js backend ${name} failed to start`);
}
