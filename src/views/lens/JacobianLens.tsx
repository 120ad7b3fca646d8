/**
 * JACOBIAN LENS drawer: the T × T map (a canvas of T × T pixels scaled up), the selected row
 * against k with the Elman bound, and the step Jacobians' singular values. Clicking the map
 * selects t (the playback cursor, so every view follows) and k; with the map focused, arrow keys
 * move k (← →) and t (↑ ↓).
 */
import { type KeyboardEvent, type PointerEvent, useEffect, useMemo, useRef } from 'react';
import { line, scaleLinear } from 'd3';
import type { JacobianLens as Lens } from '../../engine/jacobian/lens';
import { SupText, useElementWidth } from '../charts/parts';
import { magnitudeLabel, pow10Label, stepLabel } from '../charts/layout';
import {
  type LensPoint,
  type LensRenderData,
  lensColor,
  lensLogDomain,
  lensPixels,
  lensRenderData,
  subscript,
} from './lensData';
import './lens.css';

export interface JacobianLensProps {
  lens: Lens;
  /** changes whenever the lens's arrays were filled further */
  version: number;
  t: number;
  from: number | null | undefined;
  onSeek(t: number): void;
  onSelectFrom(k: number): void;
}

export function JacobianLensView(p: JacobianLensProps) {
  const { lens, version } = p;
  // The colour scale and pixels follow the data, not the cursor: computed once per part.
  const logDomain = useMemo(() => lensLogDomain(lens), [lens, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const pixels = useMemo(() => lensPixels(lens, logDomain), [lens, logDomain, version]); // eslint-disable-line react-hooks/exhaustive-deps
  const data = lensRenderData(lens, p.t, p.from, logDomain);
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const mapSize = Math.max(120, Math.min(420, width >= 640 ? width * 0.42 : width));
  // Beside the map when there is room (its border and the gap taken off), else below it.
  const chartWidth = width >= 640 ? width - mapSize - 32 : width;
  return (
    <figure className="chart lens" aria-label={`Jacobian lens. ${data.summary}`}>
      <p className="chart-readout num" aria-live="polite">
        <SupText text={data.summary} />
      </p>
      <div ref={ref} className="lens-body">
        {width > 0 && (
          <>
            <LensMap data={data} pixels={pixels} size={mapSize} {...p} />
            <div className="lens-charts" style={{ width: chartWidth }}>
              <RowChart data={data} width={chartWidth} />
              <SingularValues data={data} width={chartWidth} />
            </div>
          </>
        )}
      </div>
    </figure>
  );
}

function LensMap(
  p: JacobianLensProps & { data: LensRenderData; pixels: Uint8ClampedArray; size: number },
) {
  const { data, size } = p;
  const canvas = useRef<HTMLCanvasElement>(null);
  const T = data.T;
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    c.width = T;
    c.height = T;
    ctx.putImageData(new ImageData(new Uint8ClampedArray(p.pixels), T, T), 0, 0);
  }, [p.pixels, T]);
  const cell = size / T;
  const pick = (e: PointerEvent<HTMLDivElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    const t = Math.min(T - 1, Math.max(0, Math.floor(((e.clientY - r.top) / r.height) * T)));
    const k = Math.min(t, Math.max(0, Math.floor(((e.clientX - r.left) / r.width) * T)));
    p.onSeek(t);
    p.onSelectFrom(k);
  };
  const keys = (e: KeyboardEvent<HTMLDivElement>) => {
    const move: Record<string, [number, number]> = {
      ArrowLeft: [0, -1],
      ArrowRight: [0, 1],
      ArrowUp: [-1, 0],
      ArrowDown: [1, 0],
    };
    const d = move[e.key];
    if (!d) return;
    e.preventDefault();
    e.stopPropagation(); // the page's arrow keys step playback; here they move in the map
    const t = Math.min(T - 1, Math.max(0, data.t + d[0]));
    p.onSeek(t);
    p.onSelectFrom(Math.min(t, Math.max(0, data.k + d[1])));
  };
  const [lo, hi] = data.logDomain;
  return (
    <div className="lens-map-wrap" style={{ width: size }}>
      <div className="lens-axis-y" aria-hidden="true">
        step t ↓
      </div>
      <div
        className="lens-map"
        style={{ width: size, height: size }}
        role="grid"
        tabIndex={0}
        aria-label={`Map of ‖∂s_t/∂s_k‖ for every k ≤ t. Selected: t = ${stepLabel(data.t)}, k = ${stepLabel(data.k)}. Arrow keys move k and t.`}
        data-testid="lens-map"
        onPointerDown={pick}
        onKeyDown={keys}
      >
        <canvas ref={canvas} className="lens-canvas" style={{ width: size, height: size }} />
        <div
          className="lens-cross-row"
          style={{ top: data.t * cell, height: Math.max(1, cell), width: (data.t + 1) * cell }}
        />
        <div
          className="lens-cross-col"
          style={{
            left: data.k * cell,
            width: Math.max(1, cell),
            top: data.k * cell,
            height: (T - data.k) * cell,
          }}
        />
        <div
          className="lens-pick"
          style={{
            left: data.k * cell - 3,
            top: data.t * cell - 3,
            width: cell + 6,
            height: cell + 6,
          }}
        />
      </div>
      <div className="lens-axis-x" aria-hidden="true">
        earlier step k →
      </div>
      <div className="lens-legend" aria-hidden="true">
        <span className="num">
          <SupText text={`${pow10Label(lo)} shrunk`} />
        </span>
        <span
          className="lens-ramp"
          style={{
            // Half the bar for each side of 1, as the map's colours are.
            background: `linear-gradient(to right, ${[lo, lo / 2, 0, hi / 2, hi].map((v) => lensColor(v, data.logDomain)).join(', ')})`,
          }}
        />
        <span className="num">
          <SupText text={`${pow10Label(hi)} grown`} />
        </span>
        <span className="lens-one num">pale: 1, kept</span>
        {data.maxLag < T - 1 && (
          <span className="lens-band-note">
            grey checks: not computed (lags over {data.maxLag})
          </span>
        )}
      </div>
    </div>
  );
}

