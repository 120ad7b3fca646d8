/**
 * The probes on small traces and runs built by hand, so each right answer is known without the
 * probe: gate means worked out on paper, a gradient-norm sequence laid out so the drop falls on a
 * chosen step, loss histories whose recent means are picked in advance.
 */
import { describe, expect, it } from 'vitest';
import { CELLS } from '../../../src/engine/cellKinds';
import type { LossPoint } from '../../../src/engine/lossHistory';
import type { Trace } from '../../../src/engine/trace';
import type { CellKind } from '../../../src/engine/types';
import type { ProbeRef, Question } from '../../../src/config/lesson';
import { PROBES, PROBE_NAMES, optionsFor, paramsOf, runProbe } from '../../../src/lessons/probes';
import type { ProbeContext, RunSummary } from '../../../src/lessons/probeTypes';
import { RECENT_POINTS, recentLoss } from '../../../src/lessons/runProbes';

type Rows = number[][]; // [t][unit]

interface Build {
  cell: CellKind;
  T: number;
  H: number;
  I?: number;
  O?: number;
  /** h, c and gates by name, [t][unit]; the rest are zeros */
  rows?: Record<string, Rows>;
  /** ‖∂L/∂h_t‖ for each t */
  grad?: number[];
  memory?: number[];
  /** the last targeted step; -1: none */
  lossStep?: number;
}

/** A trace with only the numbers a test names; every other array is zeros of the right size. */
function makeTrace(b: Build): Trace {
  const { cell, T, H } = b;
  const I = b.I ?? 1;
  const O = b.O ?? 1;
  const G = Math.max(1, CELLS[cell].gates.length);
  const zeros = (n: number) => new Float32Array(n);
  const rows = (name: string) => {
    const m = b.rows?.[name];
    if (!m) return zeros(T * H);
    if (m.length !== T || m.some((r) => r.length !== H))
      throw new Error(`${name} is not ${T}×${H}`);
    return Float32Array.from(m.flat());
  };
  const lossStep = b.lossStep ?? T - 1;
  const mask = new Uint8Array(T);
  if (lossStep >= 0) mask[lossStep] = 1;
  const series = (xs: number[] | undefined) => {
    if (xs && xs.length !== T) throw new Error(`a series of ${xs.length}, not ${T}`);
    return xs ? Float64Array.from(xs) : new Float64Array(T);
  };
  return {
    spec: {
      cell,
      inputSize: I,
      hiddenSize: H,
      outputSize: O,
      gruVariant: 'reset-after',
      activation: 'tanh',
    },
    T,
    I,
    H,
    O,
    x: zeros(T * I),
    h: rows('h'),
    ...(cell === 'lstm' && { c: rows('c') }),
    gates: Object.fromEntries(CELLS[cell].gates.map((g) => [g, rows(g)])),
    y: zeros(T * O),
    stepLoss: zeros(T),
    mask,
    loss: 0,
    lossStep,
    grad: {
      h: zeros(T * H),
      x: zeros(T * I),
      pre: {},
      weights: {
        wIh: zeros(G * H * I),
        wHh: zeros(G * H * H),
        bIh: zeros(G * H),
        bHh: zeros(G * H),
        wOut: zeros(O * H),
        bOut: zeros(O),
      },
    },
    series: {
      gradHNorm: series(b.grad),
      gradXNorm: new Float64Array(T),
      memoryPath: series(b.memory),
      whhStepNorm: new Float64Array(T),
    },
  };
}

const idle = (): RunSummary => ({ steps: 0, history: [] });

function ctxOf(over: Partial<ProbeContext> = {}): ProbeContext {
  return {
    trace: null,
    t: 0,
    unit: 0,
    task: { baseline: { loss: 0.4, how: 'predict the mean' }, title: 'Adding' },
    training: idle(),
    compare: {
      elman: { ...idle(), trace: null },
      lstm: { ...idle(), trace: null },
      gru: { ...idle(), trace: null },
    },
    ...over,
  };
}

const run = (ref: ProbeRef, ctx: ProbeContext) => runProbe(ref, ctx);
const valueOf = (ref: ProbeRef, ctx: ProbeContext) => run(ref, ctx).value;

