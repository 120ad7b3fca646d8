/**
 * What the user points at, shared by every view: the selection (a link holds it) and the hover.
 * Plain types, low in the layers, because the stores hold them and the views read them.
 */
import { CELLS, type GateName } from '../engine/cellKinds';
import type { CellKind } from '../engine/types';

/** What a selection may single out: a gate, or a state row of the heatmaps (h, and c for the LSTM). */
export type SelectableRow = GateName | 'h' | 'c';

/** The rows a selection may name for a cell: its gates, h, and c for the LSTM. */
export function selectableRows(cell: CellKind): SelectableRow[] {
  return [...CELLS[cell].gates, 'h', ...(cell === 'lstm' ? (['c'] as const) : [])];
}

/** The row if `cell` has it, else null: a stale or hand-edited value never reaches a view. */
export function asSelectableRow(cell: CellKind, v: unknown): SelectableRow | null {
  return selectableRows(cell).find((r) => r === v) ?? null;
}

export interface Selection {
  /** the unit whose numbers the diagram, equations and traces show */
  unit: number;
  /** a gate singled out (heatmap row, equation line), if any */
  gate: SelectableRow | null;
  /** the earlier step k the Jacobian lens reads ∂s_t/∂s_k from (0-based, ≤ t); absent or null: step 1 */
  from?: number | null;
}

/** Where a new page (and a link without a selection) starts: the first unit, no gate, k at step 1. */
export const FIRST_UNIT: Readonly<Selection> = Object.freeze({ unit: 0, gate: null, from: null });

/** What the pointer is over, shared so every view highlights the same step and unit. */
export interface Hover {
  t: number | null;
  unit: number | null;
}
