/**
 * Linked selection and hover: every view reads these, so pointing at one highlights all. Also
 * the page's "chrome" modes (teacher, embed, presentation) and overlays, which a link can set.
 */
import { create } from 'zustand';
import { FIRST_UNIT, type Hover, type SelectableRow, type Selection } from '../config/selection';

/** The panels of the single-cell view, by grid area (= their `panel-<id>` test id). */
export const PANEL_IDS = [
  'diagram',
  'heatmaps',
  'traces',
  'equations',
  'gradients',
  'training',
  'strip',
  'lens',
] as const;
export type PanelId = (typeof PANEL_IDS)[number];
/** What `embed=` can show alone: one panel, or the whole compare view. */
export const EMBED_IDS = [...PANEL_IDS, 'compare'] as const;
export type EmbedId = (typeof EMBED_IDS)[number];

/** off: everything; captions: no explanatory text; play: only the views and the playback bar. */
export type TeacherMode = 'off' | 'captions' | 'play';

interface UiState {
  selection: Selection;
  hover: Hover;
  /** the micro-step shown inside the current step (config/microOps.ts), or null: not stepped in */
  microOp: string | null;
  /** the guided tour's step (0-based), or null when no tour runs; the tour reads and sets it */
  tourStep: number | null;
  teacher: TeacherMode;
  /** one view alone, without chrome (for slides and LMS iframes), or null */
  embed: EmbedId | null;
  /** presentation mode: large type, high contrast, one panel enlarged */
  presenting: boolean;
  /** the panel presentation mode enlarges */
  focusPanel: PanelId;
  helpOpen: boolean;
  /** a short message for the user (e.g. fullscreen refused), shown until replaced or cleared */
  flash: string | null;
  selectUnit(unit: number): void;
  selectGate(gate: SelectableRow | null): void;
  /** the Jacobian lens's earlier step k */
  selectFrom(k: number | null): void;
  setHover(h: Hover): void;
  /** keeps the selected unit inside a trace with H units */
  fitUnits(H: number): void;
  setMicroOp(op: string | null): void;
  setTourStep(step: number | null): void;
  setPresenting(on: boolean): void;
  setFocusPanel(panel: PanelId): void;
  setHelpOpen(open: boolean): void;
  setFlash(text: string | null): void;
}

/** The panel a new page (and a link without one) puts first in presenter mode. */
export const DEFAULT_FOCUS_PANEL: PanelId = 'gradients';

export const useUi = create<UiState>()((set) => ({
  selection: { ...FIRST_UNIT },
  hover: { t: null, unit: null },
  microOp: null,
  tourStep: null,
  teacher: 'off',
  embed: null,
  presenting: false,
  focusPanel: DEFAULT_FOCUS_PANEL,
  helpOpen: false,
  flash: null,
  selectUnit: (unit) => set((s) => ({ selection: { ...s.selection, unit } })),
  selectGate: (gate) => set((s) => ({ selection: { ...s.selection, gate } })),
  selectFrom: (from) => set((s) => ({ selection: { ...s.selection, from } })),
  setHover: (hover) =>
    set((s) => (s.hover.t === hover.t && s.hover.unit === hover.unit ? s : { hover })),
  fitUnits: (H) =>
    set((s) => (s.selection.unit < H ? s : { selection: { ...s.selection, unit: 0 } })),
  setMicroOp: (microOp) => set({ microOp }),
  setTourStep: (tourStep) => set({ tourStep }),
  setPresenting: (presenting) => set({ presenting }),
  setFocusPanel: (focusPanel) => set({ focusPanel }),
  setHelpOpen: (helpOpen) => set({ helpOpen }),
  setFlash: (flash) => set({ flash }),
}));
