/**
 * The trace: every number the views draw, for one sequence, computed in one tf.tidy and
 * read back from the backend once (all tensors are flattened into a single buffer; the
 * typed arrays below are views into it).
 */
import * as tf from '@tensorflow/tfjs-core';
import {
  ELMAN_PATH_JS_LIMIT,
  type PathInputs,
  memoryPath,
  rowNorms,
  whhStepNorms,
} from './derived';
import { type GateClamp, checkClamps } from './interventions';
import { type PassPath, checkBatch, checkWeights, forwardBackward, weightTensors } from './network';
import { blockNames, normalizeSpec } from './spec';
import type { Model, ModelSpec, Sequence, Weights } from './types';

export interface Trace {
  spec: Required<ModelSpec>;
  T: number;
  I: number;
  H: number;
  O: number;
  /** [T, I] */
  x: Float32Array;
  /** [T, H] hidden state h_t */
  h: Float32Array;
  /** [T, H] LSTM cell state c_t */
  c?: Float32Array;
  /** Gate activations by name (lstm: input forget candidate output; gru: reset update candidate), [T, H] */
  gates: Record<string, Float32Array>;
  /** [T, O] readout */
  y: Float32Array;
  /** [T] loss at each step (0 where untargeted); the total is their mean over targeted steps */
  stepLoss: Float32Array;
  /** [T] 1 where the step has a target */
  mask: Uint8Array;
  loss: number;
  /** The last targeted step (the memory path is measured back from it), -1 if none. */
  lossStep: number;
  grad: {
    /** [T, H] total ∂L/∂h_t (readout at t and all later steps) */
    h: Float32Array;
    /** [T, H] LSTM total ∂L/∂c_t */
    c?: Float32Array;
    /** [T, I] ∂L/∂x_t */
    x: Float32Array;
    /** ∂L/∂(pre-activation) by block name (elman: 'h'), [T, H] */
    pre: Record<string, Float32Array>;
    weights: Weights;
  };
  /** Per-step scalars, float64 so that tiny gradients are not flushed. */
  series: {
    gradHNorm: Float64Array;
    gradCNorm?: Float64Array;
    gradXNorm: Float64Array;
    /** RMS gain ‖∂s_lossStep/∂s_t‖_F/√H along the memory path (see derived.ts); 0 after lossStep */
    memoryPath: Float64Array;
    /** ‖step t's contribution to ∂L/∂W_hh‖_F */
    whhStepNorm: Float64Array;
  };
}

const WEIGHT_KEYS = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;

export interface TraceOptions {
  /** What-if: gates held constant over ranges of steps. */
  clamps?: readonly GateClamp[];
  /** 'ops' forces the op-by-op reference cells; by default the fused kernels run where registered. */
  path?: PassPath;
}

export async function runTrace(
  model: Model,
  seq: Sequence,
  opts: TraceOptions = {},
): Promise<Trace> {
  const { spec, lossStep, names, packed } = packTrace(model, seq, opts);
  const flat = (await packed.data()) as Float32Array;
  packed.dispose();
  return unpack(spec, seq, lossStep, names, flat, model.weights.wHh);
}

/**
 * Runs every kernel of runTrace and returns its packed result unread (the caller disposes it).
 * With TF.js's ENGINE_COMPILE_ONLY flag set, the WebGL backend then compiles exactly the
 * shader programs a trace of this size needs and runs none of them (engine/webgl-warmup.ts).
 */
export function dispatchTrace(model: Model, seq: Sequence, opts: TraceOptions = {}): tf.Tensor {
  return packTrace(model, seq, opts).packed;
}

