/**
 * The forward micro-steps of one unit at one step: the projections, the biases, each gate's
 * pre-activation and nonlinearity, the state update and the readout, in the order the cell
 * computes them. Pre-activations are recomputed in float64 from the weights (as the equation
 * panel does); every activation and state is the trace's own number.
 */
import { blockNames } from '../../engine/spec';
import type { Trace } from '../../engine/trace';
import type { Weights } from '../../engine/types';
import { formatValue as f } from '../scales';
import { GATE_SYMBOLS } from '../diagram/diagramData';
import { type PreParts, preParts, resetHPrev } from '../diagram/preActivation';
import type { MicroOp, MicroTerm } from './types';

/** The wires a gate block's projections travel. */
const BUS: Record<string, string[]> = {
  elman: [],
  lstm: ['bus', 'stub0', 'stub1', 'stub2', 'stub3'],
  gru: ['bus', 'hDrop', 'stubZ', 'stubR', 'stubX'],
};

const op = (o: Omit<MicroOp, 'phase' | 'text'> & { text?: string }): MicroOp => ({
  ...o,
  phase: 'forward',
  text: o.text ?? `${o.title}: ${o.terms.map((t) => `${t.label} ${f(t.value)}`).join(', ')}.`,
});

export function forwardOps(
  trace: Trace,
  weights: Weights,
  clamped: readonly string[],
  t: number,
  unit: number,
): MicroOp[] {
  const { H, spec } = trace;
  const cell = spec.cell;
  const at = (a: Float32Array | undefined, s: number) => (a && s >= 0 ? a[s * H + unit]! : 0);
  const h = at(trace.h, t);
  const sym = (g: string) => GATE_SYMBOLS[cell][g as keyof (typeof GATE_SYMBOLS)[typeof cell]] ?? g;
  const blocks = blockNames(cell); // the weights' row order
  const reset = cell === 'gru' && spec.gruVariant === 'reset-before' ? resetHPrev(trace, t) : null;
  // The reset-before candidate's recurrent input is r ⊙ h_{t−1}, known only after r.
  const parts: PreParts[] = blocks.map((g, k) =>
    preParts(trace, weights, t, unit, k, reset && g === 'candidate' ? reset : undefined),
  );
  const per = (pick: (p: PreParts) => number, label: (g: string) => string): MicroTerm[] =>
    blocks.map((g, k) => ({ label: label(g), value: pick(parts[k]!) }));
  const sub = (g: string) => (cell === 'elman' ? '' : `_${sym(g)}`);
  const ops: MicroOp[] = [
    op({
      id: 'wx',
      title: 'Input projection',
      formula: `W x_t`,
      terms: per(
        (p) => p.wx,
        (g) => `W${sub(g)} x_t`,
      ),
      result: null,
      lit: ['x', ...BUS[cell]!],
    }),
    op({
      id: 'uh',
      title: 'Recurrent projection',
      formula: cell === 'gru' && reset ? 'U h_{t−1} (U_n: after r)' : 'U h_{t−1}',
      terms: per(
        (p) => p.uh,
        (g) => (reset && g === 'candidate' ? `U_n (r_t ⊙ h_{t−1})` : `U${sub(g)} h_{t−1}`),
      ),
      result: null,
      lit: ['hPrev', ...BUS[cell]!],
    }),
    op({
      id: 'bias',
      title: 'Biases',
      formula: 'b = b_{ih} + b_{hh}',
      terms: per(
        (p) => p.bIh + p.bHh,
        (g) => `b${sub(g)}`,
      ),
      result: null,
      lit: cell === 'elman' ? ['sum'] : [...blocks],
    }),
  ];
  if (cell === 'elman') {
    const p = parts[0]!;
    const a = p.wx + p.uh + p.bIh + p.bHh;
    const relu = spec.activation === 'relu';
    ops.push(
      op({
        id: 'pre',
        title: 'Pre-activation',
        formula: 'a_t = W x_t + U h_{t−1} + b',
        terms: [
          { label: 'W x_t', value: p.wx },
          { label: 'U h_{t−1}', value: p.uh },
          { label: 'b', value: p.bIh + p.bHh },
        ],
        result: a,
        lit: ['sum', 'pre'],
      }),
      op({
        id: 'act',
        title: relu ? 'ReLU' : 'tanh',
        formula: relu ? 'h_t = max(0, a_t)' : 'h_t = tanh(a_t)',
        terms: [{ label: 'a_t', value: a }],
        result: h,
        lit: ['act', 'h'],
        text: `h_t = ${relu ? 'max(0, ' : 'tanh('}${f(a)}) = ${f(h)}.`,
      }),
    );
  } else {
    for (const [k, g] of blocks.entries()) {
      const p = parts[k]!;
      const value = at(trace.gates[g], t);
      const tanh = g === 'candidate';
      const afterReset = cell === 'gru' && g === 'candidate' && !reset;
      const r = at(trace.gates.reset, t);
      const a = afterReset ? p.wx + p.bIh + r * (p.uh + p.bHh) : p.wx + p.uh + p.bIh + p.bHh;
      const s = sym(g);
      const fn = tanh ? 'tanh' : 'σ';
      ops.push(
        op({
          id: `gate-${g}`,
          title: `${g[0]!.toUpperCase()}${g.slice(1)} ${tanh ? '(candidate)' : 'gate'}${clamped.includes(g) ? ', clamped' : ''}`,
          formula: afterReset
            ? `${s}_t = tanh(W_n x_t + b_{in} + r_t ⊙ (U_n h_{t−1} + b_{hn}))`
            : `${s}_t = ${fn}(W_${s} x_t + U_${s} h_{t−1} + b_${s})`,
          terms: [{ label: `a_${s}`, value: a }],
          result: value,
          lit:
            cell === 'gru' && g === 'candidate'
              ? ['candidate', 'whn', 'mulR', 'reset', 'chainIn', 'chainMid', 'chainOut']
              : [g],
          // A clamped gate is a constant here: its pre-activation is computed, then not used.
          text: clamped.includes(g)
            ? `${s}_t is held at ${f(value)} by the what-if clamp (its pre-activation ${f(a)} is not used).`
            : `${s}_t = ${fn}(${f(a)}) = ${f(value)}.`,
        }),
      );
    }
    ops.push(...(cell === 'lstm' ? lstmUpdate(trace, t, unit) : gruUpdate(trace, t, unit)));
  }
  const O = trace.O;
  ops.push(
    op({
      id: 'y',
      title: 'Readout',
      formula: 'y_t = W_{out} h_t + b_{out}',
      terms: Array.from({ length: O }, (_, o) => ({
        label: `y_t[${o + 1}]`,
        value: trace.y[t * O + o]!,
      })),
      result: null,
      lit: ['h'],
      text: `Readout: y_t = W_out h_t + b_out, from all ${H} units: ${Array.from(trace.y.subarray(t * O, (t + 1) * O), (v) => f(v)).join(', ')}.`,
    }),
  );
  return ops;
}

