/**
 * Render data of the cell diagram: every number the schematic shows for (trace, t, unit),
 * with no geometry (that is layout*.ts) and no DOM, so it can be unit-tested against the trace.
 */
import type { Selection } from '../../config/selection';
import { CELLS, type GateName } from '../../engine/cellKinds';
import type { Trace } from '../../engine/trace';
import type { CellKind, ElmanActivation, GruVariant, Weights } from '../../engine/types';
import { GATE_COLORS } from '../palette';
import { domainOf, formatValue } from '../scales';
import { preParts, resetHPrev, weightsFit } from './preActivation';

export type FlowDomain = 'unit' | 'signed' | 'vector';

export interface DiagramGate {
  name: GateName;
  /** the gate's name as a person reads it: "forget" */
  label: string;
  /** its symbol in the equations: f, i, g, o, z, r, n */
  symbol: string;
  /** its nonlinearity */
  fn: 'σ' | 'tanh';
  value: number;
  color: string;
  domain: 'unit' | 'signed';
}

/** One wire: the value it carries for the selected unit (null when unknown without weights). */
export interface Flow {
  id: string;
  value: number | null;
  /** 0…1, what the wire's thickness shows: the gate's openness, |value| (clamped) or the input's RMS */
  magnitude: number;
  domain: FlowDomain;
}

export interface Neighbour {
  t: number;
  h: number;
  c?: number;
}

export interface DiagramRenderData {
  cell: CellKind;
  /** gru: where the reset gate acts; elman: its activation; lstm: null */
  variant: GruVariant | ElmanActivation | null;
  t: number;
  T: number;
  unit: number;
  H: number;
  gates: DiagramGate[];
  states: { hPrev: number; h: number; cPrev?: number; c?: number; x: number[] };
  flows: Flow[];
  neighbours: { prev?: Neighbour; next?: Neighbour };
  /** the accessible name: the cell, step and every value in one sentence */
  ariaLabel: string;
}

export const GATE_SYMBOLS: Record<CellKind, Partial<Record<GateName, string>>> = {
  elman: {},
  lstm: { forget: 'f', input: 'i', candidate: 'g', output: 'o' },
  gru: { update: 'z', reset: 'r', candidate: 'n' },
};

const at = (a: Float32Array | undefined, t: number, H: number, unit: number): number =>
  a && t >= 0 ? a[t * H + unit]! : 0;

const clamp01 = (v: number): number => (Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0);

function flow(id: string, value: number | null, domain: FlowDomain): Flow {
  const magnitude =
    value === null ? 0 : domain === 'unit' ? clamp01(value) : clamp01(Math.abs(value));
  return { id, value, magnitude, domain };
}

/** Root mean square of the input vector: how strongly x_t drives the cell, as one number. */
export function rms(v: readonly number[]): number {
  if (v.length === 0) return 0;
  return Math.sqrt(v.reduce((s, a) => s + a * a, 0) / v.length);
}

/** x_t as short text: every entry when there are few, else its RMS and size. */
export function summarizeVector(v: readonly number[], maxShown = 4): string {
  if (v.length <= maxShown) return `[${v.map((a) => formatValue(a, 2)).join(', ')}]`;
  return `${v.length} inputs, rms ${formatValue(rms(v), 2)}`;
}

/**
 * Everything the diagram shows for `selection.unit` at step t. `weights` (optional, the ones
 * that produced the trace) adds the values no trace stores: Elman's pre-activation and the GRU
 * candidate's recurrent term.
 */
