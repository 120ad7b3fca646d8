/**
 * The backward micro-steps of one unit at one step: how ∂L/∂h_t is made of the paths into it
 * (through y_t, through the next step's gates, GRU: carried by z_{t+1}), then the LSTM's ∂L/∂c_t
 * (through h_t and through c_{t+1}), each gate's gradient and its pre-activation's. Every term is
 * built from the trace's own numbers, so the terms sum to the numbers the gradient view shows
 * (tests/unit/views/micro checks this for every cell).
 */
import { blockNames } from '../../engine/spec';
import type { Trace } from '../../engine/trace';
import type { Weights } from '../../engine/types';
import { formatValue as f } from '../scales';
import { preParts } from '../diagram/preActivation';
import type { MicroInputs, MicroOp, MicroTerm } from './types';

const sum = (terms: MicroTerm[]) => terms.reduce((s, x) => s + x.value, 0);

const op = (
  o: Omit<MicroOp, 'phase' | 'text' | 'result'> & { result?: number; text?: string },
): MicroOp => {
  const result = o.result ?? sum(o.terms);
  return {
    ...o,
    result,
    phase: 'backward',
    text:
      o.text ??
      `${o.title}: ${o.terms.map((t) => `${t.label} ${f(t.value)}`).join(' + ')} = ${f(result)}.`,
  };
};

/** ∂L/∂y_t[o]: the loss's slope at the readout (0 where step t has no target). */
function lossSlope(trace: Trace, inputs: MicroInputs, t: number): number[] {
  const { O, T } = trace;
  let K = 0;
  for (let s = 0; s < T; s++) K += inputs.mask[s] ? 1 : 0;
  const y = Array.from(trace.y.subarray(t * O, (t + 1) * O));
  if (!inputs.mask[t] || K === 0) return y.map(() => 0);
  if (inputs.loss === 'mse')
    return y.map((v, o) => (2 * (v - inputs.targets[t * O + o]!)) / (O * K));
  const m = Math.max(...y);
  const e = y.map((v) => Math.exp(v - m));
  const z = e.reduce((a, b) => a + b, 0);
  const target = inputs.targets[t]!;
  return e.map((v, o) => (v / z - (o === target ? 1 : 0)) / K);
}

