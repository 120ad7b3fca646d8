/**
 * The lessons list (a modal <dialog>: Esc closes it, the page behind is inert, focus returns to
 * the header's Lessons button): the built-in lessons with their level and this browser's
 * progress, a lesson file to open, the editor, and a reset of all progress.
 */
import { useEffect, useRef, useState } from 'react';
import type { Lesson } from '../config/lesson';
import { useLesson } from '../store/lesson';
import { BUILTIN_LESSONS } from './builtin';
import { LessonFileButton } from './LessonFileButton';
import { packLesson } from './link';
import { loadProgress, progressKey, resetProgress, scoreOf } from './progress';
import { CloseButton } from '../ui/CloseButton';

/** Opens a lesson read from a file: in the link when it fits, else named by its file. */
export async function openLesson(lesson: Lesson, name: string): Promise<void> {
  const packed = await packLesson(lesson);
  const ref = packed ?? `file:${name}`;
  const store = useLesson.getState();
  store.openRef(ref, 0);
  const saved = loadProgress(progressKey(ref, lesson), lesson.steps.length);
  store.loaded(ref, lesson, saved?.results);
}

function progressText(id: string, lesson: Lesson): string {
  const p = loadProgress(progressKey(id, lesson), lesson.steps.length);
  if (!p || (!p.finished && Object.keys(p.results).length === 0)) return 'not started';
  const { right, scored } = scoreOf(p.results);
  const score = scored ? `${right} of ${scored} right` : 'no answers yet';
  return p.finished ? `finished · ${score}` : `in progress · ${score}`;
}

export function LessonList() {
  const dialog = useRef<HTMLDialogElement>(null);
  // Two presses forget: one stray click must not wipe a class's progress.
  const [confirming, setConfirming] = useState(false);
  const setWindow = useLesson((s) => s.setWindow);

  useEffect(() => {
    const d = dialog.current;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (d && !d.open) d.showModal();
    d?.querySelector<HTMLElement>('h2')?.focus();
    return () => returnTo?.focus({ preventScroll: true });
  }, []);

  return (
    <dialog
      ref={dialog}
      className="lesson-list"
      aria-labelledby="lesson-list-title"
      onClose={() => setWindow('none')}
      onCancel={() => setWindow('none')}
    >
      <div className="lesson-list-head">
        <h2 id="lesson-list-title" tabIndex={-1}>
          Lessons
        </h2>
        <CloseButton label="Close the lessons list" onClick={() => setWindow('none')} />
      </div>
      <p className="muted">
        Each lesson asks before it shows: you guess, then the live network answers.
      </p>
      <ul className="lesson-items">
        {BUILTIN_LESSONS.map(({ id, lesson }) => (
          <li key={id}>
            <div>
              <strong>{lesson.title}</strong>{' '}
              <span className={`lesson-level ${lesson.level}`}>{lesson.level}</span>
              {lesson.summary && <p>{lesson.summary}</p>}
              <small className="muted">
                {lesson.steps.length} steps · {progressText(id, lesson)}
              </small>
            </div>
            <button
              type="button"
              className="primary"
              aria-label={`Open the lesson ${lesson.title}`}
              onClick={() => useLesson.getState().openRef(id, 0)}
            >
              Open
            </button>
          </li>
        ))}
      </ul>
      <div className="lesson-list-tools">
        <LessonFileButton
          label="Open a lesson file…"
          testId="lesson-file-input"
          onLesson={openLesson}
        />
        <button type="button" onClick={() => setWindow('editor')}>
          Write a lesson…
        </button>
        <button
          type="button"
          aria-live="polite"
          onClick={() => {
            if (!confirming) return setConfirming(true);
            resetProgress();
            useLesson.setState({ results: {} });
            setConfirming(false);
          }}
        >
          {confirming ? 'Really forget all progress?' : 'Forget all progress'}
        </button>
      </div>
    </dialog>
  );
}