const PAD = { left: 52, right: 12, top: 8, bottom: 24 };

function LogChart(p: {
  width: number;
  height: number;
  title: string;
  T: number;
  domain: [number, number];
  marker: number;
  lines: { points: LensPoint[]; className: string }[];
  label: string;
}) {
  const x = scaleLinear([0, Math.max(1, p.T - 1)], [PAD.left, p.width - PAD.right]);
  const y = scaleLinear(p.domain, [p.height - PAD.bottom, PAD.top]);
  const path = line<LensPoint>(
    (d) => x(d.x),
    (d) => y(Math.max(p.domain[0], Math.min(p.domain[1], d.log10))),
  );
  const span = p.domain[1] - p.domain[0];
  const stepTick = Math.max(1, Math.ceil(span / 5));
  const ticks: number[] = [];
  for (let v = Math.ceil(p.domain[0]); v <= p.domain[1]; v += stepTick) ticks.push(v);
  return (
    <div>
      {/* HTML, not SVG text: a title wraps on a phone instead of being cut. */}
      <p className="lens-chart-title">{p.title}</p>
      <svg width={p.width} height={p.height} role="img" aria-label={p.label} className="lens-chart">
        {ticks.map((v) => (
          <g key={v}>
            <line
              x1={PAD.left}
              x2={p.width - PAD.right}
              y1={y(v)}
              y2={y(v)}
              className={v === 0 ? 'grid-line zero' : 'grid-line'}
            />
            <text x={PAD.left - 6} y={y(v) + 4} textAnchor="end" className="chart-tick num">
              {pow10Label(v)}
            </text>
          </g>
        ))}
        <text x={PAD.left} y={p.height - 6} className="chart-tick num">
          1
        </text>
        <text x={p.width - PAD.right} y={p.height - 6} textAnchor="end" className="chart-tick num">
          {p.T}
        </text>
        <line
          x1={x(p.marker)}
          x2={x(p.marker)}
          y1={PAD.top}
          y2={p.height - PAD.bottom}
          className="now-rule"
        />
        {p.lines.map((l) => (
          <path key={l.className} d={path(l.points) ?? ''} className={l.className} />
        ))}
      </svg>
    </div>
  );
}

function RowChart({ data, width }: { data: LensRenderData; width: number }) {
  const bound = data.bound?.filter((b) => b.log10 >= data.logDomain[0] - 1);
  // The bound's highest point is at k = 0 (the longest lag) when σ_max(W_hh) > 1.
  const hi = Math.max(data.logDomain[1], ...(bound ?? []).map((b) => b.log10));
  return (
    <LogChart
      width={width}
      height={130}
      title={`Row t = ${stepLabel(data.t)}: ‖∂s_t/∂s_k‖ against k${data.bound ? ' (dashed: the bound σ_max(W_hh)^(t−k))' : ''}`}
      T={data.T}
      domain={[data.logDomain[0], Math.min(hi, data.logDomain[1] + 10)]}
      marker={data.k}
      lines={[
        { points: data.row, className: 'lens-row' },
        ...(bound ? [{ points: bound, className: 'lens-bound' }] : []),
      ]}
      label={`Row ${stepLabel(data.t)} of the map, against k.`}
    />
  );
}

function SingularValues({ data, width }: { data: LensRenderData; width: number }) {
  const all = [...data.svMax, ...data.svMin].map((p) => p.log10);
  const lo = Math.floor(Math.min(-1, ...all));
  const hi = Math.ceil(Math.max(1, ...all));
  const at = data.svAtT;
  return (
    <>
      <LogChart
        width={width}
        height={120}
        title={
          data.svMin.length
            ? 'Singular values of each step Jacobian J_t: largest and smallest'
            : 'Largest singular value of each J_t'
        }
        T={data.T}
        domain={[Math.max(lo, -40), hi]}
        marker={data.t}
        lines={[
          { points: data.svMax, className: 'lens-sv-max' },
          { points: data.svMin, className: 'lens-sv-min' },
        ]}
        label="Singular values of every step Jacobian."
      />
      <p className="lens-sv-readout num">
        <SupText
          text={
            at.length
              ? `σ(J${subscript(stepLabel(data.t))}): ${at.slice(0, 4).map(magnitudeLabel).join(', ')}${at.length > 4 ? ` … ${magnitudeLabel(at.at(-1)!)}` : ''}`
              : 'σ(J_t): computing…'
          }
        />
      </p>
    </>
  );
}