export function diagramRenderData(
  trace: Trace,
  t: number,
  selection: Selection,
  weights?: Weights,
): DiagramRenderData {
  const { H, I, T } = trace;
  const cell = trace.spec.cell;
  const unit = Math.min(H - 1, Math.max(0, selection.unit));
  const tt = Math.min(T - 1, Math.max(0, t));
  const hPrev = at(trace.h, tt - 1, H, unit);
  const h = at(trace.h, tt, H, unit);
  const x = Array.from(trace.x.subarray(tt * I, (tt + 1) * I));
  const hasWeights = weightsFit(trace, weights);

  const gates: DiagramGate[] = CELLS[cell].shownGates.map((name) => {
    const domain = domainOf(name) === 'unit' ? 'unit' : 'signed';
    return {
      name,
      label: name,
      symbol: GATE_SYMBOLS[cell][name]!,
      fn: domain === 'unit' ? 'σ' : 'tanh',
      value: at(trace.gates[name], tt, H, unit),
      color: GATE_COLORS[name],
      domain,
    };
  });
  const g = (name: GateName) => gates.find((q) => q.name === name)!.value;

  const flows: Flow[] = [flow('hPrev', hPrev, 'signed'), flow('x', rms(x), 'vector')];
  for (const q of gates) flows.push(flow(q.name, q.value, q.domain));
  const states: DiagramRenderData['states'] = { hPrev, h, x };
  let variant: DiagramRenderData['variant'] = null;

  if (cell === 'elman') {
    variant = trace.spec.activation;
    let pre: number | null = null;
    if (hasWeights) {
      const p = preParts(trace, weights, tt, unit, 0);
      pre = p.wx + p.uh + p.bIh + p.bHh;
    }
    flows.push(flow('pre', pre, 'signed'));
  } else if (cell === 'lstm') {
    const cPrev = at(trace.c, tt - 1, H, unit);
    const c = at(trace.c, tt, H, unit);
    Object.assign(states, { cPrev, c });
    flows.push(
      flow('cPrev', cPrev, 'signed'),
      flow('cKept', g('forget') * cPrev, 'signed'),
      flow('cWrite', g('input') * g('candidate'), 'signed'),
      flow('c', c, 'signed'),
      flow('tanhC', Math.tanh(c), 'signed'),
    );
  } else {
    variant = trace.spec.gruVariant;
    const z = g('update');
    const r = g('reset');
    // What the reset gate multiplies, and the product: reset-before acts on h_{t−1} itself
    // (known from the trace), reset-after on W_hn h_{t−1} + b_hn (needs the weights).
    let rIn: number | null = variant === 'reset-before' ? hPrev : null;
    let hn: number | null = null;
    if (hasWeights) {
      if (variant === 'reset-after') {
        const p = preParts(trace, weights, tt, unit, 2);
        rIn = p.uh + p.bHh;
      } else {
        const p = preParts(trace, weights, tt, unit, 2, resetHPrev(trace, tt));
        hn = p.uh + p.bHh;
      }
    }
    flows.push(
      flow('rIn', rIn, 'signed'),
      flow('rOut', rIn === null ? null : r * rIn, 'signed'),
      flow('hn', hn, 'signed'),
      flow('oneMinusZ', 1 - z, 'unit'),
      flow('hKept', z * hPrev, 'signed'),
      flow('nTaken', (1 - z) * g('candidate'), 'signed'),
    );
  }
  flows.push(flow('h', h, 'signed'));

  const neighbour = (s: number): Neighbour | undefined =>
    s < 0 || s >= T
      ? undefined
      : { t: s, h: at(trace.h, s, H, unit), ...(trace.c ? { c: at(trace.c, s, H, unit) } : {}) };
  const neighbours = { prev: neighbour(tt - 1), next: neighbour(tt + 1) };

  return {
    cell,
    variant,
    t: tt,
    T,
    unit,
    H,
    gates,
    states,
    flows,
    neighbours,
    ariaLabel: ariaLabelOf(cell, variant, tt, T, unit, gates, states),
  };
}

export const CELL_TITLES: Record<CellKind, string> = {
  elman: 'Elman RNN',
  lstm: 'LSTM',
  gru: 'GRU',
};

function ariaLabelOf(
  cell: CellKind,
  variant: DiagramRenderData['variant'],
  t: number,
  T: number,
  unit: number,
  gates: DiagramGate[],
  states: DiagramRenderData['states'],
): string {
  const name = `${CELL_TITLES[cell]}${variant ? ` (${variant})` : ''}`;
  const parts = gates.map((q) => `${q.label} ${formatValue(q.value)}`);
  if (states.c !== undefined) parts.push(`cell state ${formatValue(states.c)}`);
  parts.push(`hidden state ${formatValue(states.h)}`);
  // Steps and units are read 1-based (see views/types.ts).
  return `${name} at t = ${t + 1} of ${T}, unit ${unit + 1}: ${parts.join(', ')}`;
}

/**
 * A neighbour's state in the narrow ghost box: always two decimals (a tiny value reads
 * −0.00 rather than a wide −6.2e-4; the equations show it exactly), short form past ±100.
 */
export function ghostValue(v: number): string {
  if (!Number.isFinite(v)) return formatValue(v);
  const s = Math.abs(v) >= 100 ? v.toExponential(1) : v.toFixed(2);
  return s.replace('-', '−');
}

/** Quick lookup of a flow by id for the component. */
export function flowMap(flows: readonly Flow[]): Map<string, Flow> {
  return new Map(flows.map((f) => [f.id, f]));
}
