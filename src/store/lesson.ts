/**
 * The open lesson: where it came from (the link's `lesson`: a built-in id or an embedded lesson),
 * the step (`lstep`), the lesson itself once read, and what the student has answered. The
 * lessons layer reads the ref, puts the page into each step's view and grades; the link holds
 * only ref and step, so a reload or a shared link opens the same lesson at the same step.
 */
import { create } from 'zustand';
import type { Feedback, Lesson } from '../config/lesson';

export interface StepResult {
  feedback: Feedback;
  /** teacher mode holds the feedback back until the teacher reveals it */
  revealed: boolean;
}

/** Which of the lessons' own windows is open: the list, the editor, or none. */
export type LessonWindow = 'none' | 'list' | 'editor';

interface LessonState {
  ref: string | null;
  /** the step shown, 0-based (the link writes it 1-based) */
  step: number;
  /** the lesson `ref` names, once read; null while it is read and when none is open */
  lesson: Lesson | null;
  /** answers by step index; a step without one has not been answered yet */
  results: Record<number, StepResult>;
  /** the score screen after the last step */
  finished: boolean;
  /** answers are held back until revealed (a class answers first, then sees) */
  teacherMode: boolean;
  window: LessonWindow;
  /** the step whose experiment is training now, or null */
  experimentStep: number | null;
  /** opens `ref` (read by the lessons layer) at `step` */
  openRef(ref: string, step?: number): void;
  /** a lesson that has been read, for `ref` */
  loaded(ref: string, lesson: Lesson, results?: Record<number, StepResult>): void;
  close(): void;
  goTo(step: number): void;
  finish(): void;
  answer(step: number, feedback: Feedback): void;
  reveal(step: number): void;
  setTeacherMode(on: boolean): void;
  setWindow(w: LessonWindow): void;
  setExperimentStep(step: number | null): void;
}

const CLOSED = {
  ref: null,
  step: 0,
  lesson: null,
  results: {},
  finished: false,
  experimentStep: null,
} as const;

export const useLesson = create<LessonState>()((set) => ({
  ...CLOSED,
  teacherMode: false,
  window: 'none',
  openRef: (ref, step = 0) =>
    set((s) =>
      s.ref === ref
        ? { step, finished: false, window: 'none' }
        : { ...CLOSED, ref, step, window: 'none' },
    ),
  loaded: (ref, lesson, results = {}) =>
    set((s) =>
      s.ref !== ref
        ? s
        : { lesson, results, step: Math.min(s.step, lesson.steps.length - 1), finished: false },
    ),
  close: () => set({ ...CLOSED }),
  goTo: (step) => set({ step, finished: false, experimentStep: null }),
  finish: () => set({ finished: true, experimentStep: null }),
  answer: (step, feedback) =>
    set((s) => ({
      results: { ...s.results, [step]: { feedback, revealed: !s.teacherMode } },
    })),
  reveal: (step) =>
    set((s) => {
      const r = s.results[step];
      return r ? { results: { ...s.results, [step]: { ...r, revealed: true } } } : s;
    }),
  setTeacherMode: (teacherMode) => set({ teacherMode }),
  setWindow: (window) => set({ window }),
  setExperimentStep: (experimentStep) => set({ experimentStep }),
}));

/**
 * The panels hidden now: the step's `reveal` list until its question has an answer on screen
 * (in teacher mode, until the teacher reveals it).
 */
export function hiddenPanels(s: Pick<LessonState, 'lesson' | 'step' | 'results' | 'finished'>) {
  if (!s.lesson || s.finished) return NO_PANELS;
  const step = s.lesson.steps[s.step];
  if (!step?.reveal?.length || s.results[s.step]?.revealed) return NO_PANELS;
  return step.reveal;
}
const NO_PANELS: readonly string[] = [];
