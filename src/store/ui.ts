/** Linked selection and hover: every view reads these, so pointing at one highlights all. */
import { create } from 'zustand';
import type { Hover, Selection } from '../views/types';

interface UiState {
  selection: Selection;
  hover: Hover;
  selectUnit(unit: number): void;
  selectGate(gate: string | null): void;
  setHover(h: Hover): void;
  /** keeps the selected unit inside a trace with H units */
  fitUnits(H: number): void;
}

export const useUi = create<UiState>()((set) => ({
  selection: { unit: 0, gate: null },
  hover: { t: null, unit: null },
  selectUnit: (unit) => set((s) => ({ selection: { ...s.selection, unit } })),
  selectGate: (gate) => set((s) => ({ selection: { ...s.selection, gate } })),
  setHover: (hover) =>
    set((s) => (s.hover.t === hover.t && s.hover.unit === hover.unit ? s : { hover })),
  fitUnits: (H) =>
    set((s) => (s.selection.unit < H ? s : { selection: { ...s.selection, unit: 0 } })),
}));
