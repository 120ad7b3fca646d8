/**
 * Measuring the backends on the page's own work: runTrace of a model the size of the current
 * one, on each backend in turn, the first (cold) run excluded, the median of a few warm runs.
 * Whatever runTrace uses (the fused cell kernels where a backend has them) is what gets timed.
 *
 * The first run is also the warm-up: WebGL compiles its shaders for exactly this model's
 * shapes, so the page's first live trace does not pay for them. It compiles them in short
 * tasks first (webgl-warmup.ts): done inside the first run, the compile was one main-thread
 * task of ~1 s on software WebGL.
 *
 * Budget: at most 3 warm runs and 400 ms of them per backend, and a backend whose first warm
 * run is 4× slower than the best so far stops there (it cannot win). On a 2-core machine with
 * software WebGL (SwiftShader) the default LSTM 50×16 takes ~1–2 s in all: cpu and wasm ~0.1 s
 * together, the rest WebGL's first run (shader compilation, mostly off the main thread), shown
 * as "Warming up WebGL… 3/3" over the precomputed first trace.
 */
import { activateBackend } from './activate';
import type { ActivateOptions, BackendInfo, BackendName } from './backends';
import {
  BACKEND_ORDER,
  type BackendChoice,
  type BackendTiming,
  chooseBackend,
  median,
} from './choice';
import { dispatchTrace, runTrace } from '../trace';
import type { Model, Sequence } from '../types';
import { errorMessage, nextTask } from '../util';
import { compileShaders } from './webgl-warmup';

/** The model and sequence to time, and how the badge names their size ("LSTM 50×16"). */
export interface Workload {
  model: Model;
  sequence: Sequence;
  label: string;
}

export interface MeasureOptions extends ActivateOptions {
  /** which backends, in order; default cpu, wasm, webgl */
  candidates?: readonly BackendName[];
  /** backends not to measure this time, with why (they are reported, not timed) */
  leaveOut?: readonly BackendTiming[];
  /** warm runs per backend at most (default 3) */
  warmRuns?: number;
  /**
   * Time one backend may spend on warm runs (default 400 ms): a slow one stops early and is
   * ranked on the runs it made. Its cold run (WebGL: the shader compile) is not budgeted.
   */
  budgetMs?: number;
  /** "Warming up WebGL… 3/3": called before each backend */
  onProgress?: (text: string) => void;
}

/** What the badge shows while one backend is being measured. */
export function progressText(name: BackendName, k: number, n: number): string {
  const what = { cpu: 'Timing cpu', wasm: 'Loading wasm', webgl: 'Warming up WebGL' }[name];
  return `${what}… ${k}/${n}`;
}

/** A warm run this many times slower than the best median so far cannot win: stop timing it. */
const HOPELESS = 4;

/**
 * Waits until the page has painted (the progress line shows before the backend's work starts);
 * a plain task where there are no frames (Node).
 */
const nextPaint = () =>
  typeof requestAnimationFrame === 'function'
    ? new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))
    : nextTask();

/** Activates `name` and times traces on it; never throws (a failure becomes `skipped`). */
export async function measureBackend(
  name: BackendName,
  work: Workload,
  opts: MeasureOptions & { bestSoFar?: number } = {},
): Promise<{ timing: BackendTiming; info?: BackendInfo }> {
  let info: BackendInfo;
  try {
    info = await activateBackend(name, opts);
  } catch (err) {
    return { timing: { name, skipped: errorMessage(err), failed: true } };
  }
  const warmRuns = opts.warmRuns ?? 3;
  const budget = opts.budgetMs ?? 400;
  try {
    // Activating WebGL (context, first program) and its warm-up are separate tasks.
    await nextTask();
    const t0 = performance.now();
    // WebGL: this size's programs, compiled in short tasks (webgl-warmup.ts), so the first run
    // finds them ready; its time still counts them.
    await compileShaders(() => dispatchTrace(work.model, work.sequence));
    await runTrace(work.model, work.sequence);
    const coldMs = performance.now() - t0;
    const runs: number[] = [];
    let spent = 0;
    while (runs.length < warmRuns) {
      // Between runs the page may paint and handle input.
      await nextTask();
      const t = performance.now();
      await runTrace(work.model, work.sequence);
      const ms = performance.now() - t;
      runs.push(ms);
      spent += ms;
      if (spent > budget) break;
      if (opts.bestSoFar !== undefined && ms > HOPELESS * opts.bestSoFar) break;
    }
    return { timing: { name, ms: median(runs), coldMs, runs: runs.length }, info };
  } catch (err) {
    return { timing: { name, skipped: `a trace failed: ${errorMessage(err)}`, failed: true } };
  }
}

export interface AutoChoice {
  choice: BackendChoice;
  /** the chosen backend, active again */
  info: BackendInfo;
}

/**
 * Measures every candidate, then makes the fastest active. Throws only when none could run a
 * trace (the message lists why each failed).
 */
export async function chooseFastestBackend(
  work: Workload,
  opts: MeasureOptions = {},
): Promise<AutoChoice> {
  const candidates = opts.candidates ?? BACKEND_ORDER;
  const timings: BackendTiming[] = [];
  let best: number | undefined;
  for (const [k, name] of candidates.entries()) {
    const left = opts.leaveOut?.find((t) => t.name === name);
    if (left) {
      timings.push(left);
      continue;
    }
    opts.onProgress?.(progressText(name, k + 1, candidates.length));
    await nextPaint();
    const { timing } = await measureBackend(name, work, { ...opts, bestSoFar: best });
    timings.push(timing);
    if (timing.ms !== undefined) best = Math.min(best ?? Infinity, timing.ms);
  }
  const choice = chooseBackend(timings, work.label);
  return { choice, info: await activateBackend(choice.name, opts) };
}
