/**
 * Render data of the equation panel: the cell's update rules with the selected unit's numbers
 * at step t plugged in. Gate lines need pre-activations, which the trace does not store; with
 * the model's weights they are recomputed in float64 (see preActivation.ts), without them the
 * line shows the activation only. State lines (c_t, h_t) always substitute: their inputs are
 * all in the trace.
 */
import type { Selection } from '../../config/selection';
import { CELLS, type GateName } from '../../engine/cellKinds';
import type { Trace } from '../../engine/trace';
import type { Weights } from '../../engine/types';
import { STATE_COLORS } from '../charts/colors';
import { GATE_COLORS } from '../palette';
import { formatValue } from '../scales';
import { GATE_SYMBOLS } from './diagramData';
import { operand, sumText } from './math';
import { preParts, resetHPrev, weightsFit } from './preActivation';

export interface EquationLine {
  /** stable key: the gate name, or 'c' / 'h' for the state updates */
  id: string;
  /** the gate this line computes (click target, hue); null for state lines */
  gate: GateName | null;
  color: string;
  /** math markup (see math.ts): "f_t" */
  lhs: string;
  /** the rule in symbols: "σ(W_f x_t + U_f h_{t−1} + b_f)" */
  formula: string;
  /** the rule with numbers: "σ(0.800 + 0.930 + 1.000) = σ(2.730)"; null when it cannot be filled in */
  substituted: string | null;
  result: number;
  /** what the line means in words, for the state updates */
  note?: string;
  /** the numbers plugged in, unrounded, so the arithmetic can be checked (tests do) */
  inputs: Record<string, number>;
}

export interface EquationRenderData {
  lines: EquationLine[];
  /** true when pre-activations were recomputed from weights */
  withWeights: boolean;
  /** how the symbols map onto the stored weights */
  legend: string;
}

const FN: Record<string, 'σ' | 'tanh'> = {
  forget: 'σ',
  input: 'σ',
  output: 'σ',
  update: 'σ',
  reset: 'σ',
  candidate: 'tanh',
};

/** Block index of each gate in the stacked weight rows (src/engine/types.ts). */
const BLOCK: Record<string, Partial<Record<GateName, number>>> = {
  lstm: { input: 0, forget: 1, candidate: 2, output: 3 },
  gru: { reset: 0, update: 1, candidate: 2 },
};

