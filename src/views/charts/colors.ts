/**
 * Colours and shared marks of the charts. Gates take their hue from ../palette (never
 * redefined here); the states and the gradient series get neutral inks of their own so that
 * "h is ink, c is bronze" holds in every chart, and no state colour can be mistaken for a gate.
 */
import { color } from 'd3';

/** One colour per state quantity, in every chart (traces, heatmap legend, gradient flow). */
export const STATE_COLORS = {
  /** hidden state h_t and its gradient ‖∂L/∂h_t‖: near-black ink */
  h: '#1d2733',
  /** LSTM cell state c_t and ‖∂L/∂c_t‖: a bronze far from every Okabe–Ito gate hue */
  c: '#8a6d3b',
  /** the memory-path product, drawn dashed */
  memoryPath: '#56606e',
} as const;

/**
 * The current step is marked the same way in every chart: a thin dark line over a white
 * halo (so it reads on dark viridis cells and on white plot areas alike). The hover step is
 * a fainter dashed line. Styles live in charts.css under these class names.
 */
export const NOW_RULE_CLASS = 'now-rule';
export const NOW_RULE_HALO_CLASS = 'now-rule-halo';
export const HOVER_RULE_CLASS = 'hover-rule';

/** Dark or white text, whichever reads better on a filled background of `hex`. */
export function inkOn(hex: string): string {
  const c = color(hex)?.rgb();
  if (!c) return '#16191f';
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  const L = 0.2126 * lin(c.r) + 0.7152 * lin(c.g) + 0.0722 * lin(c.b);
  // Contrast ratio against black text vs against white text; pick the larger.
  return (L + 0.05) / 0.05 >= 1.05 / (L + 0.05) ? '#16191f' : '#ffffff';
}
