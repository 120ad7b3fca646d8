/** The drawing pieces of the cell diagram: wires, gate blocks, × / + nodes, labels, ghosts. */
import { memo } from 'react';
import { formatValue } from '../scales';
import { type DiagramGate, type Flow, type Neighbour, ghostValue } from './diagramData';
import { type BlockSpec, type OpSpec, type WireSpec, arrowHead, pathOf, trimEnd } from './geometry';
import { MathSvg } from './MathText';
import { CASING_COLOR, wireStyle } from './wireStyle';

const ARROW_LEN = 11;

export function Wire({ spec, flow }: { spec: WireSpec; flow: Flow | undefined }) {
  const s = wireStyle(flow);
  const pts = spec.arrow ? trimEnd(spec.points, ARROW_LEN - 1) : spec.points;
  const d = pathOf(pts);
  const head = spec.arrow ? arrowHead(spec.points, ARROW_LEN) : null;
  return (
    <g className="gs-wire-group" data-wire={spec.id}>
      {s.casing && (
        <path
          className="gs-wire gs-casing"
          d={d}
          style={{ strokeWidth: s.width + 2.5, stroke: CASING_COLOR }}
        />
      )}
      <path
        className="gs-wire"
        d={d}
        strokeDasharray={s.unknown ? '6 5' : undefined}
        style={{ strokeWidth: s.width, stroke: s.stroke }}
      />
      {head && <polygon className="gs-arrow" points={head.map((q) => `${q.x},${q.y}`).join(' ')} />}
    </g>
  );
}

const ACT_COLOR = '#56606e';

interface BlockProps {
  spec: BlockSpec;
  gate: DiagramGate | undefined;
  /** Elman's activation: its function name and h_t */
  act?: { fn: string; value: number };
  selected: boolean;
  onSelect?(): void;
}

/**
 * A gate block: its hue, name, nonlinearity, value and a meter of the value across its range.
 * Clicking selects the gate (mouse only: the SVG is one role="img"; keyboard users select
 * gates from the equation panel, whose lines are buttons).
 */
export function GateBlock({ spec, gate, act, selected, onSelect }: BlockProps) {
  const { x, y, w, h } = spec;
  const color = gate ? gate.color : ACT_COLOR;
  const value = gate ? gate.value : (act?.value ?? 0);
  // ReLU's h is never negative, so its meter fills from the left like a gate's.
  const signed = gate ? gate.domain === 'signed' : act?.fn !== 'ReLU';
  const name = gate ? gate.label : 'activation';
  const fn = gate ? gate.fn : (act?.fn ?? 'tanh');
  const v = Math.max(-1, Math.min(1, Number.isFinite(value) ? value : 0));
  const track = { x: x + 10, w: w - 20, y: y + h - 13, h: 7 };
  return (
    <g
      className={`gs-block${selected ? ' is-selected' : ''}${onSelect ? ' is-clickable' : ''}`}
      onClick={onSelect}
    >
      <title>
        {gate
          ? `${gate.label} gate ${gate.symbol} = ${gate.fn}(…) = ${formatValue(value)}. Click to highlight its equation.`
          : `h_t = ${fn}(a_t) = ${formatValue(value)}`}
      </title>
      <rect
        className="gs-block-box"
        x={x}
        y={y}
        width={w}
        height={h}
        rx={8}
        style={{ stroke: color, fill: `${color}1f` }}
      />
      <text className="gs-block-name" x={x + w / 2} y={y + 21}>
        {name}
      </text>
      <text className="gs-block-fn" x={x + w / 2} y={y + 41}>
        {gate ? `${fn} → ${gate.symbol}` : fn}
      </text>
      <text className="gs-block-value" x={x + w / 2} y={y + 62}>
        {formatValue(value)}
      </text>
      <rect
        className="gs-meter-track"
        x={track.x}
        y={track.y}
        width={track.w}
        height={track.h}
        rx={2}
      />
      {signed ? (
        <rect
          className="gs-meter"
          x={track.x + track.w / 2}
          y={track.y}
          width={track.w / 2}
          height={track.h}
          style={{ fill: color, transform: `scaleX(${v})` }}
        />
      ) : (
        <rect
          className="gs-meter"
          x={track.x}
          y={track.y}
          width={track.w}
          height={track.h}
          style={{ fill: color, transform: `scaleX(${Math.max(0, v)})` }}
        />
      )}
      {signed && (
        <line
          className="gs-meter-zero"
          x1={track.x + track.w / 2}
          x2={track.x + track.w / 2}
          y1={track.y - 2}
          y2={track.y + track.h + 2}
        />
      )}
    </g>
  );
}