function lstmUpdate(trace: Trace, t: number, unit: number): MicroOp[] {
  const H = trace.H;
  const g = (name: string, s = t) => (s >= 0 ? trace.gates[name]![s * H + unit]! : 0);
  const cPrev = t > 0 ? trace.c![(t - 1) * H + unit]! : 0;
  const c = trace.c![t * H + unit]!;
  const h = trace.h[t * H + unit]!;
  const [fg, ig, gg, og] = [g('forget'), g('input'), g('candidate'), g('output')];
  const product = (
    id: string,
    title: string,
    formula: string,
    a: [string, number],
    b: [string, number],
    lit: string[],
  ) =>
    op({
      id,
      title,
      formula,
      terms: [
        { label: a[0], value: a[1] },
        { label: b[0], value: b[1] },
      ],
      result: a[1] * b[1],
      lit,
      text: `${title}: ${f(a[1])} × ${f(b[1])} = ${f(a[1] * b[1])}.`,
    });
  return [
    product(
      'fc',
      'Forget: keep part of the old memory',
      'f_t ⊙ c_{t−1}',
      ['f_t', fg],
      ['c_{t−1}', cPrev],
      ['cPrev', 'forget', 'mulF', 'cKept'],
    ),
    product(
      'ig',
      'Input: write new memory',
      'i_t ⊙ g_t',
      ['i_t', ig],
      ['g_t', gg],
      ['input', 'candidate', 'mulIG', 'cWrite'],
    ),
    op({
      id: 'c',
      title: 'New cell state',
      formula: 'c_t = f_t ⊙ c_{t−1} + i_t ⊙ g_t',
      terms: [
        { label: 'f_t ⊙ c_{t−1}', value: fg * cPrev },
        { label: 'i_t ⊙ g_t', value: ig * gg },
      ],
      result: c,
      lit: ['cKept', 'cWrite', 'add', 'c'],
      text: `c_t = ${f(fg * cPrev)} + ${f(ig * gg)} = ${f(c)}.`,
    }),
    op({
      id: 'tanhc',
      title: 'Squash the cell state',
      formula: 'tanh(c_t)',
      terms: [{ label: 'c_t', value: c }],
      result: Math.tanh(c),
      lit: ['cDown', 'tanhC'],
      text: `tanh(${f(c)}) = ${f(Math.tanh(c))}.`,
    }),
    product(
      'h',
      'Output: what the network sees',
      'h_t = o_t ⊙ tanh(c_t)',
      ['o_t', og],
      ['tanh(c_t)', Math.tanh(c)],
      ['tanhC', 'output', 'mulO', 'h'],
    ),
  ].map((o) => (o.id === 'h' ? { ...o, result: h } : o));
}

