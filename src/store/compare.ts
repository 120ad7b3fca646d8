/**
 * The side-by-side comparison: Elman, LSTM and GRU on the same task, sequence, seed, hidden size
 * and optimizer. The session's compare lanes fill this in; the playback cursor is shared with the
 * single view, so stepping moves all three columns.
 */
import { create } from 'zustand';
import type { Task } from '../engine/tasks/task';
import type { CellKind } from '../engine/types';
import { type CompareColumn, emptyColumn } from '../config/compareColumn';

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
