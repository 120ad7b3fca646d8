/**
 * The contract every view follows: a pure `toRenderData(trace, t, selection, …)` that is
 * unit-tested, and a thin component that draws its result. Timesteps are 0-based here and
 * shown 1-based (t = 1 … T) everywhere a person reads them.
 */
import type { Trace } from '../engine/trace';
import type { Hover, SelectableRow, Selection } from '../config/selection';

export interface ViewProps {
  trace: Trace;
  /** current step, 0-based */
  t: number;
  selection: Selection;
  hover: Hover;
  onHover(h: Hover): void;
  onSelectUnit(unit: number): void;
  onSelectGate(gate: SelectableRow | null): void;
  /** move the playback cursor (clicking a time axis) */
  onSeek(t: number): void;
}

/** The part of every view's props that comes from the shared cursor, selection and hover. */
export type SharedViewProps = Omit<ViewProps, 'trace'>;
