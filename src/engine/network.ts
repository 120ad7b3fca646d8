/**
 * One forward + backward pass of a cell and its readout over a batch of sequences, in TF.js
 * ops. Only the recurrence loops over time (inside each cell); every time-independent product
 * — input projections, readout, weight gradients, ∂L/∂x — is a single matmul over all steps.
 * Call inside tf.tidy: everything returned is a tensor the caller reads or drops.
 */
import * as tf from '@tensorflow/tfjs-core';
import { type Cell, type WeightTensors, affine, columnSums } from './cells/common';
import { elmanCell } from './cells/elman';
import { gruCell } from './cells/gru';
import { lstmCell } from './cells/lstm';
import { fusedAvailable } from './fused';
import { fusedBackward, fusedForward } from './fused/pass';
import { type GateClamp, clampTensors } from './interventions';
import { lossAndGradient } from './loss';
import type { ForwardResult, PassResult } from './passResult';
import { EngineInputError, LIMITS, checkInt, normalizeSpec, weightSizes } from './spec';
import type { Batch, ModelSpec, Weights } from './types';

export function cellFor(specIn: ModelSpec): Cell {
  const spec = normalizeSpec(specIn);
  if (spec.cell === 'lstm') return lstmCell;
  if (spec.cell === 'gru') return gruCell(spec.gruVariant);
  return elmanCell(spec.activation);
}

/** Checks every weight array has the length its spec implies and holds only finite numbers. */
export function checkWeights(spec: ModelSpec, w: Weights): void {
  for (const [name, shape] of Object.entries(weightSizes(spec))) {
    const arr = w[name as keyof Weights];
    const n = shape.reduce((a, b) => a * b, 1);
    if (!arr || arr.length !== n) {
      throw new EngineInputError(
        `${name} must have shape [${shape.join(', ')}] (${n} values), got ${arr?.length ?? 'none'}`,
      );
    }
    const bad = arr.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new EngineInputError(`${name} holds a non-finite value at index ${bad}`);
  }
}

/** Checks a batch against the spec: sizes within limits, finite inputs, valid targets. Returns K. */
export function checkBatch(spec: ModelSpec, b: Batch): number {
  const T = checkInt('sequence length', b.length, LIMITS.length);
  const B = checkInt('batch size', b.batchSize, LIMITS.batchSize);
  if (b.inputSize !== spec.inputSize) {
    throw new EngineInputError(
      `inputs have ${b.inputSize} channels but the model expects ${spec.inputSize}`,
    );
  }
  if (b.inputs.length !== T * B * spec.inputSize)
    throw new EngineInputError(`inputs must hold T·B·I = ${T * B * spec.inputSize} values`);
  if (b.inputs.some((v) => !Number.isFinite(v)))
    throw new EngineInputError('inputs hold a non-finite value');
  if (b.mask.length !== T * B) throw new EngineInputError(`mask must hold T·B = ${T * B} values`);
  const O = spec.outputSize;
  const per = b.loss === 'mse' ? O : 1;
  if (b.targets.length !== T * B * per)
    throw new EngineInputError(`targets must hold ${T * B * per} values`);
  let K = 0;
  for (let r = 0; r < T * B; r++) {
    if (!b.mask[r]) continue;
    K++;
    for (let o = 0; o < per; o++) {
      const v = b.targets[r * per + o]!;
      if (
        b.loss === 'softmax-xent' ? !(Number.isInteger(v) && v >= 0 && v < O) : !Number.isFinite(v)
      ) {
        const t = Math.floor(r / B);
        throw new EngineInputError(
          b.loss === 'softmax-xent'
            ? `target at step ${t + 1} must be a class index from 0 to ${O - 1} (got ${v})`
            : `target at step ${t + 1} is not a finite number`,
        );
      }
    }
  }
  return K;
}

export function weightTensors(w: Weights, spec: ModelSpec): WeightTensors {
  const s = weightSizes(spec);
  return {
    wIh: tf.tensor2d(w.wIh, s.wIh as [number, number]),
    wHh: tf.tensor2d(w.wHh, s.wHh as [number, number]),
    bIh: tf.tensor1d(w.bIh),
    bHh: tf.tensor1d(w.bHh),
    wOut: tf.tensor2d(w.wOut, s.wOut as [number, number]),
    bOut: tf.tensor1d(w.bOut),
  };
}

/**
 * Which implementation runs the recurrence: 'fused' = the fused kernels (fused/), 'ops' = the
 * op-by-op cells (cells/, the reference), 'auto' = fused where the backend has them.
 */
export type PassPath = 'auto' | 'fused' | 'ops';

