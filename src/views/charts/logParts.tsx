/**
 * SVG pieces shared by the log-scale charts (gradient flow, compare overlay): the plot that maps
 * the pointer to a step, the powers-of-ten grid, the mark for a value above float32's range,
 * and the hatched band where values below it are drawn instead of −∞.
 */
import type { ReactNode } from 'react';
import type { Hover } from '../../config/selection';
import { pow10Label } from './layout';

type PointerAt = { clientX: number; clientY: number; currentTarget: Element };

/**
 * The chart's SVG: hovering shows the step under the pointer (`stepAt`, null off the data) in
 * every view, a click seeks to it.
 */
export function SeekablePlot(p: {
  width: number;
  height: number;
  label: string;
  stepAt(e: PointerAt): number | null;
  emit(h: Hover): void;
  onSeek(t: number): void;
  children: ReactNode;
}) {
  return (
    <svg
      className="line-plot"
      width={p.width}
      height={p.height}
      role="img"
      aria-label={p.label}
      onPointerMove={(e) => p.emit({ t: p.stepAt(e), unit: null })}
      onPointerLeave={() => p.emit({ t: null, unit: null })}
      onClick={(e) => {
        const t = p.stepAt(e);
        if (t !== null) p.onSeek(t);
      }}
    >
      {p.children}
    </svg>
  );
}

/**
 * Horizontal rules at each power of ten in `ticks` (10⁰ drawn stronger), their labels, the
 * y axis from `top` to `bottom`, and its title above the labels (rotated beside the axis it
 * would have no room next to 10⁻²⁵-wide labels).
 */
export function LogGrid(p: {
  ticks: readonly number[];
  y(log10: number): number;
  left: number;
  right: number;
  top: number;
  bottom: number;
  title: string;
  titleAt: { x: number; y: number; anchor?: 'start' | 'end' };
}) {
  return (
    <g aria-hidden="true">
      {p.ticks.map((k) => (
        <g key={k} transform={`translate(0,${p.y(k)})`}>
          <line className={`grid-line${k === 0 ? ' zero' : ''}`} x1={p.left} x2={p.right} />
          <Pow10 k={k} x={p.left - 8} />
        </g>
      ))}
      <line className="axis-line" x1={p.left} x2={p.left} y1={p.top} y2={p.bottom} />
      <text
        className="chart-axis-title"
        x={p.titleAt.x}
        y={p.titleAt.y}
        textAnchor={p.titleAt.anchor}
      >
        {p.title}
      </text>
    </g>
  );
}

/** An upward triangle at the top of the plot: this value overflowed float32 (∞ or NaN). */
export function OverflowMark({ x, top }: { x: number; top: number }) {
  return (
    <path className="overflow-mark" transform={`translate(${x},${top})`} d="M-5,4 L5,4 L0,-5 Z" />
  );
}

/**
 * 10ᵏ as a tick label with a real raised exponent: Unicode superscript digits are tiny in
 * most fonts, unreadable from the back of a room. The accessible text is the Unicode form.
 */
export function Pow10({ k, x }: { k: number; x: number }) {
  return (
    <text
      className="chart-tick pow10"
      x={x}
      dy="0.35em"
      textAnchor="end"
      aria-label={pow10Label(k)}
    >
      10
      <tspan className="pow10-exp" dy="-0.55em">
        {String(k).replace('-', '−')}
      </tspan>
    </text>
  );
}

/** The hatch fill the below-float32 band (and its legend swatch) use. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <defs>
      <pattern
        id={id}
        width={6}
        height={6}
        patternUnits="userSpaceOnUse"
        patternTransform="rotate(45)"
      >
        <rect width={6} height={6} fill="#f7f8fa" />
        <line x1={0} y1={0} x2={0} y2={6} stroke="#b9c0ca" strokeWidth={2} />
      </pattern>
    </defs>
  );
}

/** The band under the axis for zeros and float32 underflow, labelled "<10⁻³⁸". */
export function Float32Band(p: {
  x: number;
  width: number;
  y: number;
  height: number;
  hatchId: string;
}) {
  return (
    <g aria-hidden="true">
      <rect
        x={p.x}
        width={p.width}
        y={p.y}
        height={p.height}
        fill={`url(#${p.hatchId})`}
        stroke="#c5ccd5"
      />
      <text
        className="chart-tick pow10"
        x={p.x - 8}
        y={p.y + p.height / 2}
        dy="0.35em"
        textAnchor="end"
      >
        &lt;10
        <tspan className="pow10-exp" dy="-0.55em">
          −38
        </tspan>
      </text>
    </g>
  );
}

/** The legend entry for the below-float32 band. */
export function Float32BandKey({ hatchId }: { hatchId: string }) {
  return (
    <li>
      <svg width={22} height={12} aria-hidden="true">
        <rect width={22} height={12} fill={`url(#${hatchId})`} stroke="#c5ccd5" />
      </svg>
      <span>
        below float32 (&lt;1.2×10<sup>−38</sup>) or 0
      </span>
    </li>
  );
}