/**
 * An LSTM, T = 4, H = 2, whose gate means are easy to work out:
 * forget 0.9 for two steps then 0.8 (mean 0.85); input 0.1, then 0.2 in unit 0 and 1.0 in unit 1
 * (mean 0.35); candidate −0.5 everywhere; output 0.5 everywhere.
 */
const LSTM_ROWS = {
  forget: [
    [0.9, 0.9],
    [0.9, 0.9],
    [0.8, 0.8],
    [0.8, 0.8],
  ],
  input: [
    [0.1, 0.1],
    [0.1, 0.1],
    [0.2, 1.0],
    [0.2, 1.0],
  ],
  candidate: [
    [-0.5, -0.5],
    [-0.5, -0.5],
    [-0.5, -0.5],
    [-0.5, -0.5],
  ],
  output: [
    [0.5, 0.5],
    [0.5, 0.5],
    [0.5, 0.5],
    [0.5, 0.5],
  ],
  h: [
    [0.25, -0.5],
    [0.75, 1],
    [-1, 0.125],
    [0.5, 0.375],
  ],
  c: [
    [1, 2],
    [3, 4],
    [5, 6],
    [7, 8],
  ],
};
const lstm = makeTrace({ cell: 'lstm', T: 4, H: 2, I: 3, rows: LSTM_ROWS });
const gru = makeTrace({
  cell: 'gru',
  T: 2,
  H: 3,
  I: 1,
  O: 2,
  rows: {
    update: [Array(3).fill(0.7), Array(3).fill(0.7)],
    reset: [
      [0.1, 0.1, 0.1],
      [0.9, 0.9, 0.9],
    ],
  },
});
const elman = makeTrace({ cell: 'elman', T: 3, H: 4, I: 2 });

/**
 * ‖∂L/∂h_t‖ over six steps, laid out so reading back from the loss (step 6) it first drops below
 * 10⁻³ at step 4 (index 3) even though an earlier step (index 1) is smaller still.
 */
const GRAD = [1e-2, 1e-5, 1e-2, 5e-4, 0.5, 1];
const gradTrace = (grad = GRAD, lossStep?: number) =>
  makeTrace({ cell: 'elman', T: grad.length, H: 1, grad, lossStep });

describe('trace probes with no trace, or a trace of another cell', () => {
  it('every trace probe says there is no trace yet, and gives no answer', () => {
    for (const name of PROBE_NAMES.filter((n) => PROBES[n]!.reads === 'trace')) {
      const a = run({ probe: name }, ctxOf());
      expect(a.value, name).toBeNull();
      expect(a.why, name).toBe('There is no trace on screen yet.');
    }
  });
});

describe('gateExtreme', () => {
  const ctx = ctxOf({ trace: lstm, unit: 1 });
  it('the gate with the largest or smallest mean', () => {
    const a = run({ probe: 'gateExtreme' }, ctx);
    expect(a.value).toBe('forget');
    expect(a.panel).toBe('heatmaps');
    expect(a.why).toMatch(/^Averaged over steps 1–4 and all units: forget 0\.85, input 0\.35, /);
    expect(valueOf({ probe: 'gateExtreme', which: 'smallest' }, ctx)).toBe('candidate');
  });

  it('over a range of steps, for one unit', () => {
    // unit 2 (index 1) at steps 3–4: input 1.0 beats forget 0.8
    const one = { probe: 'gateExtreme', units: 'selected', unit: 2, from: 3, to: 4 };
    expect(valueOf(one, ctx)).toBe('input');
    // unit 0 is the selected unit (ctx.unit = 1, unit 2 on the page), to 0 is the last step
    expect(valueOf({ ...one, unit: 0, to: 0 }, ctx)).toBe('input');
    expect(run({ ...one, unit: 0 }, ctx).why).toMatch(/steps 3–4 and unit 2:/);
    // unit 1 (index 0) at steps 3–4: forget 0.8, input 0.2
    expect(valueOf({ ...one, unit: 1 }, ctx)).toBe('forget');
    // all units at steps 3–4: forget 0.8, input 0.6
    expect(valueOf({ probe: 'gateExtreme', from: 3 }, ctx)).toBe('forget');
  });

  it("offers the cell's gates, and has none to give for Elman", () => {
    const q: Question = { kind: 'choice', prompt: '?', answer: { probe: 'gateExtreme' } };
    expect(optionsFor(q, ctx)).toEqual(['forget', 'input', 'candidate', 'output']);
    expect(optionsFor(q, ctxOf({ trace: gru }))).toEqual(['update', 'reset', 'candidate']);
    expect(optionsFor({ ...q, options: ['a', 'b'] }, ctx)).toEqual(['a', 'b']);
    expect(valueOf({ probe: 'gateExtreme' }, ctxOf({ trace: gru }))).toBe('update');
    const e = run({ probe: 'gateExtreme' }, ctxOf({ trace: elman }));
    expect(e.value).toBeNull();
    expect(e.why).toBe('The Elman cell has no gates: this question is for another cell.');
  });
});

