/**
 * Seeded random builders for reference tests. Own tiny PRNG (mulberry32) so the oracle
 * shares no code with the engine's RNG.
 */
import type { ModelSpec, Sequence, Weights } from '../src/engine/types';
import { gateCount } from './math64';

export type Rng = () => number;

/** mulberry32: 32-bit state, uniform in [0, 1). Deterministic per seed. */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function uniform(rng: Rng, n: number, scale: number): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = (2 * rng() - 1) * scale;
  return out;
}

export function randomSpec(
  cell: ModelSpec['cell'],
  sizes: { inputSize?: number; hiddenSize?: number; outputSize?: number } = {},
  extra: Pick<ModelSpec, 'gruVariant' | 'activation'> = {},
): ModelSpec {
  return {
    cell,
    inputSize: sizes.inputSize ?? 3,
    hiddenSize: sizes.hiddenSize ?? 4,
    outputSize: sizes.outputSize ?? 2,
    ...extra,
  };
}

/** Uniform(−scale, scale) weights; a fairly large default scale keeps gates away from 0.5 so bugs show. */
export function randomWeights(spec: ModelSpec, rng: Rng, scale = 0.8): Weights {
  const gh = gateCount(spec.cell) * spec.hiddenSize;
  return {
    wIh: uniform(rng, gh * spec.inputSize, scale),
    wHh: uniform(rng, gh * spec.hiddenSize, scale),
    bIh: uniform(rng, gh, scale),
    bHh: uniform(rng, gh, scale),
    wOut: uniform(rng, spec.outputSize * spec.hiddenSize, scale),
    bOut: uniform(rng, spec.outputSize, scale),
  };
}

/**
 * Random inputs and targets. `mask` defaults to all steps targeted; pass e.g. [0,1,0,1,1,1]
 * to leave some steps without a target.
 */
export function randomSequence(
  spec: ModelSpec,
  length: number,
  loss: Sequence['loss'],
  rng: Rng,
  mask?: readonly number[],
): Sequence {
  const os = spec.outputSize;
  const targets =
    loss === 'mse'
      ? uniform(rng, length * os, 1)
      : Float32Array.from({ length }, () => Math.min(os - 1, Math.floor(rng() * os)));
  return {
    length,
    inputSize: spec.inputSize,
    inputs: uniform(rng, length * spec.inputSize, 1),
    loss,
    mask: Uint8Array.from(mask ?? Array.from({ length }, () => 1)),
    targets,
  };
}
