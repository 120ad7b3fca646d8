/**
 * Progress kept in this browser (localStorage, `gatescope.lessons/1`): for each lesson, the
 * answers given and whether it was finished, so a student can close the page and come back.
 * Read defensively (another tab, an older page, a full or blocked storage): a bad entry is
 * dropped, never an error. Nothing leaves the browser.
 */
import type { Feedback, Lesson } from '../config/lesson';
import type { StepResult } from '../store/lesson';

export const PROGRESS_KEY = 'gatescope.lessons/1';

export interface LessonProgress {
  results: Record<number, StepResult>;
  finished: boolean;
}

type Saved = Record<string, LessonProgress>;

/** A lesson's key: its built-in id, or a hash of its JSON (a file or a link lesson). */
export function progressKey(ref: string, lesson: Lesson): string {
  if (!ref.startsWith('~') && !ref.startsWith('file:')) return ref;
  let h = 0x811c9dc5;
  for (const ch of JSON.stringify(lesson)) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193);
  return `lesson-${(h >>> 0).toString(16).padStart(8, '0')}`;
}

const isText = (v: unknown) => typeof v === 'string' && v.length <= 2000;

function isFeedback(v: unknown): v is Feedback {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    (f.correct === null || typeof f.correct === 'boolean') &&
    isText(f.answer) &&
    isText(f.yours) &&
    isText(f.why) &&
    isText(f.panel)
  );
}

function readEntry(v: unknown, steps: number): LessonProgress | null {
  if (typeof v !== 'object' || v === null) return null;
  const e = v as Record<string, unknown>;
  const results: Record<number, StepResult> = {};
  if (typeof e.results === 'object' && e.results !== null) {
    for (const [k, r] of Object.entries(e.results)) {
      const i = Number(k);
      const res = r as Record<string, unknown> | null;
      if (!Number.isInteger(i) || i < 0 || i >= steps || !res || !isFeedback(res.feedback))
        continue;
      results[i] = { feedback: res.feedback, revealed: res.revealed === true };
    }
  }
  return { results, finished: e.finished === true };
}

function readAll(): Saved {
  try {
    const raw = globalThis.localStorage?.getItem(PROGRESS_KEY);
    const v: unknown = raw ? JSON.parse(raw) : {};
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Saved) : {};
  } catch {
    return {};
  }
}

function writeAll(all: Saved): void {
  try {
    globalThis.localStorage?.setItem(PROGRESS_KEY, JSON.stringify(all));
  } catch {
    // Full or blocked storage: progress lives only as long as the page.
  }
}

export function loadProgress(key: string, steps: number): LessonProgress | null {
  return readEntry(readAll()[key], steps);
}

export function saveProgress(key: string, p: LessonProgress): void {
  writeAll({ ...readAll(), [key]: p });
}

/** Forgets one lesson's progress, or every lesson's. */
export function resetProgress(key?: string): void {
  if (key === undefined) {
    try {
      globalThis.localStorage?.removeItem(PROGRESS_KEY);
    } catch {
      // nothing to forget
    }
    return;
  }
  const all = readAll();
  delete all[key];
  writeAll(all);
}

/** Right answers of `p` and the questions answered, for the list and the score screen. */
export function scoreOf(results: Record<number, StepResult>): { right: number; scored: number } {
  let right = 0;
  let scored = 0;
  for (const r of Object.values(results)) {
    if (!r.revealed || r.feedback.correct === null) continue;
    scored++;
    if (r.feedback.correct) right++;
  }
  return { right, scored };
}
