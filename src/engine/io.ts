/**
 * Plain-JSON views of sequences and traces, for the CLI and for exports: nested number arrays
 * in, nested number arrays out, with every input checked and every problem named.
 */
import { EngineInputError, LIMITS } from './spec';
import type { Trace } from './trace';
import type { LossKind, ModelSpec, Sequence, Weights } from './types';
import { exportWeights } from './weights/format';
import type { Layout } from './weights/layout';

/**
 * Parses `{"inputs": T×I, "targets": per step (array of O numbers for mse, a class index for
 * softmax-xent, or null), "loss": "mse" | "softmax-xent"}` against a model spec.
 */
export function sequenceFromJson(json: unknown, spec: ModelSpec): Sequence {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new EngineInputError('input must be a JSON object');
  const f = json as Record<string, unknown>;
  const loss = f.loss as LossKind;
  if (loss !== 'mse' && loss !== 'softmax-xent')
    throw new EngineInputError('"loss" must be "mse" or "softmax-xent"');
  const { inputSize: I, outputSize: O } = spec;
  if (
    !Array.isArray(f.inputs) ||
    f.inputs.length < LIMITS.length.min ||
    f.inputs.length > LIMITS.length.max
  ) {
    throw new EngineInputError(
      `"inputs" must be an array of ${LIMITS.length.min} to ${LIMITS.length.max} steps`,
    );
  }
  const T = f.inputs.length;
  const inputs = new Float32Array(T * I);
  f.inputs.forEach((row: unknown, t) => {
    if (!Array.isArray(row) || row.length !== I)
      throw new EngineInputError(
        `inputs[${t}] must be an array of ${I} numbers (the model's input size)`,
      );
    row.forEach((v: unknown, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new EngineInputError(`inputs[${t}][${i}] must be a finite number`);
      inputs[t * I + i] = v;
    });
  });
  if (!Array.isArray(f.targets) || f.targets.length !== T)
    throw new EngineInputError(
      `"targets" must have one entry per step (${T}), null where a step has no target`,
    );
  const mask = new Uint8Array(T);
  const targets = new Float32Array(loss === 'mse' ? T * O : T);
  f.targets.forEach((v: unknown, t) => {
    if (v === null) return;
    mask[t] = 1;
    if (loss === 'softmax-xent') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= O)
        throw new EngineInputError(
          `targets[${t}] must be a class index from 0 to ${O - 1} or null`,
        );
      targets[t] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== O)
      throw new EngineInputError(
        `targets[${t}] must be an array of ${O} numbers (the model's output size) or null`,
      );
    v.forEach((x: unknown, o) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new EngineInputError(`targets[${t}][${o}] must be a finite number`);
      targets[t * O + o] = x;
    });
  });
  return { length: T, inputSize: I, inputs, loss, mask, targets };
}

function rows(a: Float32Array, T: number, N: number): number[][] {
  return Array.from({ length: T }, (_, t) => Array.from(a.subarray(t * N, (t + 1) * N)));
}

/**
 * Gradients in a file layout. Where Keras keeps one bias for two PyTorch biases that only
 * ever appear summed, ∂L/∂bias equals ∂L/∂b_ih (= ∂L/∂b_hh), not their sum.
 */
export function gradientsInLayout(spec: Required<ModelSpec>, g: Weights, layout: Layout) {
  const singleKerasBias =
    layout === 'keras' && !(spec.cell === 'gru' && spec.gruVariant === 'reset-after');
  const w = singleKerasBias ? { ...g, bHh: new Float32Array(g.bHh.length) } : g;
  return exportWeights({ spec, weights: w }, layout).tensors;
}

/** The trace as nested arrays (the CLI's output), weight gradients named as in `layout`. */
export function traceToJson(tr: Trace, layout: Layout) {
  const { T, H } = tr;
  const gates = Object.fromEntries(Object.entries(tr.gates).map(([k, v]) => [k, rows(v, T, H)]));
  return {
    cell: tr.spec.cell,
    ...(tr.spec.cell === 'gru' ? { gruVariant: tr.spec.gruVariant } : {}),
    T,
    h: rows(tr.h, T, H),
    ...(tr.c ? { c: rows(tr.c, T, H) } : {}),
    gates,
    y: rows(tr.y, T, tr.O),
    loss: tr.loss,
    stepLoss: Array.from(tr.stepLoss),
    grad: {
      h: rows(tr.grad.h, T, H),
      ...(tr.grad.c ? { c: rows(tr.grad.c, T, H) } : {}),
      x: rows(tr.grad.x, T, tr.I),
      weights: gradientsInLayout(tr.spec, tr.grad.weights, layout),
    },
  };
}