describe('gateMean', () => {
  const ctx = ctxOf({ trace: lstm, unit: 1 });
  it('the mean of a gate or state over steps and units', () => {
    expect(valueOf({ probe: 'gateMean' }, ctx)).toBeCloseTo(0.85, 6); // forget, all of it
    expect(valueOf({ probe: 'gateMean', of: 'input', from: 3, to: 3 }, ctx)).toBeCloseTo(0.6, 6);
    expect(valueOf({ probe: 'gateMean', of: 'input', units: 'selected' }, ctx)).toBeCloseTo(
      (0.1 + 0.1 + 1 + 1) / 4,
      6,
    );
    expect(valueOf({ probe: 'gateMean', of: 'h', units: 'selected', unit: 1 }, ctx)).toBeCloseTo(
      (0.25 + 0.75 - 1 + 0.5) / 4,
      6,
    );
    expect(valueOf({ probe: 'gateMean', of: 'c', from: 2, to: 3 }, ctx)).toBe(4.5);
    expect(run({ probe: 'gateMean', of: 'c', from: 2, to: 3 }, ctx).why).toBe(
      'The c averages 4.5 over steps 2–3 and all units (Heatmaps).',
    );
  });

  it('from and to are clamped to the trace; a unit it lacks means the selected one', () => {
    const c = (p: Record<string, number | string>) =>
      valueOf({ probe: 'gateMean', of: 'c', ...p }, ctx);
    expect(c({ from: 0 })).toBe(4.5); // 0 is step 1
    expect(c({ to: 99 })).toBe(4.5); // past the end is the end
    expect(c({ from: 4, to: 2 })).toBe(7.5); // to before from: just step 4
    expect(c({ units: 'selected', unit: 40 })).toBe(5); // unit 40 of 2: the selected unit
  });

  it('a gate or state the cell lacks gives no answer', () => {
    expect(valueOf({ probe: 'gateMean', of: 'c' }, ctxOf({ trace: gru }))).toBeNull();
    expect(valueOf({ probe: 'gateMean', of: 'update' }, ctx)).toBeNull();
    expect(valueOf({ probe: 'gateMean', of: 'forget' }, ctxOf({ trace: elman }))).toBeNull();
    expect(valueOf({ probe: 'gateMean', of: 'reset' }, ctxOf({ trace: gru }))).toBeCloseTo(0.5, 6);
  });
});

describe('valueAt', () => {
  it('one number at one step, 1-based; 0 is the cursor', () => {
    const ctx = ctxOf({ trace: lstm, t: 2, unit: 0 });
    expect(valueOf({ probe: 'valueAt', at: 2, unit: 2 }, ctx)).toBe(1);
    expect(valueOf({ probe: 'valueAt', at: 0, unit: 2 }, ctx)).toBe(0.125); // cursor: step 3
    expect(valueOf({ probe: 'valueAt' }, ctx)).toBe(-1); // h, cursor, selected unit 0
    expect(valueOf({ probe: 'valueAt', of: 'c', at: 4 }, ctx)).toBe(7);
    expect(valueOf({ probe: 'valueAt', of: 'c', at: 99, unit: 2 }, ctx)).toBe(8);
    expect(valueOf({ probe: 'valueAt', of: 'forget', at: 1 }, ctx)).toBeCloseTo(0.9, 6);
    // a cursor past the end (a longer trace was on screen) reads the last step
    expect(valueOf({ probe: 'valueAt' }, ctxOf({ trace: lstm, t: 50 }))).toBe(0.5);
    const a = run({ probe: 'valueAt', at: 2, unit: 2 }, ctx);
    expect(a.why).toBe("At step 2, unit 2's h is 1: the diagram and the equations show it.");
    expect(a.panel).toBe('diagram');
    expect(valueOf({ probe: 'valueAt', of: 'forget' }, ctxOf({ trace: gru }))).toBeNull();
  });
});

