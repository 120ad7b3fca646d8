/**
 * Seeded weight initialization:
 * - input weights: Glorot-uniform per gate block (fan_in = I, fan_out = H);
 * - recurrent weights: an orthogonal H×H matrix per gate block, times `recurrentScale`
 *   (so the spectral radius of each block equals the scale exactly);
 * - biases zero, except the LSTM forget-gate input bias, set to `forgetBias`;
 * - readout: Glorot-uniform, zero bias.
 */
import { Rng } from '../rng';
import { gateCount, normalizeSpec } from '../spec';
import type { Model, ModelSpec, Weights } from '../types';

export interface InitOptions {
  seed: number;
  /** Multiplies every orthogonal recurrent block; 1 keeps spectral radius 1. */
  recurrentScale?: number;
  /** LSTM only: initial forget-gate bias (1 keeps memory open at the start of training). */
  forgetBias?: number;
}

function glorotUniform(rng: Rng, out: Float32Array, offset: number, fanOut: number, fanIn: number) {
  const limit = Math.sqrt(6 / (fanIn + fanOut));
  for (let k = 0; k < fanOut * fanIn; k++) out[offset + k] = rng.uniform(-limit, limit);
}

/**
 * Writes a random orthogonal n×n matrix (Haar-distributed: QR of a Gaussian matrix with
 * the signs of R's diagonal folded into Q) times `scale` into out at offset, row-major.
 */
export function writeOrthogonal(
  rng: Rng,
  out: Float32Array,
  offset: number,
  n: number,
  scale: number,
) {
  // Columns of a Gaussian matrix, orthonormalized by modified Gram-Schmidt in float64.
  const cols: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const v = new Float64Array(n);
    for (let i = 0; i < n; i++) v[i] = rng.normal();
    cols.push(v);
  }
  for (let j = 0; j < n; j++) {
    const v = cols[j]!;
    for (let k = 0; k < j; k++) {
      const q = cols[k]!;
      let dot = 0;
      for (let i = 0; i < n; i++) dot += q[i]! * v[i]!;
      for (let i = 0; i < n; i++) v[i]! -= dot * q[i]!;
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += v[i]! * v[i]!;
    norm = Math.sqrt(norm);
    // Gram-Schmidt's R diagonal is positive already, which is the Haar sign convention.
    for (let i = 0; i < n; i++) v[i]! /= norm;
  }
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) out[offset + i * n + j] = scale * cols[j]![i]!;
}

export function initWeights(specIn: ModelSpec, opts: InitOptions): Weights {
  const spec = normalizeSpec(specIn);
  const { inputSize: I, hiddenSize: H, outputSize: O } = spec;
  const G = gateCount(spec.cell);
  const rng = new Rng(opts.seed);
  const scale = opts.recurrentScale ?? 1;
  const w: Weights = {
    wIh: new Float32Array(G * H * I),
    wHh: new Float32Array(G * H * H),
    bIh: new Float32Array(G * H),
    bHh: new Float32Array(G * H),
    wOut: new Float32Array(O * H),
    bOut: new Float32Array(O),
  };
  for (let g = 0; g < G; g++) glorotUniform(rng, w.wIh, g * H * I, H, I);
  for (let g = 0; g < G; g++) writeOrthogonal(rng, w.wHh, g * H * H, H, scale);
  glorotUniform(rng, w.wOut, 0, O, H);
  if (spec.cell === 'lstm') w.bIh.fill(opts.forgetBias ?? 1, H, 2 * H);
  return w;
}

export function initModel(spec: ModelSpec, opts: InitOptions): Model {
  return { spec: normalizeSpec(spec), weights: initWeights(spec, opts) };
}
