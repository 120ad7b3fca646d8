/**
 * THE CELL TABLE: every fact about a cell kind that more than one place needs, stated once.
 * The engine (gate rows, block names), the views (legends, diagram order, colours keyed by gate),
 * the controls, the compare view and the CLI all derive from it.
 */
import type { CellKind } from './types';

/** Every gate any cell has; the views key their colours by it. */
export type GateName = 'forget' | 'input' | 'output' | 'candidate' | 'update' | 'reset';

export interface CellFacts {
  kind: CellKind;
  /** the name people read: 'Elman', 'LSTM', 'GRU' */
  name: string;
  /** the gate blocks in the internal (PyTorch) row order of W_ih and W_hh */
  gates: readonly GateName[];
  /** the same gates in the order the diagram and the legends list them */
  shownGates: readonly GateName[];
}

export const CELLS: Readonly<Record<CellKind, CellFacts>> = {
  elman: { kind: 'elman', name: 'Elman', gates: [], shownGates: [] },
  lstm: {
    kind: 'lstm',
    name: 'LSTM',
    gates: ['input', 'forget', 'candidate', 'output'],
    shownGates: ['forget', 'input', 'candidate', 'output'],
  },
  gru: {
    kind: 'gru',
    name: 'GRU',
    gates: ['reset', 'update', 'candidate'],
    shownGates: ['update', 'reset', 'candidate'],
  },
};

/** The cell kinds, in the order every picker and the compare view list them. */
export const CELL_KINDS: readonly CellKind[] = ['elman', 'lstm', 'gru'];

export function isCellKind(v: unknown): v is CellKind {
  return typeof v === 'string' && (CELL_KINDS as readonly string[]).includes(v);
}
