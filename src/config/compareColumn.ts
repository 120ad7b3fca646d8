/**
 * One column of the compare view, as the store holds it and the compare charts read it: a plain
 * type both layers share, so neither imports the other.
 */
import type { LossPoint } from '../engine/lossHistory';
import type { Trace } from '../engine/trace';
import type { CellKind, ModelSpec, Weights } from '../engine/types';

export interface CompareColumn {
  cell: CellKind;
  spec: ModelSpec | null;
  trace: Trace | null;
  weights: Weights | null;
  /** ms the last trace of this cell took on this machine (forward + BPTT + read-back) */
  traceMs: number;
  /** spectral radius of each recurrent block of W_hh */
  spectralRadii: number[];
  /** training of this column: updates so far, loss history, divergence message */
  steps: number;
  history: LossPoint[];
  divergence: string | null;
  error: string | null;
}

export function emptyColumn(cell: CellKind): CompareColumn {
  return {
    cell,
    spec: null,
    trace: null,
    weights: null,
    traceMs: 0,
    spectralRadii: [],
    steps: 0,
    history: [],
    divergence: null,
    error: null,
  };
}
