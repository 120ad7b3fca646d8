/**
 * Registers the fused recurrence kernels for the `cpu` and `wasm` backends (both keep tensors
 * in memory JS can read: readSync gives the values, write stores a new buffer) and decides
 * whether a pass may use them. The WebGL implementation registers separately (webgl.ts) so
 * that Node never loads shader code.
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  FUSED_BACKWARD,
  FUSED_FORWARD,
  FUSED_WEIGHT_GRADS,
  type FusedAttrs,
  ROW_BLOCK,
  fusedStats,
  gateBlocks,
  gradBlocks,
  stateBlocks,
} from './contract';
import { fusedBackwardLoop, fusedForwardLoop } from './loops';
import { fusedWeightGradLoop } from './weight-grads';

/** The two methods of the cpu and wasm backends the loops need. */
interface TypedArrayBackend {
  readSync(dataId: object, start?: number, end?: number): unknown;
  write(values: Float32Array, shape: number[], dtype: 'float32'): object;
}

function kernelOf(
  rows: (a: FusedAttrs) => number,
  run: (a: FusedAttrs, read: (name: string) => Float32Array | undefined) => Float32Array,
): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const be = backend as unknown as TypedArrayBackend;
    const a = attrs as unknown as FusedAttrs;
    const read = (name: string): Float32Array | undefined => {
      const info = (inputs as Record<string, tf.TensorInfo | undefined>)[name];
      if (!info) return undefined;
      const v = be.readSync(info.dataId);
      return v instanceof Float32Array ? v : Float32Array.from(v as ArrayLike<number>);
    };
    const values = run(a, read);
    fusedStats.programs++;
    const shape = [rows(a), a.H];
    return { dataId: be.write(values, shape, 'float32'), shape, dtype: 'float32' };
  };
}

const forwardKernel = kernelOf(
  (a) => stateBlocks(a.cell) * a.T * a.B,
  (a, read) =>
    fusedForwardLoop(
      a,
      read('xProj')!,
      read('wHh')!,
      read('bHh')!,
      a.clamped ? read('keep') : undefined,
      a.clamped ? read('value') : undefined,
    ),
);

const backwardKernel = kernelOf(
  (a) => gradBlocks(a.cell) * a.T * a.B,
  (a, read) =>
    fusedBackwardLoop(
      a,
      read('state')!,
      read('dHout')!,
      read('wHh')!,
      a.clamped ? read('keep') : undefined,
    ),
);

const weightGradKernel = kernelOf(
  (a) => gateBlocks(a.cell) * (a.H + 1),
  (a, read) => fusedWeightGradLoop(a, read('state')!, read('grad')!),
);

for (const backendName of ['cpu', 'wasm']) {
  if (!tf.getKernel(FUSED_FORWARD, backendName)) {
    tf.registerKernel({ kernelName: FUSED_FORWARD, backendName, kernelFunc: forwardKernel });
    tf.registerKernel({ kernelName: FUSED_BACKWARD, backendName, kernelFunc: backwardKernel });
    tf.registerKernel({
      kernelName: FUSED_WEIGHT_GRADS,
      backendName,
      kernelFunc: weightGradKernel,
    });
  }
}

/** wasm's readSync takes a range: only the block's rows leave the heap (contract.ts). */
const rowBlockKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const be = backend as unknown as TypedArrayBackend;
  const x = (inputs as { x: tf.TensorInfo }).x;
  const { from, rows } = attrs as unknown as { from: number; rows: number };
  const width = x.shape[1]!;
  const values = be.readSync(x.dataId, from * width, (from + rows) * width) as Float32Array;
  const shape = [rows, width];
  return { dataId: be.write(values, shape, 'float32'), shape, dtype: 'float32' };
};
if (!tf.getKernel(ROW_BLOCK, 'wasm')) {
  tf.registerKernel({ kernelName: ROW_BLOCK, backendName: 'wasm', kernelFunc: rowBlockKernel });
}

let enabled = true;

/**
 * Turns the fused kernels off (or back on) for every later pass: the bench times the op-by-op
 * path as the "before", tests compare the two.
 */
export function setFusedKernels(on: boolean): void {
  enabled = on;
}

/** Whether a pass on the current backend will use the fused kernels. */
export function fusedAvailable(): boolean {
  return enabled && !!tf.getKernel(FUSED_FORWARD, tf.getBackend());
}

export { fusedStats } from './contract';