describe('extremeStep', () => {
  it('the step where the gradient norm is largest or smallest (the first, on a tie)', () => {
    const ctx = ctxOf({ trace: gradTrace([0.1, 0.5, 0.3, 0.5]) });
    const a = run({ probe: 'extremeStep' }, ctx);
    expect(a).toEqual({
      value: 1,
      why: '‖∂L/∂h‖ is largest at step 2 (0.5).',
      panel: 'gradients',
    });
    expect(valueOf({ probe: 'extremeStep', which: 'smallest' }, ctx)).toBe(0);
  });

  it("a unit's gate or state", () => {
    const ctx = ctxOf({ trace: lstm, unit: 1 });
    expect(valueOf({ probe: 'extremeStep', of: 'h', unit: 1 }, ctx)).toBe(1); // 0.75
    expect(valueOf({ probe: 'extremeStep', of: 'h', which: 'smallest', unit: 1 }, ctx)).toBe(2);
    expect(valueOf({ probe: 'extremeStep', of: 'h' }, ctx)).toBe(1); // unit 1: 1
    expect(valueOf({ probe: 'extremeStep', of: 'input', unit: 2 }, ctx)).toBe(2);
    expect(run({ probe: 'extremeStep', of: 'c' }, ctx).panel).toBe('traces');
    expect(valueOf({ probe: 'extremeStep', of: 'c' }, ctxOf({ trace: gru }))).toBeNull();
  });
});

describe('gradDropStep', () => {
  it('reading back from the loss step, the first step below the level', () => {
    const ctx = ctxOf({ trace: gradTrace() });
    // index 1 (1e-5) is smaller, but reading back from step 6 the first one below is index 3
    const a = run({ probe: 'gradDropStep', below: 1e-3 }, ctx);
    expect(a.value).toBe(3);
    expect(a.why).toBe(
      'Reading back from the loss at step 6, ‖∂L/∂h‖ first falls below 1.0e-3 at step 4 (5.0e-4) in the Gradient flow chart.',
    );
    expect(a.panel).toBe('gradients');
    // the default level is 10⁻³
    expect(paramsOf({ probe: 'gradDropStep' })).toEqual({ below: 1e-3, relative: false });
    expect(valueOf({ probe: 'gradDropStep' }, ctx)).toBe(3);
    expect(valueOf({ probe: 'gradDropStep', below: 1e-4 }, ctx)).toBe(1);
    expect(valueOf({ probe: 'gradDropStep', below: 0.9 }, ctx)).toBe(4);
  });

  it('a level relative to the norm at the loss step', () => {
    const ctx = ctxOf({ trace: gradTrace([1e-2, 1e-5, 1e-2, 5e-4, 0.5, 2]) });
    expect(valueOf({ probe: 'gradDropStep', below: 0.3 }, ctx)).toBe(3); // 0.5 ≥ 0.3
    expect(valueOf({ probe: 'gradDropStep', below: 0.3, relative: true }, ctx)).toBe(4); // < 0.6
  });

  it('steps after the loss step do not count; without a loss step, the last step is it', () => {
    const grad = [1e-2, 1e-5, 1e-2, 5e-4, 0.5, 1e-9];
    expect(valueOf({ probe: 'gradDropStep' }, ctxOf({ trace: gradTrace(grad, 4) }))).toBe(3);
    expect(valueOf({ probe: 'gradDropStep' }, ctxOf({ trace: gradTrace(grad, -1) }))).toBe(5);
  });

  it('no answer when the norm never falls that far', () => {
    const a = run({ probe: 'gradDropStep', below: 1e-6 }, ctxOf({ trace: gradTrace() }));
    expect(a.value).toBeNull();
    expect(a.why).toMatch(/never falls below 1\.0e-6/);
  });
});

