/**
 * Spectral radii of W_hh's recurrent blocks, kept per weights object: the training worker
 * computes them off the page and sends them with the weights, the trace worker computes them for
 * weights it traces first, and the page computes them only for weights neither has seen
 * (~30 ms at H = 64). A WeakMap: the radii go when the weights do.
 */
import { recurrentSpectralRadii } from './linalg';
import type { Model, Weights } from './types';

const knownRadii = new WeakMap<Weights, number[]>();

export function rememberSpectralRadii(weights: Weights, radii: number[]): void {
  knownRadii.set(weights, radii);
}

/** True when these very weights' radii are known (the trace worker need not compute them). */
export function hasSpectralRadii(weights: Weights): boolean {
  return knownRadii.has(weights);
}

/** recurrentSpectralRadii, computed once per weights object. */
export function spectralRadiiOf(model: Model): number[] {
  let radii = knownRadii.get(model.weights);
  if (!radii) {
    radii = recurrentSpectralRadii(model.spec, model.weights);
    knownRadii.set(model.weights, radii);
  }
  return radii;
}
