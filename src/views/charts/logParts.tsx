/**
 * SVG pieces shared by the log-scale charts (gradient flow, compare overlay): powers-of-ten tick
 * labels and the hatched band where values below float32's range are drawn instead of −∞.
 */
import { pow10Label } from './layout';

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
