/**
 * Batches and clamps shared by the fused-kernel checks (Vitest in Node, the WebGL page in
 * Chromium): B random sequences interleaved time-major, and a what-if clamp set per gated cell.
 */
import type { GateClamp } from '../src/engine/interventions';
import * as tf from '@tensorflow/tfjs-core';
import type { PassResult } from '../src/engine/passResult';
import type { Batch, ModelSpec } from '../src/engine/types';
import { mulberry32, randomSequence } from './random';

/** Clamps touching several gates over partial step ranges (and one over all steps). */
export const TEST_CLAMPS: Record<'lstm' | 'gru', GateClamp[]> = {
  lstm: [
    { gate: 'forget', value: 1, from: 1, to: 4 },
    { gate: 'candidate', value: -0.4, from: 3, to: 3 },
  ],
  gru: [
    { gate: 'update', value: 0.9, from: 2, to: 5 },
    { gate: 'reset', value: 0 },
  ],
};

/** B random sequences interleaved time-major (row t·B + b), targets on every third step and the last. */
export function interleavedBatch(
  spec: ModelSpec,
  T: number,
  B: number,
  loss: Batch['loss'],
  seed: number,
): Batch {
  const rng = mulberry32(seed);
  const mask = Array.from({ length: T }, (_, t) => (t % 3 === 2 || t === T - 1 ? 1 : 0));
  const seqs = Array.from({ length: B }, () => randomSequence(spec, T, loss, rng, mask));
  const I = spec.inputSize;
  const per = loss === 'mse' ? spec.outputSize : 1;
  const inputs = new Float32Array(T * B * I);
  const targets = new Float32Array(T * B * per);
  const m = new Uint8Array(T * B);
  for (let t = 0; t < T; t++)
    for (let b = 0; b < B; b++) {
      const r = t * B + b;
      inputs.set(seqs[b]!.inputs.subarray(t * I, (t + 1) * I), r * I);
      targets.set(seqs[b]!.targets.subarray(t * per, (t + 1) * per), r * per);
      m[r] = seqs[b]!.mask[t]!;
    }
  return { ...seqs[0]!, batchSize: B, inputs, targets, mask: m };
}

/**
 * Every array of a pass by name (states, gates, outputs, losses, all gradients; pathNorms when
 * measured), read back: what the fused-vs-op-by-op checks compare. Call inside tf.tidy.
 */
export function passArrays(p: PassResult): Record<string, Float32Array> {
  const parts: Record<string, tf.Tensor | undefined> = {
    h: p.fwd.h,
    c: p.fwd.c,
    ...Object.fromEntries(Object.entries(p.fwd.gates).map(([k, v]) => [`gate.${k}`, v])),
    y: p.Y,
    loss: p.loss.loss,
    stepLoss: p.loss.stepLoss,
    dH: p.bwd.dH,
    dC: p.bwd.dC,
    dPre: p.bwd.dPre,
    dX: p.dX,
    pathNorms: p.bwd.pathNorms,
    ...Object.fromEntries(Object.entries(p.grads).map(([k, v]) => [`grad.${k}`, v])),
  };
  const out: Record<string, Float32Array> = {};
  for (const [k, v] of Object.entries(parts)) if (v) out[k] = v.dataSync() as Float32Array;
  return out;
}
