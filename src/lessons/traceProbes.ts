/**
 * Probes that read the single view's live trace: gates, states, the gradient flow, the memory
 * path and the parameter count. Steps in parameters are 1-based as the page shows them (0 means
 * the cursor, or the last step for a range's end); answers that are steps come back 0-based.
 */
import { CELLS, type GateName } from '../engine/cellKinds';
import type { Trace } from '../engine/trace';
import { LIMITS } from '../engine/spec';
import { MEMORY_THRESHOLD, memoryLength } from '../views/compare/tableData';
import {
  type ParamSpec,
  type ParamValues,
  type ProbeAnswer,
  type ProbeContext,
  type ProbeDef,
  noAnswer,
  numberText,
  stepText,
} from './probeTypes';

const GATES: readonly GateName[] = ['forget', 'input', 'output', 'candidate', 'update', 'reset'];
const ROWS = ['h', 'c', ...GATES] as const;
const STEP_MAX = LIMITS.length.max;

const step = (help: string, def = 0): ParamSpec => ({
  type: 'number',
  min: 0,
  max: STEP_MAX,
  default: def,
  help,
  integer: true,
});
const UNITS: ParamSpec = {
  type: 'choice',
  values: ['all', 'selected'],
  default: 'all',
  help: 'every unit, or only the selected one',
};
const WHICH: ParamSpec = {
  type: 'choice',
  values: ['largest', 'smallest'],
  default: 'largest',
  help: 'the largest or the smallest',
};
const UNIT: ParamSpec = {
  type: 'number',
  min: 0,
  max: 64,
  default: 0,
  help: 'the unit, numbered from 1 as the page does; 0: the selected unit',
  integer: true,
};

const NO_TRACE = noAnswer('There is no trace on screen yet.', 'diagram');

/** The [T, H] rows of a state or gate, or null when this cell has none of that name. */
function rowsOf(tr: Trace, name: string): Float32Array | null {
  if (name === 'h') return tr.h;
  if (name === 'c') return tr.c ?? null;
  return tr.gates[name] ?? null;
}

function missing(tr: Trace, name: string): ProbeAnswer {
  const cell = CELLS[tr.spec.cell].name;
  return noAnswer(`The ${cell} cell has no ${name}: this question is for another cell.`, 'diagram');
}

/** The 0-based, inclusive step range [from, to] a probe's 1-based from/to parameters mean. */
function span(tr: Trace, p: ParamValues): [number, number] {
  const from = Math.min(Math.max(Number(p.from) || 1, 1), tr.T) - 1;
  const toRaw = Number(p.to) || tr.T;
  return [from, Math.max(from, Math.min(toRaw, tr.T) - 1)];
}

/** The 0-based unit a probe's 1-based `unit` parameter means (the selected one for 0 or too big). */
const unitOf = (ctx: ProbeContext, tr: Trace, p: ParamValues) => {
  const u = Number(p.unit) - 1;
  return u >= 0 && u < tr.H ? u : Math.min(ctx.unit, tr.H - 1);
};

/** Mean of `rows` over steps [a, b] and the chosen units. */
function meanOver(rows: Float32Array, tr: Trace, a: number, b: number, units: number[]): number {
  let s = 0;
  for (let t = a; t <= b; t++) for (const u of units) s += rows[t * tr.H + u]!;
  return s / ((b - a + 1) * units.length);
}

function unitsFor(ctx: ProbeContext, tr: Trace, p: ParamValues): number[] {
  return p.units === 'selected' ? [unitOf(ctx, tr, p)] : Array.from({ length: tr.H }, (_, u) => u);
}

const lossStepOf = (tr: Trace) => (tr.lossStep >= 0 ? tr.lossStep : tr.T - 1);
const whose = (p: ParamValues, unit: number) =>
  p.units === 'selected' ? `unit ${unit + 1}` : 'all units';

