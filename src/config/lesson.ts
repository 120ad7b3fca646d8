/**
 * A lesson as plain data (the file format gatescope.lesson/1, docs/lesson-format.md): a title, a
 * level and steps. Each step puts the page into a view (written with the link's own keys, so a
 * step can hold anything a link can), shows short text and may ask a question whose answer is
 * never stored: it names a probe (lessons/probes.ts) that computes it from the live trace or
 * training run. Low in the layers because the lesson store holds it; lessons/read.ts checks it.
 */

export const LESSON_FORMAT = 'gatescope.lesson/1';

export const LESSON_LEVELS = ['beginner', 'intermediate', 'advanced'] as const;
export type LessonLevel = (typeof LESSON_LEVELS)[number];

/** Sizes a lesson may have: a real one is far smaller; these keep a hostile file cheap. */
export const LESSON_LIMITS = {
  steps: 40,
  title: 120,
  text: 1500,
  prompt: 400,
  options: 8,
  option: 60,
  train: 5000,
} as const;

/** A probe and its parameters: `{ "probe": "gradDropStep", "below": 0.001 }`. */
export interface ProbeRef {
  probe: string;
  [param: string]: string | number | boolean;
}

export const QUESTION_KINDS = ['choice', 'point', 'number', 'range', 'experiment'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

interface QuestionBase {
  prompt: string;
  answer: ProbeRef;
}

/** Pick one option; the options default to the probe's own (the cell's gates, the cells, yes/no). */
export interface ChoiceQuestion extends QuestionBase {
  kind: 'choice';
  options?: string[];
}

/** Point at a step on a view (click it, or move there with the arrow keys) and say "this step". */
export interface PointQuestion extends QuestionBase {
  kind: 'point';
  /** how many steps away still counts as right (default 0) */
  tolerance?: number;
}

/** Type a number; right within max(abs, rel·|answer|) of the computed value. */
export interface NumberQuestion extends QuestionBase {
  kind: 'number';
  tolerance?: { abs?: number; rel?: number };
}

/** Give a range that holds the computed value, no wider than maxWidth when one is set. */
export interface RangeQuestion extends QuestionBase {
  kind: 'range';
  maxWidth?: number;
}

/** Predict, then run: train for `train` updates (the compare view when it is open), then grade. */
export interface ExperimentQuestion extends QuestionBase {
  kind: 'experiment';
  train: number;
  options?: string[];
}

export type Question =
  ChoiceQuestion | PointQuestion | NumberQuestion | RangeQuestion | ExperimentQuestion;

/** A view written as link keys and values: `{ "cell": "lstm", "fb": 3, "t": 25 }`. */
export type LessonView = Record<string, string | number | boolean>;

export interface LessonStep {
  title: string;
  text: string;
  view: LessonView;
  /** the panel the step talks about: scrolled to and outlined */
  focus?: string;
  /** panels hidden until the question is answered (they would give the answer away) */
  reveal?: string[];
  ask?: Question;
}

export interface Lesson {
  format: typeof LESSON_FORMAT;
  title: string;
  level: LessonLevel;
  /** one sentence for the lesson list */
  summary?: string;
  steps: LessonStep[];
}

/** What grading says about one answer (lessons/grade.ts makes it; the lesson store keeps it). */
export interface Feedback {
  /** null: this trace has no answer to the question, so it is not scored */
  correct: boolean | null;
  /** the right answer as the page says it ("forget", "step 12", "7") */
  answer: string;
  /** the student's answer, said the same way */
  yours: string;
  why: string;
  /** the panel (or 'compare') that shows it */
  panel: string;
}
