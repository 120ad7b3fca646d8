/**
 * Copies an on-page <svg> into an export. The page styles its charts with CSS classes, which a
 * stand-alone file does not have, so every element gets the computed values of the properties
 * that decide how it looks (colours, strokes, fonts) written into its `style` attribute.
 */

export const SVG_NS = 'http://www.w3.org/2000/svg';

/** Presentation properties and their initial values: only differing values are written. */
const PAINT: Record<string, string | null> = {
  fill: 'rgb(0, 0, 0)',
  'fill-opacity': '1',
  'fill-rule': 'nonzero',
  stroke: 'none',
  'stroke-width': '1px',
  'stroke-opacity': '1',
  'stroke-dasharray': 'none',
  'stroke-dashoffset': '0px',
  'stroke-linecap': 'butt',
  'stroke-linejoin': 'miter',
  opacity: '1',
  visibility: 'visible',
  'paint-order': 'normal',
  'vector-effect': 'none',
  'stop-color': 'rgb(0, 0, 0)',
  'stop-opacity': '1',
  'text-anchor': 'start',
  'dominant-baseline': 'auto',
  'letter-spacing': 'normal',
  'text-decoration-line': 'none',
  'shape-rendering': 'auto',
  'mix-blend-mode': 'normal',
};

/** Fonts are written on text and on the root (children inherit them there, as on the page). */
const FONT = ['font-family', 'font-size', 'font-weight', 'font-style', 'font-variant-numeric'];
const TEXTUAL = new Set(['svg', 'text', 'tspan', 'textPath']);

export function styleText(el: Element, cs: CSSStyleDeclaration): string {
  const parts: string[] = [];
  if (cs.display === 'none') return 'display: none';
  for (const [prop, initial] of Object.entries(PAINT)) {
    const v = cs.getPropertyValue(prop);
    if (v && v !== initial) parts.push(`${prop}: ${v}`);
  }
  if (TEXTUAL.has(el.localName)) {
    for (const prop of FONT) {
      const v = cs.getPropertyValue(prop);
      if (v && v !== 'normal') parts.push(`${prop}: ${v}`);
    }
  }
  // CSS transforms (e.g. the diagram's gate bars) only mean the same with their origin and box.
  if (cs.transform && cs.transform !== 'none') {
    parts.push(`transform: ${cs.transform}`);
    parts.push(`transform-origin: ${cs.transformOrigin}`);
    parts.push(`transform-box: ${cs.getPropertyValue('transform-box')}`);
  }
  return parts.join('; ');
}

/**
 * A styled copy of `svg`, placed at its on-page position relative to `origin` and drawn at its
 * on-page size (its viewBox, if any, still maps the drawing into that box).
 */
export function cloneSvg(svg: SVGSVGElement, origin: DOMRect): SVGSVGElement {
  const r = svg.getBoundingClientRect();
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, k) => {
    const target = to[k]!;
    const style = styleText(el, getComputedStyle(el));
    if (style) target.setAttribute('style', style);
    else target.removeAttribute('style');
    target.removeAttribute('class');
  });
  // The page draws ticks and labels a little outside some plots (overflow: visible).
  copy.setAttribute('style', `${copy.getAttribute('style') ?? ''}; overflow: visible`);
  copy.setAttribute('x', fmt(r.left - origin.left));
  copy.setAttribute('y', fmt(r.top - origin.top));
  copy.setAttribute('width', fmt(r.width));
  copy.setAttribute('height', fmt(r.height));
  for (const a of ['role', 'aria-label', 'aria-hidden', 'tabindex']) copy.removeAttribute(a);
  return copy;
}

export function fmt(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** A new SVG element with attributes (numbers rounded to 0.01 px). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  name: K,
  attrs: Record<string, string | number>,
): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, typeof v === 'number' ? fmt(v) : v);
  return e;
}
