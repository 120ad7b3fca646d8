/**
 * A stand-alone SVG picture of a part of the page, drawn from what the browser laid out: every
 * <svg> is copied with its computed styles (vectors stay vectors), every <canvas> (the heatmaps)
 * is embedded as a bitmap, and the HTML around them (readouts, legends, titles) becomes
 * rectangles for its backgrounds and borders and <text> for its words, one per laid-out line.
 * No foreignObject: the file opens in editors and slide tools, and rasterises without tainting
 * a canvas. The PNG export rasterises this same SVG, so both look the same.
 */
import { SVG_NS, cloneSvg, fmt, svgEl } from './svgClone';
import { fontAscent, text } from './svgText';

export interface Snapshot {
  /** serialised SVG document */
  svg: string;
  /** CSS pixels */
  width: number;
  height: number;
}

/** Form controls show values, not text nodes; the exported parts are charts, so skip them. */
const SKIP = new Set(['input', 'select', 'textarea', 'option', 'script', 'style', 'template']);

interface Ctx {
  origin: DOMRect;
  defs: SVGDefsElement;
  ids: number;
}

/** Breathing room around the view, in CSS px: ticks and axis titles reach a little outside it. */
export const EXPORT_MARGIN = 12;

export function snapshotSvg(root: Element, margin = EXPORT_MARGIN): Snapshot {
  const r = root.getBoundingClientRect();
  const origin = new DOMRect(
    r.left - margin,
    r.top - margin,
    r.width + 2 * margin,
    r.height + 2 * margin,
  );
  const { width, height } = origin;
  const out = svgEl('svg', { width, height, viewBox: `0 0 ${fmt(width)} ${fmt(height)}` });
  out.setAttribute('xmlns', SVG_NS);
  const defs = svgEl('defs', {});
  out.append(defs);
  out.append(svgEl('rect', { width, height, fill: backgroundBehind(root) }));
  const ctx: Ctx = { origin, defs, ids: 0 };
  const body = render(root, ctx);
  if (body) out.append(body);
  return { svg: new XMLSerializer().serializeToString(out), width, height };
}

/** The first opaque background at or above `root` (panels are white), so a PNG is not see-through. */
function backgroundBehind(root: Element): string {
  for (let e: Element | null = root; e; e = e.parentElement) {
    const bg = getComputedStyle(e).backgroundColor;
    if (alpha(bg) > 0) return bg;
  }
  return '#ffffff';
}

function alpha(color: string): number {
  if (!color || color === 'transparent') return 0;
  const m = /rgba?\(([^)]*)\)/.exec(color);
  if (!m) return 1;
  const parts = m[1]!.split(/[\s,/]+/).filter(Boolean);
  return parts.length > 3 ? Number(parts[3]) : 1;
}

function render(node: Element, ctx: Ctx): SVGElement | null {
  if (node instanceof SVGSVGElement) return cloneSvg(node, ctx.origin);
  if (node instanceof SVGElement || SKIP.has(node.localName)) return null;
  if (node instanceof HTMLCanvasElement) return canvasImage(node, ctx);
  const cs = getComputedStyle(node);
  if (cs.display === 'none') return null;
  const r = node.getBoundingClientRect();
  if (!intersects(r, ctx.origin)) return null;
  const g = svgEl('g', {});
  if (Number(cs.opacity) < 1) g.setAttribute('opacity', cs.opacity);
  if (cs.visibility === 'visible') {
    box(r, cs, g, ctx);
    if (cs.display === 'list-item') listMarker(node, r, cs, g, ctx);
  }
  // Scrolled or ellipsised content shows only what is inside its box, as on the page.
  let inner: SVGElement = g;
  if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
    const id = `clip${++ctx.ids}`;
    const clip = svgEl('clipPath', { id });
    clip.append(rectAt(r, ctx));
    ctx.defs.append(clip);
    inner = svgEl('g', { 'clip-path': `url(#${id})` });
    g.append(inner);
  }
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      if (cs.visibility === 'visible') text(child as Text, cs, inner, ctx.origin);
    } else if (child instanceof Element) {
      const drawn = render(child, ctx);
      if (drawn) inner.append(drawn);
    }
  }
  return g.childNodes.length ? g : null;
}

function intersects(r: DOMRect, o: DOMRect): boolean {
  return r.right > o.left && r.left < o.right && r.bottom > o.top && r.top < o.bottom;
}

function rectAt(r: DOMRect, ctx: Ctx, attrs: Record<string, string | number> = {}) {
  return svgEl('rect', {
    x: r.left - ctx.origin.left,
    y: r.top - ctx.origin.top,
    width: r.width,
    height: r.height,
    ...attrs,
  });
}

function canvasImage(c: HTMLCanvasElement, ctx: Ctx): SVGElement | null {
  const r = c.getBoundingClientRect();
  if (!r.width || !r.height || !intersects(r, ctx.origin)) return null;
  const img = svgEl('image', {
    x: r.left - ctx.origin.left,
    y: r.top - ctx.origin.top,
    width: r.width,
    height: r.height,
    preserveAspectRatio: 'none',
    href: c.toDataURL('image/png'),
    // The heatmap cells are blocks of colour: enlarge them without blurring their edges.
    style: 'image-rendering: pixelated',
  });
  return img;
}

