/**
 * Messages between the page and the Jacobian lens runner (lensRunner.ts), in a worker of its own:
 * the lens is float64 JS and needs no TF.js, so it starts at once and never waits behind a trace.
 * The map arrives in parts (whole columns, contiguous in its column-major array), so a long one
 * fills in while it computes.
 */
import type { GateClamp } from '../engine/interventions';
import type { ModelSpec, Weights } from '../engine/types';

export interface LensRequest {
  type: 'lens';
  id: number;
  spec: Required<ModelSpec>;
  weights: Weights;
  /** the sequence's x, [T, I] */
  inputs: Float32Array;
  length: number;
  clamps: GateClamp[];
  /** see LensOptions */
  maxWork: number;
  floor: number;
}

export type ToLensRunner = LensRequest | { type: 'cancel'; id: number };

export type FromLensRunner =
  /** the lens's shape, before any part */
  | {
      type: 'plan';
      id: number;
      T: number;
      n: number;
      svCount: number;
      maxLag: number;
      floor: number;
      whhNorm: number | null;
    }
  /** map columns [columnsFrom, columnsTo) and step singular values of steps [svFrom, svTo) */
  | {
      type: 'part';
      id: number;
      columnsFrom: number;
      columnsTo: number;
      norm: Float64Array;
      svFrom: number;
      svTo: number;
      sv: Float64Array;
      done: number;
      total: number;
    }
  /** `mapMs`: until the map was whole (the singular values come after it) */
  | { type: 'done'; id: number; ms: number; mapMs: number }
  | { type: 'error'; id: number; message: string };
