/**
 * The tf.layers side of the per-case suite: a model [rnn layer (returnSequences) → Dense(O)]
 * holding the case's weights (Keras layout), its predict and its forward + autodiff gradients,
 * and our gradients rearranged to compare with them.
 */
import * as tf from '@tensorflow/tfjs-core';
// tf.layers calls chained ops (x.flatten()) and variableGrads needs gradients: the split core
// package registers neither.
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import * as tfl from '@tensorflow/tfjs-layers';
import type { ModelSpec, Sequence, Weights } from '../../src/engine/types';
import { exportWeights } from '../../src/engine/weights/format';
import { INPUT_SIZE, OUTPUT_SIZE } from './cases';

export interface LayersRig {
  model: tfl.LayersModel;
  vars: tf.Variable[];
  predict(): Promise<Float32Array>;
  fwdGrad(): Promise<Float32Array>;
  dispose(): void;
}

/** tf.layers [rnn (returnSequences) → Dense(O)] with our weights, outputs [h, y]. */
export function layersRig(spec: ModelSpec, weights: Weights, seq: Sequence): LayersRig {
  const T = seq.length;
  const H = spec.hiddenSize;
  // Zero initialisers: the weights are overwritten anyway, and tf.layers' default orthogonal
  // recurrent initialiser takes seconds at H = 128.
  const common = {
    units: H,
    returnSequences: true,
    kernelInitializer: 'zeros',
    recurrentInitializer: 'zeros',
  } as const;
  const rnn =
    spec.cell === 'lstm'
      ? tfl.layers.lstm({ ...common, recurrentActivation: 'sigmoid' })
      : spec.cell === 'gru'
        ? tfl.layers.gru({ ...common, recurrentActivation: 'sigmoid' })
        : tfl.layers.simpleRNN({ ...common, activation: 'tanh' });
  const dense = tfl.layers.dense({ units: OUTPUT_SIZE, kernelInitializer: 'zeros' });
  const input = tfl.input({ shape: [T, INPUT_SIZE] });
  const hSym = rnn.apply(input) as tfl.SymbolicTensor;
  const ySym = dense.apply(hSym) as tfl.SymbolicTensor;
  const model = tfl.model({ inputs: input, outputs: [hSym, ySym] });
  const file = exportWeights({ spec, weights }, 'keras').tensors;
  const set = (layer: tfl.layers.Layer, names: string[]) => {
    const ts = names.map((n) => tf.tensor(file[n] as number[]));
    layer.setWeights(ts);
    tf.dispose(ts);
  };
  set(rnn, ['kernel', 'recurrent_kernel', 'bias']);
  set(dense, ['readout.kernel', 'readout.bias']);
  const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const inputs = () => tf.tensor3d(seq.inputs, [1, T, INPUT_SIZE]);

  return {
    model,
    vars,
    async predict() {
      const flat = tf.tidy(() => {
        const [h, y] = model.predict(inputs()) as tf.Tensor[];
        return tf.concat([tf.reshape(h!, [-1]), tf.reshape(y!, [-1])]);
      });
      const d = (await flat.data()) as Float32Array;
      flat.dispose();
      return d;
    },
    async fwdGrad() {
      const flat = tf.tidy(() => {
        const x = inputs();
        const target = tf.tensor3d(seq.targets, [1, T, OUTPUT_SIZE]);
        const { value, grads } = tf.variableGrads(() => {
          const [, y] = model.apply(x) as tf.Tensor[];
          return tf.mean(tf.squaredDifference(y!, target));
        }, vars);
        return tf.concat([
          tf.reshape(value, [1]),
          ...vars.map((v) => tf.reshape(grads[v.name]!, [-1])),
        ]);
      });
      const d = (await flat.data()) as Float32Array;
      flat.dispose();
      return d;
    },
    dispose() {
      model.dispose();
    },
  };
}

/** Our gradients of (kernel, recurrent kernel, readout kernel) in Keras layout, flat. */
export function kerasGrads(spec: ModelSpec, grad: Weights): Float32Array[] {
  const g = exportWeights({ spec, weights: grad }, 'keras').tensors;
  return ['kernel', 'recurrent_kernel', 'readout.kernel'].map((n) =>
    Float32Array.from((g[n] as number[][]).flat()),
  );
}

/** Splits the fwdGrad read-back [loss, kernel, recurrent kernel, bias, dense kernel, dense bias]. */
export function splitLayersGrads(flat: Float32Array, vars: tf.Variable[]) {
  const parts: Float32Array[] = [];
  let at = 1;
  for (const v of vars) {
    parts.push(flat.subarray(at, at + v.size));
    at += v.size;
  }
  return { loss: flat[0]!, kernel: parts[0]!, recurrent: parts[1]!, denseKernel: parts[3]! };
}