describe('gradReach', () => {
  it('how many steps back the norm stays at or above a fraction of its value at the loss', () => {
    const ctx = ctxOf({ trace: gradTrace() });
    expect(valueOf({ probe: 'gradReach' }, ctx)).toBe(1); // 0.5, then 5e-4 < 1e-3
    expect(valueOf({ probe: 'gradReach', fraction: 1e-4 }, ctx)).toBe(3); // stops at 1e-5
    expect(valueOf({ probe: 'gradReach', fraction: 1 }, ctx)).toBe(0);
    expect(valueOf({ probe: 'gradReach', fraction: 5e-4 }, ctx)).toBe(3); // at the level counts
    const all = run({ probe: 'gradReach', fraction: 1e-6 }, ctx);
    expect(all.value).toBe(5);
    expect(all.why).toMatch(/for 5 steps back \(to the first step\)/);
  });
});

describe('gradOrders', () => {
  it('log10 of the norm at the loss over the norm at an earlier step', () => {
    const ctx = ctxOf({ trace: gradTrace() });
    expect(valueOf({ probe: 'gradOrders' }, ctx)).toBeCloseTo(2, 10); // step 1: 1e-2
    expect(valueOf({ probe: 'gradOrders', at: 2 }, ctx)).toBeCloseTo(5, 10); // 1e-5
    expect(valueOf({ probe: 'gradOrders', at: 4 }, ctx)).toBeCloseTo(Math.log10(2000), 10);
    expect(valueOf({ probe: 'gradOrders', at: 0 }, ctx)).toBeCloseTo(2, 10); // 0 means step 1
    expect(valueOf({ probe: 'gradOrders', at: 99 }, ctx)).toBe(0); // clamped to the loss step
  });

  it('no ratio when either norm is 0', () => {
    const a = run({ probe: 'gradOrders' }, ctxOf({ trace: gradTrace([0, 1e-3, 1]) }));
    expect(a.value).toBeNull();
    expect(
      valueOf({ probe: 'gradOrders', at: 2 }, ctxOf({ trace: gradTrace([0, 1e-3, 1]) })),
    ).toBeCloseTo(3, 10);
  });
});

describe('memoryLength', () => {
  const mem = (memory: number[], lossStep?: number) =>
    ctxOf({ trace: makeTrace({ cell: 'elman', T: memory.length, H: 1, memory, lossStep }) });
  it('steps back from the loss step the memory path is still ≥ 0.01', () => {
    expect(valueOf({ probe: 'memoryLength' }, mem([0.005, 0.02, 0.3, 0.7, 1]))).toBe(3);
    expect(valueOf({ probe: 'memoryLength' }, mem([0.009999, 0.01, 0.3, 0.7, 1]))).toBe(3);
    const all = run({ probe: 'memoryLength' }, mem([0.5, 0.5, 0.5, 1]));
    expect(all.value).toBe(3);
    expect(all.why).toMatch(/for 3 steps back from step 4, all the way to the start\.$/);
    // measured back from the loss step; after it the path is 0
    expect(valueOf({ probe: 'memoryLength' }, mem([0.5, 0.001, 1, 0, 0], 2))).toBe(2);
    expect(valueOf({ probe: 'memoryLength' }, mem([0.001, 0.001, 1]))).toBe(0);
  });
});

describe('paramCount', () => {
  it('G·H·(I + H + 2) weights in the cell, plus O·(H + 1) with the readout', () => {
    const n = (trace: Trace, readout = false) =>
      valueOf({ probe: 'paramCount', readout }, ctxOf({ trace }));
    expect(n(lstm)).toBe(4 * 2 * (3 + 2 + 2)); // 56
    expect(n(lstm, true)).toBe(56 + 1 * (2 + 1));
    expect(n(gru)).toBe(3 * 3 * (1 + 3 + 2)); // 54
    expect(n(gru, true)).toBe(54 + 2 * (3 + 1));
    expect(n(elman)).toBe(1 * 4 * (2 + 4 + 2)); // 32
    expect(run({ probe: 'paramCount' }, ctxOf({ trace: lstm })).why).toBe(
      'LSTM with 4 blocks of H = 2 units and I = 3 inputs: 4·H·(I + H + 2) = 56.',
    );
    expect(run({ probe: 'paramCount', readout: true }, ctxOf({ trace: elman })).why).toMatch(
      /^Elman with 1 block of H = 4 .* = 32, plus 5 in the readout\.$/,
    );
  });
});

