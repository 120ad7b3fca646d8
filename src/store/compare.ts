/**
 * The side-by-side comparison: Elman, LSTM and GRU on the same task, sequence, seed, hidden size
 * and optimizer. The compare controller fills this in; the playback cursor is shared with the
 * single view, so stepping moves all three columns.
 */
import { create } from 'zustand';
import type { Task } from '../engine/tasks/task';
import type { Trace } from '../engine/trace';
import type { CellKind, ModelSpec, Weights } from '../engine/types';
import type { LossPoint } from './training';

export const COMPARE_CELLS: readonly CellKind[] = ['elman', 'lstm', 'gru'];

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

export interface CompareActions {
  trainAll(): void;
  pauseAll(): void;
  resetAll(): void;
}

interface CompareState {
  /** whether the compare view is shown (instead of the single-cell view) */
  open: boolean;
  status: 'idle' | 'computing' | 'ready' | 'error';
  running: boolean;
  task: Task | null;
  columns: Record<CellKind, CompareColumn>;
  actions: CompareActions;
  setOpen(open: boolean): void;
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

const noop = () => {};

export const useCompare = create<CompareState>()((set) => ({
  open: false,
  status: 'idle',
  running: false,
  task: null,
  columns: { elman: emptyColumn('elman'), lstm: emptyColumn('lstm'), gru: emptyColumn('gru') },
  actions: { trainAll: noop, pauseAll: noop, resetAll: noop },
  setOpen: (open) => set({ open }),
}));