export interface PassOptions {
  /** Elman, batch 1: measure the memory path back from this step. */
  pathFrom?: number;
  /** Gates held constant over some steps (checked with checkClamps first). */
  clamps?: readonly GateClamp[];
  path?: PassPath;
  /**
   * Training: only the loss, the readout and the weight gradients will be read. The pass then
   * skips ∂L/∂x, and the fused path LSTM's gate and cell-state blocks (copies on WebGL).
   */
  gradsOnly?: boolean;
}

function takesFusedPath(path: PassPath = 'auto'): boolean {
  if (path === 'ops') return false;
  const ok = fusedAvailable();
  if (path === 'fused' && !ok)
    throw new Error(`fused kernels are not available on the ${tf.getBackend()} backend`);
  return ok;
}

/** Interventions, and test hooks for autodiff: tensors to differentiate the loss with respect to. */
export interface ForwardHooks {
  clamps?: readonly GateClamp[];
  /** [T*B, H] zeros added to every h_t: autodiff w.r.t. it yields ∂L/∂h_t. */
  probe?: tf.Tensor;
  /** [T*B, I] the inputs as a tensor (instead of b.inputs), for autodiff w.r.t. x. */
  X?: tf.Tensor;
  /** probe and X are autodiff hooks: they always take the op path, which TF.js can differentiate. */
  path?: PassPath;
  /** see PassOptions.gradsOnly */
  gradsOnly?: boolean;
}

/** Forward and loss only (the hooks make it the independent check of the hand-written backward). */
export function forwardLoss(
  spec: ModelSpec,
  w: WeightTensors,
  b: Batch,
  K: number,
  hooks: ForwardHooks = {},
): ForwardResult {
  const dims = { T: b.length, B: b.batchSize, H: spec.hiddenSize };
  const TB = dims.T * dims.B;
  const X = hooks.X ?? tf.tensor2d(b.inputs, [TB, spec.inputSize]);
  // one fused program each (bias added in the product) rather than a product and an add
  const xProj = affine(X, w.wIh, w.bIh);
  const { fwd, fused } =
    !hooks.probe && !hooks.X && takesFusedPath(hooks.path)
      ? fusedForward(spec, w, xProj, dims, hooks.clamps ?? [], hooks.gradsOnly)
      : {
          fwd: cellFor(spec).forward(
            w,
            xProj,
            dims,
            hooks.probe,
            clampTensors(hooks.clamps ?? [], dims.T, dims.B, dims.H),
          ),
          fused: undefined,
        };
  const Y = affine(fwd.h, w.wOut, w.bOut);
  const targets =
    b.loss === 'mse' ? tf.tensor2d(b.targets, [TB, spec.outputSize]) : tf.tensor1d(b.targets);
  return {
    X,
    fwd,
    Y,
    loss: lossAndGradient(b.loss, Y, targets, tf.tensor1d(b.mask, 'float32'), K),
    fused,
  };
}

/** Forward, loss and full BPTT. Inputs must have been checked (checkBatch, checkWeights). */
export function forwardBackward(
  spec: ModelSpec,
  w: WeightTensors,
  b: Batch,
  K: number,
  opts: PassOptions = {},
): PassResult {
  const dims = { T: b.length, B: b.batchSize, H: spec.hiddenSize };
  const f = forwardLoss(spec, w, b, K, {
    clamps: opts.clamps,
    path: opts.path,
    gradsOnly: opts.gradsOnly,
  });
  const { X, fwd, Y, loss } = f;
  const dHout = tf.matMul(loss.dY, w.wOut);
  const bwd = f.fused
    ? fusedBackward(spec, w, { ...f, fused: f.fused }, dHout, opts.pathFrom)
    : cellFor(spec).backward(w, fwd, dHout, dims, opts.pathFrom);
  const dPre = bwd.dPre;
  // b_ih and b_hh enter the same sums except in reset-after GRU, where b_hn sits inside r ⊙ (…)
  const sameBias = spec.cell !== 'gru' || normalizeSpec(spec).gruVariant === 'reset-before';
  return {
    X,
    fwd,
    Y,
    loss,
    bwd,
    dX: opts.gradsOnly ? undefined : tf.matMul(dPre, w.wIh),
    grads: {
      wIh: tf.matMul(dPre, X, true, false),
      wHh: bwd.dWhh,
      bIh: sameBias ? bwd.dBhh : columnSums(dPre),
      bHh: bwd.dBhh,
      wOut: tf.matMul(loss.dY, fwd.h, true, false),
      bOut: columnSums(loss.dY),
    },
  };
}