function gruUpdate(trace: Trace, t: number, unit: number): MicroOp[] {
  const H = trace.H;
  const z = trace.gates.update![t * H + unit]!;
  const n = trace.gates.candidate![t * H + unit]!;
  const hPrev = t > 0 ? trace.h[(t - 1) * H + unit]! : 0;
  const h = trace.h[t * H + unit]!;
  return [
    op({
      id: 'take',
      title: 'Take the new: (1 − z) ⊙ n',
      formula: '(1 − z_t) ⊙ n_t',
      terms: [
        { label: '1 − z_t', value: 1 - z },
        { label: 'n_t', value: n },
      ],
      result: (1 - z) * n,
      lit: ['oneMinus', 'oneMinusZ', 'zBranch', 'mulN', 'nTaken', 'candidate'],
      text: `(1 − z) ⊙ n = ${f(1 - z)} × ${f(n)} = ${f((1 - z) * n)}.`,
    }),
    op({
      id: 'keep',
      title: 'Keep the old: z ⊙ h_{t−1}',
      formula: 'z_t ⊙ h_{t−1}',
      terms: [
        { label: 'z_t', value: z },
        { label: 'h_{t−1}', value: hPrev },
      ],
      result: z * hPrev,
      lit: ['hPrev', 'update', 'mulZ', 'hKept'],
      text: `z ⊙ h_{t−1} = ${f(z)} × ${f(hPrev)} = ${f(z * hPrev)}.`,
    }),
    op({
      id: 'h',
      title: 'New hidden state',
      formula: 'h_t = (1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}',
      terms: [
        { label: '(1 − z_t) ⊙ n_t', value: (1 - z) * n },
        { label: 'z_t ⊙ h_{t−1}', value: z * hPrev },
      ],
      result: h,
      lit: ['nTaken', 'hKept', 'add', 'h'],
      text: `h_t = ${f((1 - z) * n)} + ${f(z * hPrev)} = ${f(h)}.`,
    }),
  ];
}