/** Checks the inputs, then computes the whole trace in one tf.tidy as one flat tensor. */
function packTrace(model: Model, seq: Sequence, opts: TraceOptions) {
  const spec = normalizeSpec(model.spec);
  checkWeights(spec, model.weights);
  const batch = { ...seq, batchSize: 1 };
  const K = checkBatch(spec, batch);
  const clamps = opts.clamps ?? [];
  checkClamps(spec.cell, clamps, seq.length);
  const T = seq.length;
  let lossStep = -1;
  for (let t = 0; t < T; t++) if (seq.mask[t]) lossStep = t;

  const H = spec.hiddenSize;
  // The Elman memory path runs on the backend only when it is too big for a JS loop, and never
  // on cpu, whose matMul is itself a JS loop (ELMAN_PATH_JS_LIMIT).
  const pathOnBackend =
    spec.cell === 'elman' &&
    lossStep >= 0 &&
    lossStep * H ** 3 > ELMAN_PATH_JS_LIMIT &&
    tf.getBackend() !== 'cpu';
  const names: string[] = [];
  const packed = tf.tidy(() => {
    const p = forwardBackward(spec, weightTensors(model.weights, spec), batch, K, {
      pathFrom: pathOnBackend ? lossStep : undefined,
      clamps,
      path: opts.path,
    });
    const parts: [string, tf.Tensor | undefined][] = [
      ['x', p.X],
      ['h', p.fwd.h],
      ['c', p.fwd.c],
      ...Object.entries(p.fwd.gates).map(([k, v]) => [`gate.${k}`, v] as [string, tf.Tensor]),
      ['y', p.Y],
      ['stepLoss', p.loss.stepLoss],
      ['loss', p.loss.loss],
      ['grad.h', p.bwd.dH],
      ['grad.c', p.bwd.dC],
      ['grad.x', p.dX],
      ['grad.pre', p.bwd.dPre],
      ...WEIGHT_KEYS.map((k) => [`grad.w.${k}`, p.grads[k]] as [string, tf.Tensor]),
      ['pathNorms', p.bwd.pathNorms],
    ];
    const kept = parts.filter((e): e is [string, tf.Tensor] => e[1] !== undefined);
    for (const [n, t] of kept) names.push(`${n}:${t.size}`);
    return tf.concat(
      kept.map(([, t]) => tf.reshape(t, [-1])),
      0,
    );
  });
  return { spec, lossStep, names, packed };
}

function unpack(
  spec: Required<ModelSpec>,
  seq: Sequence,
  lossStep: number,
  names: string[],
  flat: Float32Array,
  wHh: Float32Array,
): Trace {
  const part: Record<string, Float32Array> = {};
  let at = 0;
  for (const entry of names) {
    const [n, size] = entry.split(':') as [string, string];
    part[n] = flat.subarray(at, at + Number(size));
    at += Number(size);
  }
  const T = seq.length;
  const H = spec.hiddenSize;
  const gates: Record<string, Float32Array> = {};
  for (const k of Object.keys(part)) if (k.startsWith('gate.')) gates[k.slice(5)] = part[k]!;
  const pre = splitBlocks(part['grad.pre']!, blockNames(spec.cell), T, H);
  const weights = Object.fromEntries(
    WEIGHT_KEYS.map((k) => [k, part[`grad.w.${k}`]!]),
  ) as unknown as Weights;
  const pathInputs: PathInputs = {
    spec,
    T,
    gates,
    lossStep,
    elmanStepNorms: part.pathNorms,
    h: part.h,
    wHh,
  };
  return {
    spec,
    T,
    I: spec.inputSize,
    H,
    O: spec.outputSize,
    x: part.x!,
    h: part.h!,
    c: part.c,
    gates,
    y: part.y!,
    stepLoss: part.stepLoss!,
    mask: seq.mask,
    loss: part.loss![0]!,
    lossStep,
    grad: { h: part['grad.h']!, c: part['grad.c'], x: part['grad.x']!, pre, weights },
    series: {
      gradHNorm: rowNorms(part['grad.h']!, T, H),
      gradCNorm: part['grad.c'] ? rowNorms(part['grad.c'], T, H) : undefined,
      gradXNorm: rowNorms(part['grad.x']!, T, spec.inputSize),
      memoryPath: memoryPath(pathInputs),
      whhStepNorm: whhStepNorms(spec, T, part.h!, gates, pre),
    },
  };
}

/** Splits a [T, G*H] matrix into G contiguous [T, H] arrays by block name. */
function splitBlocks(
  m: Float32Array,
  blocks: readonly string[],
  T: number,
  H: number,
): Record<string, Float32Array> {
  const G = blocks.length;
  const out: Record<string, Float32Array> = {};
  blocks.forEach((name, g) => {
    const a = new Float32Array(T * H);
    for (let t = 0; t < T; t++)
      a.set(m.subarray(t * G * H + g * H, t * G * H + (g + 1) * H), t * H);
    out[name] = a;
  });
  return out;
}