/** Background colour or gradient, and borders, of one HTML box. */
function box(r: DOMRect, cs: CSSStyleDeclaration, g: SVGElement, ctx: Ctx) {
  if (!r.width || !r.height) return;
  const rx = parseFloat(cs.borderTopLeftRadius) || 0;
  const round: Record<string, number> = rx ? { rx: Math.min(rx, r.width / 2, r.height / 2) } : {};
  if (alpha(cs.backgroundColor) > 0)
    g.append(rectAt(r, ctx, { fill: cs.backgroundColor, ...round }));
  const gradient = linearGradient(cs.backgroundImage, ctx);
  if (gradient) g.append(rectAt(r, ctx, { fill: `url(#${gradient})`, ...round }));
  const sides = (['Top', 'Right', 'Bottom', 'Left'] as const).map((s) => ({
    side: s,
    w: parseFloat(cs.getPropertyValue(`border-${s.toLowerCase()}-width`)) || 0,
    color: cs.getPropertyValue(`border-${s.toLowerCase()}-color`),
    style: cs.getPropertyValue(`border-${s.toLowerCase()}-style`),
  }));
  const shown = sides.filter((s) => s.w > 0 && s.style !== 'none' && alpha(s.color) > 0);
  if (!shown.length) return;
  const same =
    shown.length === 4 && shown.every((s) => s.w === shown[0]!.w && s.color === shown[0]!.color);
  if (same) {
    const w = shown[0]!.w;
    const inset = new DOMRect(r.left + w / 2, r.top + w / 2, r.width - w, r.height - w);
    g.append(
      rectAt(inset, ctx, { fill: 'none', stroke: shown[0]!.color, 'stroke-width': w, ...round }),
    );
    return;
  }
  for (const s of shown) {
    const strip =
      s.side === 'Top'
        ? new DOMRect(r.left, r.top, r.width, s.w)
        : s.side === 'Bottom'
          ? new DOMRect(r.left, r.bottom - s.w, r.width, s.w)
          : s.side === 'Left'
            ? new DOMRect(r.left, r.top, s.w, r.height)
            : new DOMRect(r.right - s.w, r.top, s.w, r.height);
    g.append(rectAt(strip, ctx, { fill: s.color }));
  }
}

/** The number of an item in a numbered list (a pseudo-element, so not in the DOM). */
function listMarker(li: Element, r: DOMRect, cs: CSSStyleDeclaration, g: SVGElement, ctx: Ctx) {
  if (cs.listStyleType !== 'decimal' || cs.listStylePosition !== 'outside') return;
  const list = li.parentElement;
  const start = list instanceof HTMLOListElement ? list.start : 1;
  const index = [...(list?.children ?? [])].filter((c) => c.localName === 'li').indexOf(li);
  const marker = svgEl('text', {
    x: r.left + (parseFloat(cs.paddingLeft) || 0) - ctx.origin.left - 4,
    y: firstBaseline(li) ?? r.top + (parseFloat(cs.paddingTop) || 0) + fontAscent(cs),
    fill: cs.color,
    'text-anchor': 'end',
    style: `font-family: ${cs.fontFamily}; font-size: ${cs.fontSize}`,
  });
  marker.setAttribute('y', fmt(Number(marker.getAttribute('y')) - ctx.origin.top));
  marker.textContent = `${start + index}.`;
  g.append(marker);
}

/** Page y of the baseline of the first laid-out text inside `e`, where the marker sits. */
function firstBaseline(e: Element): number | null {
  const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
  for (let n = walk.nextNode(); n; n = walk.nextNode()) {
    if (!n.textContent?.trim() || !n.parentElement) continue;
    const range = document.createRange();
    range.selectNodeContents(n);
    const rect = range.getClientRects()[0];
    if (rect) return rect.top + fontAscent(getComputedStyle(n.parentElement));
  }
  return null;
}

/** `linear-gradient(to right, c0, c1, …)` (evenly spaced stops) as an SVG gradient id, or null. */
function linearGradient(image: string, ctx: Ctx): string | null {
  const m = /^linear-gradient\((.*)\)$/.exec(image.trim());
  if (!m) return null;
  const args = splitTopLevel(m[1]!);
  const dir = /^(to |-?[\d.]+deg)/.test(args[0] ?? '') ? args.shift()! : 'to bottom';
  const colors = args
    .map((a) => /^(rgba?\([^)]*\)|#[0-9a-f]+|[a-z]+)/i.exec(a)?.[1])
    .filter(Boolean);
  if (colors.length < 2) return null;
  const horizontal = /to (left|right)|90deg|270deg/.test(dir);
  const reversed = /to (left|top)|270deg/.test(dir);
  const id = `grad${++ctx.ids}`;
  const grad = svgEl('linearGradient', {
    id,
    x1: 0,
    y1: 0,
    x2: horizontal ? 1 : 0,
    y2: horizontal ? 0 : 1,
  });
  (reversed ? [...colors].reverse() : colors).forEach((c, k) => {
    grad.append(svgEl('stop', { offset: k / (colors.length - 1), 'stop-color': c! }));
  });
  ctx.defs.append(grad);
  return id;
}

function splitTopLevel(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < s.length; k++) {
    if (s[k] === '(') depth++;
    else if (s[k] === ')') depth--;
    else if (s[k] === ',' && depth === 0) {
      out.push(s.slice(start, k).trim());
      start = k + 1;
    }
  }
  out.push(s.slice(start).trim());
  return out;
}
