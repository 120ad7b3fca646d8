/**
 * THE PROBE TABLE: every computation a lesson question may name, with its parameters. The reader
 * (read.ts) checks a lesson against it, the editor lists it, grade.ts runs it on what is on screen.
 */
import type { ProbeRef, Question, QuestionKind } from '../config/lesson';
import type { AnswerType, ParamValues, ProbeAnswer, ProbeContext, ProbeDef } from './probeTypes';
import { RUN_PROBES } from './runProbes';
import { TRACE_PROBES } from './traceProbes';

export const PROBES: Readonly<Record<string, ProbeDef>> = { ...TRACE_PROBES, ...RUN_PROBES };
export const PROBE_NAMES = Object.keys(PROBES);

/** The answer each question kind needs from its probe. */
export const ANSWER_OF: Readonly<Record<QuestionKind, AnswerType>> = {
  choice: 'choice',
  experiment: 'choice',
  point: 'step',
  number: 'number',
  range: 'number',
};

/** The probe's parameters with its defaults filled in (the reader has checked the given ones). */
export function paramsOf(ref: ProbeRef): ParamValues {
  const def = PROBES[ref.probe];
  const out: ParamValues = {};
  if (!def) return out;
  for (const [k, spec] of Object.entries(def.params)) out[k] = ref[k] ?? spec.default;
  return out;
}

export function runProbe(ref: ProbeRef, ctx: ProbeContext): ProbeAnswer {
  const def = PROBES[ref.probe];
  if (!def) return { value: null, why: `unknown probe ${ref.probe}`, panel: 'diagram' };
  return def.compute(ctx, paramsOf(ref));
}

/** The options a choice (or experiment) question offers: its own, else the probe's. */
export function optionsFor(q: Question, ctx: ProbeContext): string[] {
  if ((q.kind === 'choice' || q.kind === 'experiment') && q.options?.length) return q.options;
  return PROBES[q.answer.probe]?.options?.(ctx) ?? [];
}
