/**
 * HTML text in an exported SVG: each text node becomes one <text> per line the browser laid it
 * out on, at the line's position, with its computed font and colour. Wrapping is the page's own
 * (read from the words' boxes), so nothing is re-flowed differently in the file.
 */
import { svgEl } from './svgClone';

/** Where each word of a text node was laid out, grouped into lines: one <text> per line. */
export function text(node: Text, cs: CSSStyleDeclaration, g: SVGElement, origin: DOMRect) {
  const data = node.data;
  if (!data.trim()) return;
  const range = document.createRange();
  const lines: { x: number; top: number; bottom: number; from: number; to: number }[] = [];
  for (const m of data.matchAll(/\S+/g)) {
    range.setStart(node, m.index);
    range.setEnd(node, m.index + m[0].length);
    const rect = range.getClientRects()[0];
    if (!rect || !rect.width) continue;
    const line = lines.at(-1);
    if (line && Math.abs(rect.top - line.top) < rect.height / 2) line.to = m.index + m[0].length;
    else
      lines.push({
        x: rect.left,
        top: rect.top,
        bottom: rect.bottom,
        from: m.index,
        to: m.index + m[0].length,
      });
  }
  const ascent = fontAscent(cs);
  const upper = cs.textTransform === 'uppercase';
  for (const line of lines) {
    if (line.bottom < origin.top || line.top > origin.bottom) continue;
    let s = data.slice(line.from, line.to).replace(/\s+/g, ' ');
    if (upper) s = s.toUpperCase();
    const t = svgEl('text', {
      x: line.x - origin.left,
      y: line.top - origin.top + ascent,
      fill: cs.color,
      style: [
        `font-family: ${cs.fontFamily}`,
        `font-size: ${cs.fontSize}`,
        `font-weight: ${cs.fontWeight}`,
        `font-style: ${cs.fontStyle}`,
        cs.letterSpacing !== 'normal' ? `letter-spacing: ${cs.letterSpacing}` : '',
        'white-space: pre',
      ]
        .filter(Boolean)
        .join('; '),
    });
    t.textContent = s;
    g.append(t);
  }
}

const ascents = new Map<string, number>();
let measurer: CanvasRenderingContext2D | null = null;

/** Distance from the top of a laid-out text box to its baseline, for this font. */
export function fontAscent(cs: CSSStyleDeclaration): number {
  const font = `${cs.fontStyle} ${cs.fontWeight} ${cs.fontSize} ${cs.fontFamily}`;
  let a = ascents.get(font);
  if (a === undefined) {
    measurer ??= document.createElement('canvas').getContext('2d');
    if (measurer) {
      measurer.font = font;
      a = measurer.measureText('Hg').fontBoundingBoxAscent;
    }
    if (!a || !Number.isFinite(a)) a = parseFloat(cs.fontSize) * 0.9;
    ascents.set(font, a);
  }
  return a;
}
