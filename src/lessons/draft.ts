/**
 * The lesson editor's model, pure so tests can drive it: a draft is a lesson being written (the
 * same shape as the file), changed by small edits (record the page as a step, set the text and
 * the question, reorder, delete), checked by the file's own reader before it is exported, and
 * kept in localStorage so a reload never loses a teacher's work.
 */
import {
  LESSON_FORMAT,
  LESSON_LEVELS,
  LESSON_LIMITS,
  QUESTION_KINDS,
  type Lesson,
  type LessonStep,
  type LessonView,
  type Question,
  type QuestionKind,
} from '../config/lesson';
import { ANSWER_OF, PROBES, PROBE_NAMES } from './probes';
import { type LessonRead, readLesson } from './read';

export const DRAFT_KEY = 'gatescope.lesson-draft/1';

export function newDraft(): Lesson {
  return { format: LESSON_FORMAT, title: 'My lesson', level: 'beginner', steps: [] };
}

/** The probes a question of `kind` may name (an experiment needs one that reads a run). */
export function probesFor(kind: QuestionKind): string[] {
  return PROBE_NAMES.filter(
    (n) =>
      PROBES[n]!.answers === ANSWER_OF[kind] &&
      (kind !== 'experiment' || PROBES[n]!.reads !== 'trace'),
  );
}

/** A new question of `kind`, keeping the prompt already typed. */
export function questionOf(kind: QuestionKind, prompt = ''): Question {
  const answer = { probe: probesFor(kind)[0]! };
  if (kind === 'experiment') return { kind, prompt, answer, train: 200 };
  return { kind, prompt, answer } as Question;
}

/** Appends the page's view as a new step (at `at`, by default the end). */
export function recordStep(d: Lesson, view: LessonView, at = d.steps.length): Lesson {
  const step: LessonStep = { title: `Step ${d.steps.length + 1}`, text: '', view };
  return { ...d, steps: [...d.steps.slice(0, at), step, ...d.steps.slice(at)] };
}

export function updateStep(d: Lesson, i: number, patch: Partial<LessonStep>): Lesson {
  const steps = d.steps.map((s, k) => {
    if (k !== i) return s;
    const next: LessonStep = { ...s, ...patch };
    for (const key of Object.keys(patch) as (keyof LessonStep)[])
      if (patch[key] === undefined) delete next[key];
    return next;
  });
  return { ...d, steps };
}

export function moveStep(d: Lesson, i: number, by: -1 | 1): Lesson {
  const j = i + by;
  if (j < 0 || j >= d.steps.length) return d;
  const steps = [...d.steps];
  [steps[i], steps[j]] = [steps[j]!, steps[i]!];
  return { ...d, steps };
}

export function deleteStep(d: Lesson, i: number): Lesson {
  return { ...d, steps: d.steps.filter((_, k) => k !== i) };
}

/** The draft as its file would be read back, or what is wrong with it. */
export function checkDraft(d: Lesson): LessonRead {
  return readLesson(JSON.parse(JSON.stringify(d)));
}

/** The file's text (two-space JSON), or what is wrong with the draft. */
export function exportDraft(d: Lesson): { ok: true; text: string } | { ok: false; error: string } {
  const read = checkDraft(d);
  return read.ok ? { ok: true, text: `${JSON.stringify(read.lesson, null, 2)}\n` } : read;
}

/** A file name from the lesson's title: "Vanishing gradients!" → vanishing-gradients.lesson.json */
export function fileNameFor(d: Lesson): string {
  const slug = d.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  return `${slug || 'lesson'}.lesson.json`;
}

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A saved step the editor can show: an unfinished one (empty text) is fine, a broken one not. */
function isDraftStep(v: unknown): v is LessonStep {
  if (!isObj(v) || typeof v.title !== 'string' || typeof v.text !== 'string' || !isObj(v.view))
    return false;
  if (v.ask === undefined) return true;
  return (
    isObj(v.ask) &&
    QUESTION_KINDS.includes(v.ask.kind as QuestionKind) &&
    typeof v.ask.prompt === 'string' &&
    isObj(v.ask.answer) &&
    PROBE_NAMES.includes(v.ask.answer.probe as string)
  );
}

/** The saved draft, or a new one when there is none (or it is not a draft any more). */
export function loadDraft(): Lesson {
  try {
    const raw = globalThis.localStorage?.getItem(DRAFT_KEY);
    const v: unknown = raw ? JSON.parse(raw) : null;
    if (
      isObj(v) &&
      v.format === LESSON_FORMAT &&
      typeof v.title === 'string' &&
      LESSON_LEVELS.includes(v.level as Lesson['level']) &&
      Array.isArray(v.steps) &&
      v.steps.length <= LESSON_LIMITS.steps &&
      v.steps.every(isDraftStep)
    )
      return v as unknown as Lesson;
  } catch {
    // unreadable: start again
  }
  return newDraft();
}

export function saveDraft(d: Lesson): void {
  try {
    globalThis.localStorage?.setItem(DRAFT_KEY, JSON.stringify(d));
  } catch {
    // full or blocked storage: the draft lives as long as the page
  }
}
