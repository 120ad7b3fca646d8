/**
 * Geometry of the cell diagram, separate from its numbers: each cell kind has a fixed
 * schematic in one viewBox (the SVG scales it to the panel), and the component draws any
 * layout generically — wires carry a flow id, blocks a gate, labels an optional value.
 *
 * The viewBox is 620 wide because the diagram panel is ~510 px wide at 1366×768 (a common
 * projector): 620 → 510 is a scale of 0.82, so text of ≥ 17 units stays ≥ 14 px on screen.
 */

export interface Pt {
  x: number;
  y: number;
}

/** A wire: a polyline of orthogonal segments carrying the value of flow `flow`. */
export interface WireSpec {
  id: string;
  /** a flow id from diagramData, or null for the neutral bus (a whole vector, no single value) */
  flow: string | null;
  points: Pt[];
  /** draw an arrowhead at the last point (flow direction) */
  arrow: boolean;
}

/** A gate block (or Elman's activation), top-left corner and size. */
export interface BlockSpec {
  gate: GateName | 'act';
  x: number;
  y: number;
  w: number;
  h: number;
}

/** A point-wise operation: × and + as circles, anything else as a labelled rounded box. */
export interface OpSpec {
  id: string;
  kind: 'mul' | 'add' | 'sum' | 'box';
  /** centre */
  x: number;
  y: number;
  /** markup (see math.ts), for boxes */
  text?: string;
  w?: number;
  h?: number;
}

/** A text label: a name in markup, optionally followed by the value of a flow. */
export interface LabelSpec {
  id: string;
  x: number;
  y: number;
  text: string;
  anchor: 'start' | 'middle' | 'end';
  /** append this flow's value */
  flow?: string;
  /** 'name' labels a wire; 'note' explains (italic, muted) */
  tone: 'name' | 'note';
}

export interface CellLayout {
  width: number;
  height: number;
  /** the cell at step t, the box the schematic sits in */
  frame: { x: number; y: number; w: number; h: number };
  /** y of the state lines that link steps; the ghosts at t−1 and t+1 show their values there */
  ports: { h: number; c?: number };
  blocks: BlockSpec[];
  ops: OpSpec[];
  wires: WireSpec[];
  labels: LabelSpec[];
  /** T-junctions, drawn as dots so a branch is not mistaken for a crossing */
  dots: Pt[];
}

export const VIEW_W = 620;
export const GHOST_W = 58;
/** The cell frame's left and right edges; ghosts sit outside them. */
export const FRAME_X0 = 72;
export const FRAME_X1 = VIEW_W - FRAME_X0;
/** Radius of × and + nodes. */
export const OP_R = 15;

/** Shorthand for points: p(10, 20). */
export const p = (x: number, y: number): Pt => ({ x, y });

/** Where an arrowhead goes and which way it points: the last point and the last segment's direction. */
export function arrowHead(points: readonly Pt[], length = 11, half = 6.5): Pt[] {
  const a = points[points.length - 2]!;
  const b = points[points.length - 1]!;
  const d = Math.hypot(b.x - a.x, b.y - a.y) || 1;
  const ux = (b.x - a.x) / d;
  const uy = (b.y - a.y) / d;
  const base = { x: b.x - ux * length, y: b.y - uy * length };
  return [
    b,
    { x: base.x - uy * half, y: base.y + ux * half },
    { x: base.x + uy * half, y: base.y - ux * half },
  ];
}

/** The polyline shortened at its end by `by`, so a wide stroke does not poke through the arrowhead. */
export function trimEnd(points: readonly Pt[], by: number): Pt[] {
  const out = points.map((q) => ({ ...q }));
  const a = out[out.length - 2]!;
  const b = out[out.length - 1]!;
  const d = Math.hypot(b.x - a.x, b.y - a.y);
  if (d <= by) return out;
  b.x -= ((b.x - a.x) / d) * by;
  b.y -= ((b.y - a.y) / d) * by;
  return out;
}

export function pathOf(points: readonly Pt[]): string {
  return points.map((q, k) => `${k ? 'L' : 'M'}${q.x},${q.y}`).join(' ');
}
import { type GateName } from '../../engine/cellKinds';