/** A × / + / Σ node or a small box: fixed by the layout, so memoised against every step. */
export const Op = memo(function Op({ spec }: { spec: OpSpec }) {
  if (spec.kind === 'box') {
    const w = spec.w ?? 56;
    const h = spec.h ?? 28;
    return (
      <g className="gs-op">
        <rect x={spec.x - w / 2} y={spec.y - h / 2} width={w} height={h} rx={h / 2} />
        <text x={spec.x} y={spec.y + 5.5}>
          <MathSvg text={spec.text ?? ''} />
        </text>
      </g>
    );
  }
  const r = spec.kind === 'sum' ? (spec.w ?? 44) / 2 : 15;
  const glyph = { mul: '×', add: '+', sum: 'Σ' }[spec.kind];
  return (
    <g className={`gs-op gs-op-${spec.kind}`}>
      <circle cx={spec.x} cy={spec.y} r={r} />
      <text x={spec.x} y={spec.y + (spec.kind === 'sum' ? 7 : 6.5)}>
        {glyph}
      </text>
    </g>
  );
});

interface GhostProps {
  side: 'prev' | 'next';
  x: number;
  y: number;
  w: number;
  h: number;
  ports: { h: number; c?: number };
  /** absent: the sequence starts (prev) or ends (next) here */
  step?: Neighbour;
  onSeek(t: number): void;
  onHover(t: number | null): void;
}

/** A faint copy of the cell at t±1 with its state values; click to move there. */
export function Ghost({ side, x, y, w, h, ports, step, onSeek, onHover }: GhostProps) {
  const cx = x + w / 2;
  const title = step ? (side === 'prev' ? 't−1' : 't+1') : side === 'prev' ? 'start' : 'end';
  const rows: { name: string; y: number; value?: number }[] = [];
  if (step || side === 'prev') {
    // Before the first step the state is all zeros: say so instead of leaving it blank.
    rows.push({ name: step ? 'h' : 'h_0', y: ports.h, value: step ? step.h : 0 });
    if (ports.c !== undefined)
      rows.push({ name: step ? 'c' : 'c_0', y: ports.c, value: step ? (step.c ?? 0) : 0 });
  }
  return (
    <g
      className={`gs-ghost${step ? ' is-clickable' : ' is-edge'}`}
      onClick={step ? () => onSeek(step.t) : undefined}
      onPointerEnter={step ? () => onHover(step.t) : undefined}
      onPointerLeave={step ? () => onHover(null) : undefined}
    >
      {step && <title>{`Step ${step.t + 1}: click to go there`}</title>}
      <rect x={x + 1} y={y} width={w - 2} height={h} rx={10} />
      <text className="gs-ghost-title" x={cx} y={y + 30}>
        {title}
      </text>
      {rows.map((r) => (
        <g key={r.name}>
          <text className="gs-ghost-name" x={cx} y={r.y + 26}>
            <MathSvg text={r.name} />
          </text>
          <text className="gs-ghost-value" x={cx} y={r.y + 48}>
            {ghostValue(r.value ?? 0)}
          </text>
        </g>
      ))}
    </g>
  );
}
