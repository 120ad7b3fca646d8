/** The words a screen reader hears for the current step (see StepAnnouncer). */
import { CELLS } from '../engine/cellKinds';
import type { Trace } from '../engine/trace';

/** Two decimals and a real minus sign, as the views print numbers. */
function num(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return 'not a number';
  return v.toFixed(2).replace('-', '−');
}

/**
 * "Step 12 of 50: LSTM unit 1: forget 0.83, input 0.12, candidate −0.40, output 0.55; h 0.21,
 * c 0.93." t and unit are 0-based (clamped into the trace) and read 1-based, as shown on screen.
 */
export function stepSummary(trace: Trace, t: number, unit: number): string {
  const T = trace.T;
  const H = trace.H;
  const s = Math.min(Math.max(0, t), T - 1);
  const u = Math.min(Math.max(0, unit), H - 1);
  const at = (a: Float32Array | undefined) => num(a?.[s * H + u]);
  const gates = CELLS[trace.spec.cell].gates.map((g) => `${g} ${at(trace.gates[g])}`);
  const states = [`h ${at(trace.h)}`, ...(trace.c ? [`c ${at(trace.c)}`] : [])];
  const head = `Step ${s + 1} of ${T}: ${CELLS[trace.spec.cell].name} unit ${u + 1}`;
  const loss = trace.mask[s] ? ` Loss at this step ${num(trace.stepLoss[s])}.` : '';
  return `${head}: ${[gates.join(', '), states.join(', ')].filter(Boolean).join('; ')}.${loss}`;
}
