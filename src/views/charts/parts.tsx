/**
 * Pieces every chart shares: container-width measuring, the device pixel ratio, the time
 * axis, and the current/hover step rules (drawn identically everywhere, see colors.ts).
 */
import type { Hover } from '../../config/selection';
import { type RefObject, useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { HOVER_RULE_CLASS, NOW_RULE_CLASS, NOW_RULE_HALO_CLASS } from './colors';
import { type TimeAxis, stepLabel, timeTicks } from './layout';

/** Width of an element, kept current with a ResizeObserver (0 until first measured). */
export function useElementWidth<E extends HTMLElement>(): [RefObject<E | null>, number] {
  const ref = useRef<E>(null);
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth);
    const ro = new ResizeObserver((entries) => {
      // Round so sub-pixel jitter does not redraw the canvases.
      const w = Math.round(entries[0]?.contentRect.width ?? 0);
      setWidth((old) => (old === w ? old : w));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return [ref, width];
}

/** window.devicePixelRatio, updated when the window moves to a screen with another density. */
export function useDevicePixelRatio(): number {
  const [dpr, setDpr] = useState(() =>
    typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1,
  );
  useEffect(() => {
    const mq = window.matchMedia(`(resolution: ${dpr}dppx)`);
    const update = () => setDpr(window.devicePixelRatio || 1);
    mq.addEventListener('change', update);
    return () => mq.removeEventListener('change', update);
  }, [dpr]);
  return dpr;
}

/**
 * Calls onHover only when the hovered step or unit actually changes: pointer moves fire far
 * more often than the picture changes, and every call re-renders every linked view.
 */
export function useHoverEmitter(onHover: (h: Hover) => void): (h: Hover) => void {
  const last = useRef<Hover>({ t: null, unit: null });
  return useCallback(
    (h: Hover) => {
      if (h.t === last.current.t && h.unit === last.current.unit) return;
      last.current = h;
      onHover(h);
    },
    [onHover],
  );
}

/** Pointer position relative to the element that holds the listener. */
export function localPoint(e: { clientX: number; clientY: number; currentTarget: Element }) {
  const r = e.currentTarget.getBoundingClientRect();
  return { x: e.clientX - r.left, y: e.clientY - r.top };
}

interface RulesProps {
  axis: TimeAxis;
  t: number;
  hoverT: number | null;
  y1: number;
  y2: number;
}

/** The hover step (faint, dashed) and the current step (thin dark rule on a white halo). */
export function TimeRules({ axis, t, hoverT, y1, y2 }: RulesProps) {
  const x = axis.x(t);
  return (
    <g pointerEvents="none">
      {hoverT !== null && hoverT !== t && (
        <line
          className={HOVER_RULE_CLASS}
          x1={axis.x(hoverT)}
          x2={axis.x(hoverT)}
          y1={y1}
          y2={y2}
        />
      )}
      <line className={NOW_RULE_HALO_CLASS} x1={x} x2={x} y1={y1} y2={y2} />
      <line className={NOW_RULE_CLASS} x1={x} x2={x} y1={y1} y2={y2} />
    </g>
  );
}

/** Bottom time axis, steps labelled 1-based; the current step's label is emphasised. */
export function TimeAxisSvg({ axis, t, width }: { axis: TimeAxis; t: number; width: number }) {
  const ticks = timeTicks(axis.T, axis.plotWidth);
  const nowX = axis.x(t);
  return (
    <svg className="chart-axis" width={width} height={30} aria-hidden="true">
      <line
        className="axis-line"
        x1={axis.left}
        x2={axis.left + axis.plotWidth}
        y1={0.5}
        y2={0.5}
      />
      {ticks.map((k) => {
        // Hide a round tick the current step's label would overlap.
        if (Math.abs(axis.x(k) - nowX) < 28 && k !== t) return null;
        return (
          <g key={k} transform={`translate(${axis.x(k)},0)`}>
            <line className="axis-tick" y1={0} y2={5} />
            <text className="chart-tick" y={21} textAnchor="middle">
              {stepLabel(k)}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${nowX},0)`}>
        <line className="axis-tick now" y1={0} y2={6} />
        <text className="chart-tick now" y={21} textAnchor="middle">
          {stepLabel(t)}
        </text>
      </g>
      <text className="chart-axis-title" x={axis.left - 10} y={21} textAnchor="end">
        step t
      </text>
    </svg>
  );
}

const SUP_DIGITS = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/**
 * Text with Unicode exponents (10⁻⁵) rendered as real superscripts: the Unicode superscript
 * glyphs are too small to read on a projector at label sizes.
 */
export function SupText({ text }: { text: string }) {
  const parts = text.split(/([⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)/);
  return (
    <>
      {parts.map((p, i) =>
        i % 2 === 1 ? (
          <sup key={i}>
            {[...p].map((ch) => (ch === '⁻' ? '−' : SUP_DIGITS.indexOf(ch))).join('')}
          </sup>
        ) : (
          p
        ),
      )}
    </>
  );
}