/** A run whose losses are these, one point per update. */
const runOf = (losses: number[], divergence: string | null = null): RunSummary => ({
  steps: losses.length,
  history: losses.map((loss, i): LossPoint => ({ step: i + 1, loss, metric: 0 })),
  divergence,
});
/** `n` points at `early`, then RECENT_POINTS points whose mean is `recent`. */
const settled = (recent: number, early = 0.01, n = 20) =>
  runOf([
    ...Array(n).fill(early),
    ...Array.from({ length: RECENT_POINTS }, (_, i) => recent + (i % 2 ? 0.05 : -0.05)),
  ]);

function compareCtx(
  runs: Partial<Record<CellKind, RunSummary>>,
  over: Partial<ProbeContext> = {},
): ProbeContext {
  const c = ctxOf(over);
  for (const [k, r] of Object.entries(runs)) c.compare[k as CellKind] = { ...r, trace: null };
  return c;
}

describe('recentLoss', () => {
  it('the mean of the last points that are numbers; none when diverged or empty', () => {
    expect(recentLoss(settled(0.3))).toBeCloseTo(0.3, 12);
    expect(recentLoss(runOf([0.2, NaN, 0.4]))).toBeCloseTo(0.3, 12);
    expect(recentLoss(runOf([]))).toBeNull();
    expect(recentLoss(runOf([NaN, Infinity]))).toBeNull();
    expect(recentLoss(runOf([0.2, 0.3], 'the loss became NaN'))).toBeNull();
  });
});

describe('bestCell', () => {
  it('the cell with the lowest recent loss, not the lowest ever', () => {
    // Elman was lowest early on (0.01) but is 0.6 now; LSTM 0.3; GRU 0.36
    const ctx = compareCtx({ elman: settled(0.6), lstm: settled(0.3, 0.9), gru: settled(0.36) });
    const a = run({ probe: 'bestCell' }, ctx);
    expect(a.value).toBe('lstm');
    expect(a.panel).toBe('compare');
    expect(a.why).toBe(
      "Loss over the last updates: Elman 0.6 (1.50× the baseline); LSTM 0.3 (0.75× the baseline); GRU 0.36 (0.90× the baseline). The compare view's loss chart draws all three.",
    );
    const q: Question = {
      kind: 'experiment',
      prompt: '?',
      answer: { probe: 'bestCell' },
      train: 9,
    };
    expect(optionsFor(q, ctx)).toEqual(['elman', 'lstm', 'gru']);
  });

  it('a diverged or untrained cell is left out; none trained, no answer', () => {
    const ctx = compareCtx({
      elman: settled(0.6),
      lstm: settled(0.3),
      gru: { ...settled(0.01), divergence: 'the loss became NaN at update 40' },
    });
    expect(valueOf({ probe: 'bestCell' }, ctx)).toBe('lstm');
    expect(run({ probe: 'bestCell' }, ctx).why).toMatch(/GRU not trained\./);
    expect(valueOf({ probe: 'bestCell' }, compareCtx({ gru: settled(0.9) }))).toBe('gru');
    const none = run({ probe: 'bestCell' }, compareCtx({}));
    expect(none.value).toBeNull();
    expect(none.why).toMatch(/^None of the three cells has trained yet/);
  });
});