export function equationRenderData(
  trace: Trace,
  t: number,
  selection: Selection,
  weights?: Weights,
): EquationRenderData {
  const { H, T } = trace;
  const cell = trace.spec.cell;
  const unit = Math.min(H - 1, Math.max(0, selection.unit));
  const tt = Math.min(T - 1, Math.max(0, t));
  const val = (a: Float32Array | undefined, s: number) => (a && s >= 0 ? a[s * H + unit]! : 0);
  const hPrev = val(trace.h, tt - 1);
  const h = val(trace.h, tt);
  const withWeights = weightsFit(trace, weights);
  const legend = 'W = W_{ih}, U = W_{hh}, b = b_{ih} + b_{hh}; ⊙ is the element-wise product';

  if (cell === 'elman') {
    const relu = trace.spec.activation === 'relu';
    const fn = relu ? 'ReLU' : 'tanh';
    const line: EquationLine = {
      id: 'h',
      gate: null,
      color: STATE_COLORS.h,
      lhs: 'h_t',
      formula: `${fn}(W x_t + U h_{t−1} + b)`,
      substituted: null,
      result: h,
      inputs: {},
    };
    if (withWeights) {
      const p = preParts(trace, weights, tt, unit, 0);
      const pre = p.wx + p.uh + p.bIh + p.bHh;
      const inner = `${sumText([p.wx, p.uh, p.bIh + p.bHh])}`;
      line.substituted = relu
        ? `max(0, ${inner}) = max(0, ${formatValue(pre)})`
        : `tanh(${inner}) = tanh(${formatValue(pre)})`;
      line.inputs = { wx: p.wx, uh: p.uh, b: p.bIh + p.bHh, pre };
    }
    return { lines: [line], withWeights, legend };
  }

  const gateVal = (name: GateName) => val(trace.gates[name], tt);
  const lines: EquationLine[] = CELLS[cell].shownGates.map((name) => {
    const s = GATE_SYMBOLS[cell][name]!;
    const fn = FN[name]!;
    const line: EquationLine = {
      id: name,
      gate: name,
      color: GATE_COLORS[name],
      lhs: `${s}_t`,
      formula: `${fn}(W_${s} x_t + U_${s} h_{t−1} + b_${s})`,
      substituted: null,
      result: gateVal(name),
      inputs: {},
    };
    const block = BLOCK[cell]![name]!;
    const gruN = cell === 'gru' && name === 'candidate';
    if (gruN && trace.spec.gruVariant === 'reset-after') {
      line.formula = 'tanh(W_n x_t + b_{in} + r_t ⊙ (U_n h_{t−1} + b_{hn}))';
      if (withWeights) {
        const p = preParts(trace, weights, tt, unit, block);
        const r = gateVal('reset');
        const wx = p.wx + p.bIh;
        const uh = p.uh + p.bHh;
        const pre = wx + r * uh;
        line.substituted = `tanh(${formatValue(wx)} + ${operand(r)}·${operand(uh)}) = tanh(${formatValue(pre)})`;
        line.inputs = { wx, r, uh, pre };
      }
      return line;
    }
    if (gruN) line.formula = 'tanh(W_n x_t + U_n (r_t ⊙ h_{t−1}) + b_n)';
    if (withWeights) {
      const p = preParts(trace, weights, tt, unit, block, gruN ? resetHPrev(trace, tt) : undefined);
      const b = p.bIh + p.bHh;
      const pre = p.wx + p.uh + b;
      line.substituted = `${fn}(${sumText([p.wx, p.uh, b])}) = ${fn}(${formatValue(pre)})`;
      line.inputs = { wx: p.wx, uh: p.uh, b, pre };
    }
    return line;
  });

  if (cell === 'lstm') {
    const [f, i, g, o] = (['forget', 'input', 'candidate', 'output'] as const).map(gateVal) as [
      number,
      number,
      number,
      number,
    ];
    const cPrev = val(trace.c, tt - 1);
    const c = val(trace.c, tt);
    lines.push(
      {
        id: 'c',
        gate: null,
        color: STATE_COLORS.c,
        lhs: 'c_t',
        formula: 'f_t ⊙ c_{t−1} + i_t ⊙ g_t',
        substituted: `${operand(f)}·${operand(cPrev)} + ${operand(i)}·${operand(g)}`,
        result: c,
        note: 'forget keeps part of the old memory, input writes part of the candidate',
        inputs: { f, cPrev, i, g },
      },
      {
        id: 'h',
        gate: null,
        color: STATE_COLORS.h,
        lhs: 'h_t',
        formula: 'o_t ⊙ tanh(c_t)',
        substituted: `${operand(o)}·tanh(${formatValue(c)}) = ${operand(o)}·${operand(Math.tanh(c))}`,
        result: h,
        inputs: { o, c },
      },
    );
  } else {
    const z = gateVal('update');
    const n = gateVal('candidate');
    lines.push({
      id: 'h',
      gate: null,
      color: STATE_COLORS.h,
      lhs: 'h_t',
      formula: '(1 − z_t) ⊙ n_t + z_t ⊙ h_{t−1}',
      substituted: `(1 − ${formatValue(z)})·${operand(n)} + ${operand(z)}·${operand(hPrev)}`,
      result: h,
      note: '1 − z: take new (the candidate) · z: keep old (h_{t−1})',
      inputs: { z, n, hPrev },
    });
  }
  return { lines, withWeights, legend };
}

/**
 * Marks the lines of gates that a what-if clamp holds constant at this step: their value no longer
 * comes from their formula, so the line says so and shows what the formula would have given.
 */
export function markClamped(
  data: EquationRenderData,
  clamped: readonly string[],
): EquationRenderData {
  if (!clamped.length) return data;
  const lines = data.lines.map((line) => {
    if (!line.gate || !clamped.includes(line.gate)) return line;
    const pre = line.inputs.pre;
    const free =
      pre === undefined
        ? null
        : line.gate === 'candidate'
          ? Math.tanh(pre)
          : 1 / (1 + Math.exp(-pre));
    return {
      ...line,
      substituted: null,
      note:
        free === null
          ? 'held constant by the what-if clamp'
          : `held constant by the what-if clamp; its formula would give ${formatValue(free)} here`,
    };
  });
  return { ...data, lines };
}
