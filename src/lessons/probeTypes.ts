/**
 * What a probe is: a named computation that answers a lesson question from what is on screen now
 * (the live trace, the training run, the compare view's runs), with a sentence saying why, so
 * the answer follows the seed, the size and the what-ifs instead of being written down once.
 * Probes are pure: they read a ProbeContext and never touch the stores (tests build contexts).
 */
import { CELLS } from '../engine/cellKinds';
import type { LossPoint } from '../engine/lossHistory';
import type { Task } from '../engine/tasks/task';
import type { Trace } from '../engine/trace';
import type { CellKind } from '../engine/types';

export interface RunSummary {
  steps: number;
  history: readonly LossPoint[];
  divergence?: string | null;
}

export interface ProbeContext {
  trace: Trace | null;
  /** the playback cursor (0-based) and the selected unit */
  t: number;
  unit: number;
  task: Pick<Task, 'baseline' | 'title'> | null;
  /** the single view's training run */
  training: RunSummary;
  /** the compare view's three runs and their traces */
  compare: Record<CellKind, RunSummary & { trace: Trace | null }>;
}

/** A computed answer: a step (0-based), a number, or one of the probe's options. */
export type AnswerValue = number | string;

export interface ProbeAnswer {
  /** null: this trace has no answer (e.g. the gradient never drops that far); not graded */
  value: AnswerValue | null;
  /** one or two sentences, in the page's words, pointing at the view that shows it */
  why: string;
  /** the panel (or 'compare') that shows it */
  panel: string;
}

export type ParamSpec =
  | {
      type: 'number';
      min: number;
      max: number;
      default: number;
      help: string;
      /** steps and units: a whole number only (a fraction would index between array cells) */
      integer?: boolean;
    }
  | { type: 'choice'; values: readonly string[]; default: string; help: string }
  | { type: 'boolean'; default: boolean; help: string };

export type ParamValues = Record<string, string | number | boolean>;

/** What the answer is: a step (point questions), a number (number, range) or an option. */
export type AnswerType = 'step' | 'number' | 'choice';

/** Where the probe reads: the single view's trace, its training run, or the compare view. */
export type ProbeSource = 'trace' | 'training' | 'compare';

export interface ProbeDef {
  answers: AnswerType;
  reads: ProbeSource;
  /** one line for the editor and docs/lesson-format.md */
  describe: string;
  params: Readonly<Record<string, ParamSpec>>;
  /** a choice probe's options when the question lists none */
  options?(ctx: ProbeContext): string[];
  compute(ctx: ProbeContext, p: ParamValues): ProbeAnswer;
}

/** A probe could not answer (no trace yet, a gate this cell lacks): said as the answer's why. */
export function noAnswer(why: string, panel: string): ProbeAnswer {
  return { value: null, why, panel };
}

/** "step 12" for a 0-based step. */
export const stepText = (t: number) => `step ${t + 1}`;

/** A number as the feedback prints it: 3 significant digits, powers of ten for the tiny ones. */
export function numberText(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return '0';
  const a = Math.abs(v);
  if (Number.isInteger(v) && a < 1e6) return String(v);
  return a >= 0.01 && a < 1e5 ? String(Number(v.toPrecision(3))) : v.toExponential(1);
}

/** An option as the page says it: a cell by its name ("LSTM"), anything else as written. */
export const optionText = (o: string) => (Object.hasOwn(CELLS, o) ? CELLS[o as CellKind].name : o);
