/**
 * Grading: a student's answer against the probe's answer on the trace on screen, and the
 * feedback that says why, pointing at the view that shows it.
 */
import type { Feedback, Question } from '../config/lesson';
import { type AnswerValue, type ProbeAnswer, numberText, optionText, stepText } from './probeTypes';

export type { Feedback };

export type StudentAnswer =
  | { kind: 'choice'; pick: string }
  | { kind: 'point'; t: number }
  | { kind: 'number'; x: number }
  | { kind: 'range'; lo: number; hi: number };

/** Default tolerance of a number question: 10% of the answer. */
export const DEFAULT_REL = 0.1;

export function answerText(q: Question, v: AnswerValue | null): string {
  if (v === null) return 'none on this trace';
  if (typeof v === 'string') return optionText(v);
  return q.kind === 'point' ? stepText(v) : numberText(v);
}

export function studentText(a: StudentAnswer): string {
  switch (a.kind) {
    case 'choice':
      return optionText(a.pick);
    case 'point':
      return stepText(a.t);
    case 'number':
      return numberText(a.x);
    case 'range':
      return `${numberText(a.lo)} to ${numberText(a.hi)}`;
  }
}

function isRight(q: Question, a: StudentAnswer, v: AnswerValue): boolean {
  if (typeof v === 'string') return a.kind === 'choice' && a.pick === v;
  switch (q.kind) {
    case 'point':
      return a.kind === 'point' && Math.abs(a.t - v) <= (q.tolerance ?? 0);
    case 'number': {
      if (a.kind !== 'number') return false;
      const tol = Math.max(q.tolerance?.abs ?? 0, (q.tolerance?.rel ?? DEFAULT_REL) * Math.abs(v));
      return Math.abs(a.x - v) <= tol;
    }
    case 'range': {
      if (a.kind !== 'range') return false;
      const lo = Math.min(a.lo, a.hi);
      const hi = Math.max(a.lo, a.hi);
      return lo <= v && v <= hi && (q.maxWidth === undefined || hi - lo <= q.maxWidth);
    }
    default:
      return false;
  }
}

export function grade(q: Question, a: StudentAnswer, computed: ProbeAnswer): Feedback {
  const v = computed.value;
  let why = computed.why;
  if (v !== null && q.kind === 'range' && q.maxWidth !== undefined && a.kind === 'range') {
    if (Math.abs(a.hi - a.lo) > q.maxWidth)
      why += ` Your range is wider than ${numberText(q.maxWidth)}.`;
  }
  return {
    correct: v === null ? null : isRight(q, a, v),
    answer: answerText(q, v),
    yours: studentText(a),
    why,
    panel: computed.panel,
  };
}
