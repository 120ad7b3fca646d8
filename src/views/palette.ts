import type { GateName } from '../engine/cellKinds';

/**
 * One colour per quantity, everywhere: a gate keeps its hue in the diagram, the
 * heatmap legend, the traces and the equations. Hues come from the Okabe–Ito
 * palette, which stays distinguishable under the common colour-vision deficiencies.
 */
export const GATE_COLORS: Readonly<Record<GateName, string>> = {
  forget: '#D55E00',
  input: '#0072B2',
  output: '#009E73',
  candidate: '#CC79A7',
  update: '#E69F00',
  reset: '#56B4E9',
};
