/**
 * The contract every view follows: a pure `toRenderData(trace, t, selection, …)` that is
 * unit-tested, and a thin component that draws its result. Timesteps are 0-based here and
 * shown 1-based (t = 1 … T) everywhere a person reads them.
 */
import type { Trace } from '../engine/trace';

export interface Selection {
  /** the unit whose numbers the diagram, equations and traces show */
  unit: number;
  /** a gate singled out (heatmap row, equation line), if any */
  gate: string | null;
}

/** What the pointer is over, shared so every view highlights the same step and unit. */
export interface Hover {
  t: number | null;
  unit: number | null;
}

export interface ViewProps {
  trace: Trace;
  /** current step, 0-based */
  t: number;
  selection: Selection;
  hover: Hover;
  onHover(h: Hover): void;
  onSelectUnit(unit: number): void;
  onSelectGate(gate: string | null): void;
  /** move the playback cursor (clicking a time axis) */
  onSeek(t: number): void;
}
