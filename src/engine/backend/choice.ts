/**
 * Picking the fastest TF.js backend from measured trace times, and saying why in words.
 *
 * Pure and TF.js-free: the measuring lives in measure.ts (it needs TF.js); this file
 * only turns timings into a choice, so the rule and its wording are unit-tested in Node and
 * the badge can import the types without pulling TF.js into the page shell.
 */
import { CELLS } from '../cellKinds';
import type { BackendName } from './backends';
import { gateCount } from '../spec';
import type { CellKind, Sequence } from '../types';

/**
 * Measuring order, and the preference when two backends tie: cpu needs nothing loaded, wasm
 * one small binary, and WebGL compiles shaders and can lose its context mid-lesson.
 */
export const BACKEND_ORDER: readonly BackendName[] = ['cpu', 'wasm', 'webgl'];

/** Two medians closer than this are a tie here (2 shared cores: timings are noisy). */
export const TIE_RATIO = 1.1;

/** One backend's result: a median warm trace time, or why it could not run. */
export interface BackendTiming {
  name: BackendName;
  /** median of the warm runs (the first, cold run excluded), ms */
  ms?: number;
  /** the first run: shader compilation, wasm start-up, JIT warm-up; ms */
  coldMs?: number;
  /** warm runs behind the median */
  runs?: number;
  /** why this backend has no time: it failed (see `failed`) or was not measured this time */
  skipped?: string;
  /** true when it could not start or run a trace (unusable), not merely left out */
  failed?: boolean;
}

export interface BackendChoice {
  name: BackendName;
  /** one line for the badge: "cpu — fastest here for LSTM 100×32: cpu 3 ms · wasm 6 ms · …" */
  summary: string;
  /** the (?) panel: one line per backend, its time or why it was skipped */
  details: string[];
  /** the (?) panel: how the times were taken and the choice made */
  how: string;
  /** every backend's result, in measuring order */
  timings: BackendTiming[];
  /** the measured model, e.g. "LSTM 100×32" */
  workload: string;
}

/** "LSTM 100×32": cell, steps × hidden units, as the badge names the measured model. */
export function workloadLabel(cell: CellKind, T: number, H: number): string {
  const timed = T > MEASURE_MAX_STEPS ? ` (timed on ${MEASURE_MAX_STEPS} steps)` : '';
  return `${CELLS[cell].name} ${T}×${H}${timed}`;
}

/**
 * Backends are timed on at most this many steps of the sequence. A trace's cost per step is the
 * same at every length on every backend (the fused kernels run a few passes over all steps),
 * so longer runs would rank them the same while blocking the page: at T = 1,000, H = 64 the
 * full-length timing took the page 20 s on software WebGL, in tasks of up to 0.9 s.
 */
export const MEASURE_MAX_STEPS = 100;

/** The first `steps` steps of `seq` (the whole of it when it is no longer). */
export function firstSteps(seq: Sequence, steps: number): Sequence {
  if (seq.length <= steps) return seq;
  const O = seq.loss === 'mse' ? seq.targets.length / seq.length : 1;
  return {
    ...seq,
    length: steps,
    inputs: seq.inputs.subarray(0, steps * seq.inputSize),
    mask: seq.mask.subarray(0, steps),
    targets: seq.targets.subarray(0, steps * O),
  };
}

/**
 * A size measure for deciding when to measure again: the recurrent arithmetic of one timed
 * trace, steps (at most MEASURE_MAX_STEPS) × gate blocks × H².
 */
export function workloadSize(cell: CellKind, T: number, H: number): number {
  return Math.min(T, MEASURE_MAX_STEPS) * gateCount(cell) * H * H;
}

/**
 * The ranking can flip with size (per-step dispatch costs dominate small models, arithmetic
 * big ones: wasm SIMD and real GPUs gain as H grows), so a size this many times larger or
 * smaller than the measured one is measured again. Smaller changes keep the last choice.
 */