describe('cellsBelowBaseline', () => {
  it('counts the cells whose recent loss is below the baseline', () => {
    const runs = { elman: settled(0.6), lstm: settled(0.3), gru: settled(0.35) };
    const a = run({ probe: 'cellsBelowBaseline' }, compareCtx(runs));
    expect(a.value).toBe(2);
    expect(a.why).toBe('Below the baseline 0.4: LSTM, GRU (compare view, dashed line).');
    const gruDiverged = { ...runs, gru: { ...runs.gru, divergence: 'NaN' } };
    expect(valueOf({ probe: 'cellsBelowBaseline' }, compareCtx(gruDiverged))).toBe(1);
    // at the baseline is not below it
    expect(valueOf({ probe: 'cellsBelowBaseline' }, compareCtx({ lstm: runOf([0.4]) }))).toBe(0);
    // trained but none below: 0; not trained at all: no answer, not a silent 0
    const above = compareCtx({ elman: settled(0.6), lstm: settled(0.5) });
    expect(run({ probe: 'cellsBelowBaseline' }, above)).toMatchObject({
      value: 0,
      why: expect.stringMatching(/: none \(/),
    });
    const none = run({ probe: 'cellsBelowBaseline' }, compareCtx({}));
    expect(none).toMatchObject({ value: null, why: expect.stringMatching(/run the experiment/) });
  });

  it('no answer for a task without a baseline', () => {
    const a = run(
      { probe: 'cellsBelowBaseline' },
      compareCtx({ lstm: settled(0.1) }, { task: null }),
    );
    expect(a).toMatchObject({ value: null, why: 'This task has no baseline.' });
  });
});

describe('beatsBaseline', () => {
  const at = (training: RunSummary, over: Partial<ProbeContext> = {}) =>
    run({ probe: 'beatsBaseline' }, ctxOf({ training, ...over }));
  it('yes below the baseline, no at or above it', () => {
    const yes = at(settled(0.3));
    expect(yes.value).toBe('yes');
    expect(yes.panel).toBe('training');
    expect(yes.why).toBe(
      'After 30 updates the loss is 0.3 (0.75× the baseline); the dashed line in the Training chart is the baseline 0.4.',
    );
    expect(at(settled(0.5)).value).toBe('no');
    expect(at(runOf([0.4])).value).toBe('no');
    expect(
      optionsFor({ kind: 'choice', prompt: '?', answer: { probe: 'beatsBaseline' } }, ctxOf()),
    ).toEqual(['yes', 'no']);
  });

  it('no answer before training, after divergence, or without a baseline', () => {
    expect(at(runOf([]))).toMatchObject({
      value: null,
      why: expect.stringMatching(/^No training yet/),
    });
    expect(at(runOf([0.1], 'the loss became NaN'))).toMatchObject({
      value: null,
      why: 'Training diverged: no loss to compare.',
    });
    expect(at(settled(0.1), { task: null })).toMatchObject({
      value: null,
      why: 'This task has no baseline.',
    });
  });
});

describe('the probe table', () => {
  it('lists exactly the probes tested here', () => {
    expect([...PROBE_NAMES].sort()).toEqual(
      [
        'beatsBaseline',
        'bestCell',
        'cellsBelowBaseline',
        'extremeStep',
        'gateExtreme',
        'gateMean',
        'gradDropStep',
        'gradOrders',
        'gradReach',
        'memoryLength',
        'paramCount',
        'valueAt',
      ].sort(),
    );
  });

  it('each probe is described, and its defaults are values its parameters allow', () => {
    for (const [name, def] of Object.entries(PROBES)) {
      expect(def.describe.length, name).toBeGreaterThan(10);
      expect(['step', 'number', 'choice'], name).toContain(def.answers);
      expect(['trace', 'training', 'compare'], name).toContain(def.reads);
      if (def.answers === 'choice') expect(def.options, name).toBeTypeOf('function');
      for (const [k, spec] of Object.entries(def.params)) {
        expect(spec.help.length, `${name}.${k}`).toBeGreaterThan(0);
        if (spec.type === 'number') {
          expect(spec.min, `${name}.${k}`).toBeLessThanOrEqual(spec.default);
          expect(spec.default, `${name}.${k}`).toBeLessThanOrEqual(spec.max);
          if (spec.integer) expect(Number.isInteger(spec.default), `${name}.${k}`).toBe(true);
        } else if (spec.type === 'choice')
          expect(spec.values, `${name}.${k}`).toContain(spec.default);
        else expect(typeof spec.default, `${name}.${k}`).toBe('boolean');
      }
    }
  });

  it('an unknown probe answers nothing (the reader never lets one through)', () => {
    expect(run({ probe: 'nope' }, ctxOf())).toEqual({
      value: null,
      why: 'unknown probe nope',
      panel: 'diagram',
    });
    expect(paramsOf({ probe: 'nope' })).toEqual({});
    expect(paramsOf({ probe: 'valueAt', at: 3 })).toEqual({ of: 'h', at: 3, unit: 0 });
  });
});