export function backwardOps(
  trace: Trace,
  weights: Weights,
  inputs: MicroInputs,
  t: number,
  unit: number,
): MicroOp[] {
  const { H, T, spec } = trace;
  const cell = spec.cell;
  const blocks = blockNames(cell); // the weights' row order
  const at = (a: Float32Array | undefined, s: number, j = unit) =>
    a && s >= 0 && s < T ? a[s * H + j]! : 0;
  const U = (block: number, m: number, j: number) => weights.wHh[(block * H + m) * H + j]!;
  const dy = lossSlope(trace, inputs, t);
  const readout = dy.reduce((s, d, o) => s + weights.wOut[o * H + unit]! * d, 0);
  const terms: MicroTerm[] = [{ label: 'W_{out}ᵀ ∂L/∂y_t (through y_t)', value: readout }];
  if (t + 1 < T) {
    const pre = trace.grad.pre;
    const after = spec.gruVariant !== 'reset-before';
    let through = 0;
    for (const [k, g] of blocks.entries())
      for (let m = 0; m < H; m++) {
        let d = at(pre[g], t + 1, m);
        // GRU: the candidate reads h through r (reset-after: r ⊙ (U_n h); before: U_n (r ⊙ h)).
        if (cell === 'gru' && g === 'candidate')
          d *= after ? at(trace.gates.reset, t + 1, m) : at(trace.gates.reset, t + 1);
        through += U(k, m, unit) * d;
      }
    terms.push({ label: 'Uᵀ δ_{t+1} (through the next step’s gates)', value: through });
    if (cell === 'gru')
      terms.push({
        label: 'z_{t+1} ∂L/∂h_{t+1} (carried by z)',
        value: at(trace.gates.update, t + 1) * at(trace.grad.h, t + 1),
      });
  }
  const dh = sum(terms);
  const ops: MicroOp[] = [
    op({
      id: 'b-dh',
      title: '∂L/∂h_t, from the paths into it',
      formula: '∂L/∂h_t',
      terms,
      lit: ['h'],
    }),
  ];
  const clamped = inputs.clampedAt(t);
  const slope = (g: string, v: number) =>
    clamped.includes(g) ? 0 : g === 'candidate' ? 1 - v * v : v * (1 - v);
  const preOp = (g: string, sym: string, dGate: number, lit: string[]) => {
    const v = at(trace.gates[g], t);
    const s = slope(g, v);
    return op({
      id: `b-pre-${g}`,
      title: `Through the ${g === 'candidate' ? 'candidate’s tanh' : `${g} gate’s σ`}${clamped.includes(g) ? ' (clamped: slope 0)' : ''}`,
      formula: `δ_${sym} = ∂L/∂${sym}_t · ${g === 'candidate' ? `(1 − ${sym}_t²)` : `${sym}_t (1 − ${sym}_t)`}`,
      terms: [
        { label: `∂L/∂${sym}_t`, value: dGate },
        { label: 'slope', value: s },
      ],
      result: dGate * s,
      lit,
      text: `δ_${sym} = ${f(dGate)} × ${f(s)} = ${f(dGate * s)}.`,
    });
  };
  if (cell === 'elman') {
    const h = at(trace.h, t);
    const s = spec.activation === 'relu' ? (h > 0 ? 1 : 0) : 1 - h * h;
    ops.push(
      op({
        id: 'b-pre-h',
        title: `Through the ${spec.activation === 'relu' ? 'ReLU' : 'tanh'}`,
        formula:
          spec.activation === 'relu' ? 'δ_t = ∂L/∂h_t · [a_t > 0]' : 'δ_t = ∂L/∂h_t · (1 − h_t²)',
        terms: [
          { label: '∂L/∂h_t', value: dh },
          { label: 'slope', value: s },
        ],
        result: dh * s,
        lit: ['act', 'pre'],
        text: `δ_t = ${f(dh)} × ${f(s)} = ${f(dh * s)}.`,
      }),
    );
    return ops;
  }
  if (cell === 'lstm') {
    const c = at(trace.c, t);
    const o = at(trace.gates.output, t);
    const tc = Math.tanh(c);
    const cTerms: MicroTerm[] = [
      { label: '∂L/∂h_t · o_t (1 − tanh² c_t) (through h_t)', value: dh * o * (1 - tc * tc) },
    ];
    if (t + 1 < T)
      cTerms.push({
        label: '∂L/∂c_{t+1} · f_{t+1} (through c_{t+1})',
        value: at(trace.grad.c, t + 1) * at(trace.gates.forget, t + 1),
      });
    const dc = sum(cTerms);
    const cPrev = at(trace.c, t - 1);
    ops.push(
      op({
        id: 'b-dc',
        title: '∂L/∂c_t, from the paths into it',
        formula: '∂L/∂c_t',
        terms: cTerms,
        lit: ['c', 'cDown', 'tanhC', 'mulO'],
      }),
      preOp('output', 'o', dh * tc, ['output', 'mulO']),
      preOp('forget', 'f', dc * cPrev, ['forget', 'mulF']),
      preOp('input', 'i', dc * at(trace.gates.candidate, t), ['input', 'mulIG']),
      preOp('candidate', 'g', dc * at(trace.gates.input, t), ['candidate', 'mulIG']),
    );
    return ops;
  }
  // GRU: h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
  const z = at(trace.gates.update, t);
  const n = at(trace.gates.candidate, t);
  const hPrev = at(trace.h, t - 1);
  const dn = dh * (1 - z);
  const dN = dn * slope('candidate', n);
  let dr: number;
  if (spec.gruVariant === 'reset-before') {
    // a_n = … + U_n (r ⊙ h_{t−1}): ∂L/∂r_j = h_{t−1}[j] · Σ_m U_n[m][j] δ_n[m].
    let back = 0;
    for (let m = 0; m < H; m++) back += U(2, m, unit) * at(trace.grad.pre.candidate, t, m);
    dr = back * hPrev;
  } else {
    const p = preParts(trace, weights, t, unit, 2);
    dr = dN * (p.uh + p.bHh);
  }
  ops.push(
    preOp('candidate', 'n', dn, ['candidate', 'mulN', 'oneMinusZ']),
    preOp('update', 'z', dh * (hPrev - n), ['update', 'mulZ']),
    preOp('reset', 'r', dr, ['reset', 'mulR', 'whn']),
  );
  return ops;
}
