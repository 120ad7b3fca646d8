/**
 * A tiny math markup for the equation text, so the render data stays plain strings that tests
 * can read: `h_{t−1}` and `b_f` are subscripts, `x^{2}` a superscript. The component turns
 * the segments into <sub>/<sup> (HTML) or baseline-shifted <tspan>s (SVG); no KaTeX needed.
 */
import { formatValue } from '../scales';

export interface MathSegment {
  text: string;
  pos: 'base' | 'sub' | 'sup';
}

/** Splits markup into base, subscript and superscript runs. `_x` takes one character, `_{…}` a group. */
export function mathSegments(s: string): MathSegment[] {
  const out: MathSegment[] = [];
  let base = '';
  let k = 0;
  const flush = () => {
    if (base) out.push({ text: base, pos: 'base' });
    base = '';
  };
  while (k < s.length) {
    const ch = s[k]!;
    if ((ch === '_' || ch === '^') && k + 1 < s.length) {
      flush();
      const pos = ch === '_' ? 'sub' : 'sup';
      if (s[k + 1] === '{') {
        const end = s.indexOf('}', k + 2);
        const stop = end < 0 ? s.length : end;
        out.push({ text: s.slice(k + 2, stop), pos });
        k = stop + 1;
      } else {
        // One code point, so a subscript like "_θ" stays whole.
        const cp = String.fromCodePoint(s.codePointAt(k + 1)!);
        out.push({ text: cp, pos });
        k += 1 + cp.length;
      }
      continue;
    }
    base += ch;
    k++;
  }
  flush();
  return out;
}

/**
 * Splits text into runs where single Latin letters (variables: W, x, h, t) are marked to be
 * set in italic, and words (tanh, max, ReLU) stay upright, as in printed math.
 */
export function italicRuns(text: string): { text: string; italic: boolean }[] {
  return text
    .split(/(\b[A-Za-z]\b)/)
    .filter((p) => p !== '')
    .map((p) => ({ text: p, italic: /^[A-Za-z]$/.test(p) }));
}

/** A number as an operand: negatives in parentheses so "0.12·(−0.31)" cannot be misread. */
export function operand(v: number): string {
  const s = formatValue(v);
  return v < 0 || s.startsWith('−') ? `(${s})` : s;
}

/** A sum of terms written as a person would: "0.800 − 0.930 + 1.000". */
export function sumText(terms: readonly number[]): string {
  return terms
    .map((v, k) => {
      const s = formatValue(v);
      if (k === 0) return s;
      return s.startsWith('−') ? ` − ${s.slice(1)}` : ` + ${s}`;
    })
    .join('');
}

/** Baseline shift of each segment in SVG (sub down, sup up), for a <tspan dy>: relative to the previous one. */
export function baselineShifts(segs: readonly MathSegment[]): { dy: number[]; reset: number } {
  const offset = { base: 0, sub: 5, sup: -7 };
  let at = 0;
  const dy = segs.map((s) => {
    const d = offset[s.pos] - at;
    at = offset[s.pos];
    return d;
  });
  return { dy, reset: -at };
}