export const REMEASURE_RATIO = 4;

export function sizeChangedALot(measured: number, now: number): boolean {
  const r = now / Math.max(measured, 1);
  return r >= REMEASURE_RATIO || r <= 1 / REMEASURE_RATIO;
}

export function median(xs: readonly number[]): number {
  if (!xs.length) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * When measuring again, a backend that was this many times slower than the winner is left
 * out: a 4× size change does not close such a gap, and re-warming it (WebGL compiles shaders
 * for the new shapes: seconds on a software renderer) would freeze the page for nothing.
 */
export const REMEASURE_SKIP_RATIO = 8;

/** The backends a new measurement can leave out, with why, given the last choice. */
export function notWorthRemeasuring(last: BackendChoice | undefined): BackendTiming[] {
  const winner = last?.timings.find((t) => t.name === last.name);
  if (!last || winner?.ms === undefined) return [];
  return last.timings
    .filter((t) => t.ms !== undefined && t.ms > REMEASURE_SKIP_RATIO * winner.ms!)
    .map((t) => ({
      name: t.name,
      skipped: `not measured again: ${Math.round(t.ms! / winner.ms!)}× slower than ${last.name} for ${last.workload}`,
    }));
}

/** "3 ms", "0.4 ms", "1.2 s": enough digits to compare, no more. */
export function formatMs(ms: number): string {
  if (ms >= 1000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms >= 10) return `${Math.round(ms)} ms`;
  return `${Number(ms.toFixed(1))} ms`;
}

/**
 * Chooses the backend with the smallest median; within {@link TIE_RATIO} of the fastest, the
 * earlier one in {@link BACKEND_ORDER} wins. Throws when no backend produced a time.
 */
export function chooseBackend(timings: readonly BackendTiming[], workload: string): BackendChoice {
  const byOrder = [...timings].sort(
    (a, b) => BACKEND_ORDER.indexOf(a.name) - BACKEND_ORDER.indexOf(b.name),
  );
  const timed = byOrder.filter((t): t is BackendTiming & { ms: number } => Number.isFinite(t.ms));
  if (!timed.length) {
    const why = byOrder.map((t) => `${t.name}: ${t.skipped ?? 'no time'}`).join('; ');
    throw new Error(`no TF.js backend could run a trace (${why})`);
  }
  const best = Math.min(...timed.map((t) => t.ms));
  const winner = timed.find((t) => t.ms <= best * TIE_RATIO)!;
  const ranked = [...timed].sort((a, b) => a.ms - b.ms);
  const times = ranked.map((t) => `${t.name} ${formatMs(t.ms)}`).join(' · ');
  const skipped = byOrder.filter((t) => !Number.isFinite(t.ms));
  const verdict = ranked.length > 1 ? 'fastest here' : 'the only one that ran';
  const tie = winner.ms > best ? ' (a tie within noise: the simpler backend wins)' : '';
  const notes = skipped.map((t) => ` · ${t.name} skipped: ${t.skipped ?? 'no time'}`);
  const summary = `${winner.name} — ${verdict} for ${workload}: ${times}${notes.join('')}${tie}`;
  const details = [
    ...ranked.map(
      (t) =>
        `${t.name}: ${formatMs(t.ms)} per trace (median of ${plural(t.runs ?? 1, 'warm run')}` +
        `${t.coldMs !== undefined ? `; first run ${formatMs(t.coldMs)}` : ''})`,
    ),
    ...skipped.map((t) => `${t.name}: skipped — ${t.skipped ?? 'no time'}`),
  ];
  const how =
    `Measured here on the page's own trace (forward, backprop through time, read-back) for ` +
    `${workload}, each backend's first run (its warm-up) excluded; measured again when the ` +
    `model's size changes ${REMEASURE_RATIO}× or more. Pick a backend in the menu to override.`;
  return { name: winner.name, summary, details, how, timings: byOrder, workload };
}
