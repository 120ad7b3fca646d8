/**
 * How a wire shows the value it carries: thickness ∝ magnitude, colour by meaning — a gate's
 * own hue for gate openness (so a wire reads as "the forget gate, 80 % open"), the diverging
 * scale for signed values (sign at a glance), grey for the input vector and for the bus.
 */
import { type GateName } from '../../engine/cellKinds';
import { GATE_COLORS } from '../palette';
import { signedColor } from '../scales';
import type { Flow } from './diagramData';

export const BUS_COLOR = '#8a94a3';
export const CASING_COLOR = '#4b5563';
const MIN_W = 2.5;
const GAIN_W = 6;

export interface WireStyle {
  stroke: string;
  width: number;
  /** a dark outline: signed colours near 0 are near-white and would vanish on the panel */
  casing: boolean;
  /** the value is unknown (needs weights): drawn dashed */
  unknown: boolean;
}

/** Gate whose hue a flow takes: the gate itself, or the update gate for 1 − z. */
function hueOf(flowId: string): string | undefined {
  if (flowId === 'oneMinusZ') return GATE_COLORS.update;
  return (GATE_COLORS as Record<string, string>)[flowId as GateName];
}

export function wireStyle(f: Flow | undefined): WireStyle {
  if (!f) return { stroke: BUS_COLOR, width: 3, casing: false, unknown: false };
  if (f.value === null) return { stroke: BUS_COLOR, width: 3, casing: false, unknown: true };
  const width = MIN_W + GAIN_W * f.magnitude;
  if (f.domain === 'vector') return { stroke: '#6b7480', width, casing: false, unknown: false };
  const hue = hueOf(f.id);
  if (f.domain === 'unit' && hue) return { stroke: hue, width, casing: false, unknown: false };
  return { stroke: signedColor(f.value), width, casing: true, unknown: false };
}