export const TRACE_PROBES: Record<string, ProbeDef> = {
  gateExtreme: {
    answers: 'choice',
    reads: 'trace',
    describe: 'the gate with the largest (or smallest) mean activation over a range of steps',
    params: {
      which: WHICH,
      units: UNITS,
      unit: UNIT,
      from: step('first step', 1),
      to: step('last step (0: the end)'),
    },
    options: (ctx) => [...(ctx.trace ? CELLS[ctx.trace.spec.cell].shownGates : [])],
    compute(ctx, p) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const gates = CELLS[tr.spec.cell].shownGates;
      if (!gates.length) return missing(tr, 'gates');
      const [a, b] = span(tr, p);
      const units = unitsFor(ctx, tr, p);
      const means = gates.map((g) => ({ g, m: meanOver(tr.gates[g]!, tr, a, b, units) }));
      const sorted = [...means].sort((x, y) => (p.which === 'smallest' ? x.m - y.m : y.m - x.m));
      const list = means.map((x) => `${x.g} ${x.m.toFixed(2)}`).join(', ');
      return {
        value: sorted[0]!.g,
        why: `Averaged over steps ${a + 1}–${b + 1} and ${whose(p, units[0]!)}: ${list}. The Heatmaps show each gate row by row.`,
        panel: 'heatmaps',
      };
    },
  },
  gateMean: {
    answers: 'number',
    reads: 'trace',
    describe: 'the mean of one gate (or h, c) over a range of steps',
    params: {
      of: { type: 'choice', values: ROWS, default: 'forget', help: 'the gate or state' },
      units: UNITS,
      unit: UNIT,
      from: step('first step', 1),
      to: step('last step (0: the end)'),
    },
    compute(ctx, p) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const rows = rowsOf(tr, String(p.of));
      if (!rows) return missing(tr, String(p.of));
      const [a, b] = span(tr, p);
      const units = unitsFor(ctx, tr, p);
      const m = meanOver(rows, tr, a, b, units);
      return {
        value: m,
        why: `The ${p.of} averages ${numberText(m)} over steps ${a + 1}–${b + 1} and ${whose(p, units[0]!)} (Heatmaps).`,
        panel: 'heatmaps',
      };
    },
  },
  valueAt: {
    answers: 'number',
    reads: 'trace',
    describe: 'one number of the trace: a gate, h or c of one unit at one step',
    params: {
      of: { type: 'choice', values: ROWS, default: 'h', help: 'the gate or state' },
      at: step('the step (0: the cursor)'),
      unit: UNIT,
    },
    compute(ctx, p) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const rows = rowsOf(tr, String(p.of));
      if (!rows) return missing(tr, String(p.of));
      const t = Number(p.at) > 0 ? Math.min(Number(p.at), tr.T) - 1 : Math.min(ctx.t, tr.T - 1);
      const u = unitOf(ctx, tr, p);
      const v = rows[t * tr.H + u]!;
      return {
        value: v,
        why: `At ${stepText(t)}, unit ${u + 1}'s ${p.of} is ${numberText(v)}: the diagram and the equations show it.`,
        panel: 'diagram',
      };
    },
  },
  extremeStep: {
    answers: 'step',
    reads: 'trace',
    describe: 'the step where a gate, a state or ‖∂L/∂h‖ is largest (or smallest)',
    params: {
      of: {
        type: 'choice',
        values: [...ROWS, 'gradient'],
        default: 'gradient',
        help: 'what to look at',
      },
      which: WHICH,
      unit: UNIT,
    },
    compute(ctx, p) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const grad = p.of === 'gradient';
      const rows = grad ? null : rowsOf(tr, String(p.of));
      if (!grad && !rows) return missing(tr, String(p.of));
      const u = unitOf(ctx, tr, p);
      const at = (t: number) => (rows ? rows[t * tr.H + u]! : tr.series.gradHNorm[t]!);
      let best = 0;
      for (let t = 1; t < tr.T; t++) {
        const better = p.which === 'smallest' ? at(t) < at(best) : at(t) > at(best);
        if (better) best = t;
      }
      const what = grad ? '‖∂L/∂h‖' : `unit ${u + 1}'s ${p.of}`;
      return {
        value: best,
        why: `${what} is ${p.which} at ${stepText(best)} (${numberText(at(best))}).`,
        panel: grad ? 'gradients' : 'traces',
      };
    },
  },
  gradDropStep: {
    answers: 'step',
    reads: 'trace',
    describe: 'reading back from the loss step, the first step where ‖∂L/∂h‖ drops below a level',
    params: {
      below: { type: 'number', min: 1e-300, max: 1e6, default: 1e-3, help: 'the level' },
      relative: {
        type: 'boolean',
        default: false,
        help: 'the level is a fraction of ‖∂L/∂h‖ at the loss step',
      },
    },
    compute(ctx, p) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const g = tr.series.gradHNorm;
      const L = lossStepOf(tr);
      const level = Number(p.below) * (p.relative ? g[L]! : 1);
      for (let t = L; t >= 0; t--) {
        if (g[t]! < level)
          return {
            value: t,
            why: `Reading back from the loss at ${stepText(L)}, ‖∂L/∂h‖ first falls below ${numberText(level)} at ${stepText(t)} (${numberText(g[t]!)}) in the Gradient flow chart.`,
            panel: 'gradients',
          };
      }
      return noAnswer(
        `On this trace ‖∂L/∂h‖ never falls below ${numberText(level)} (Gradient flow): the signal reaches every step.`,
        'gradients',
      );
    },
  },
  gradReach: {
    answers: 'number',
    reads: 'trace',
    describe: 'how many steps back from the loss ‖∂L/∂h‖ stays above a fraction of its value there',
    params: {
      fraction: { type: 'number', min: 1e-300, max: 1, default: 1e-3, help: 'the fraction' },
    },
    compute(ctx, p) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const g = tr.series.gradHNorm;
      const L = lossStepOf(tr);
      const level = Number(p.fraction) * g[L]!;
      let k = 0;
      while (k < L && g[L - k - 1]! >= level) k++;
      return {
        value: k,
        why: `From the loss at ${stepText(L)}, ‖∂L/∂h‖ stays above ${numberText(Number(p.fraction))} of its value there for ${k} steps back${k === L ? ' (to the first step)' : ''} (Gradient flow).`,
        panel: 'gradients',
      };
    },
  },
  gradOrders: {
    answers: 'number',
    reads: 'trace',
    describe: 'orders of magnitude ‖∂L/∂h‖ loses from the loss step back to a step',
    params: { at: step('the earlier step', 1) },
    compute(ctx, p) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const g = tr.series.gradHNorm;
      const L = lossStepOf(tr);
      const t = Math.min(Math.max(Number(p.at) || 1, 1), L + 1) - 1;
      if (!(g[L]! > 0) || !(g[t]! > 0))
        return noAnswer('‖∂L/∂h‖ is exactly 0 there: no ratio to take.', 'gradients');
      const orders = Math.log10(g[L]! / g[t]!);
      return {
        value: orders,
        why: `‖∂L/∂h‖ is ${numberText(g[L]!)} at the loss (${stepText(L)}) and ${numberText(g[t]!)} at ${stepText(t)}: ${orders.toFixed(1)} orders of magnitude (Gradient flow, log scale).`,
        panel: 'gradients',
      };
    },
  },
  memoryLength: {
    answers: 'number',
    reads: 'trace',
    describe: `steps back from the loss the memory path stays ≥ ${MEMORY_THRESHOLD}`,
    params: {},
    compute(ctx) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const L = lossStepOf(tr);
      const m = memoryLength(tr.series.memoryPath, L);
      return {
        value: m.steps,
        why: `The memory path (dashed, Gradient flow) stays ≥ ${MEMORY_THRESHOLD} for ${m.steps} steps back from ${stepText(L)}${m.atLeast ? ', all the way to the start' : ''}.`,
        panel: 'gradients',
      };
    },
  },
  paramCount: {
    answers: 'number',
    reads: 'trace',
    describe: 'the number of weights of the cell on screen (W_ih, W_hh and both biases)',
    params: { readout: { type: 'boolean', default: false, help: 'count the readout too' } },
    compute(ctx, p) {
      const tr = ctx.trace;
      if (!tr) return NO_TRACE;
      const w = tr.grad.weights;
      const cell = w.wIh.length + w.wHh.length + w.bIh.length + w.bHh.length;
      const n = cell + (p.readout ? w.wOut.length + w.bOut.length : 0);
      const G = w.wHh.length / (tr.H * tr.H);
      return {
        value: n,
        why: `${CELLS[tr.spec.cell].name} with ${G} block${G > 1 ? 's' : ''} of H = ${tr.H} units and I = ${tr.I} inputs: ${G}·H·(I + H + 2) = ${cell}${p.readout ? `, plus ${n - cell} in the readout` : ''}.`,
        panel: 'equations',
      };
    },
  },
};
