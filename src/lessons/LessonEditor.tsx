/**
 * The lesson editor, docked beside the views (non-modal: the teacher sets the page up, then
 * records it as a step): the lesson's title and level, its steps, and export as a file or a link.
 * The draft is saved in this browser on every change, so a reload loses nothing; it is checked
 * by the same reader a student's page uses, and the first problem is shown as it is typed.
 */
import { useEffect, useState } from 'react';
import { LESSON_LEVELS, type Lesson, type LessonLevel } from '../config/lesson';
import { useLesson } from '../store/lesson';
import { snapshot } from '../store/url/stores';
import {
  checkDraft,
  deleteStep,
  exportDraft,
  fileNameFor,
  loadDraft,
  moveStep,
  newDraft,
  recordStep,
  saveDraft,
  updateStep,
} from './draft';
import { LessonFileButton } from './LessonFileButton';
import { openLesson } from './LessonList';
import { packLesson } from './link';
import { StepEditor } from './StepEditor';
import { stateToView } from './viewState';
import { CloseButton } from '../ui/CloseButton';

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function LessonEditor() {
  const [draft, setDraft] = useState<Lesson>(loadDraft);
  const [open, setOpen] = useState(draft.steps.length - 1);
  const [note, setNote] = useState<string | null>(null);
  const [link, setLink] = useState<string | null>(null);
  useEffect(() => saveDraft(draft), [draft]);
  const close = () => useLesson.getState().setWindow('none');
  const change = (d: Lesson) => {
    setDraft(d);
    setLink(null);
  };
  const record = (at?: number) => {
    const view = stateToView(snapshot());
    if (at === undefined) {
      change(recordStep(draft, view));
      setOpen(draft.steps.length);
    } else change(updateStep(draft, at, { view }));
  };
  const check = checkDraft(draft);
  const problem = draft.steps.length === 0 ? 'record a first step' : check.ok ? null : check.error;

  const exportFile = () => {
    const out = exportDraft(draft);
    if (!out.ok) return setNote(`Not exported: ${out.error}`);
    download(fileNameFor(draft), out.text);
    setNote(`Saved as ${fileNameFor(draft)}.`);
  };
  const copyLink = async () => {
    if (!check.ok) return setNote(`No link yet: ${check.error}`);
    const packed = await packLesson(check.lesson);
    if (!packed) return setNote('This lesson is too big for a link: share the file instead.');
    const url = `${location.origin}${location.pathname}#lesson=${packed}`;
    setLink(url);
    try {
      await navigator.clipboard.writeText(url);
      setNote('Link copied.');
    } catch {
      setNote('Copy the link below (the browser did not allow copying).');
    }
  };

  return (
    <aside
      className="lesson-editor"
      role="dialog"
      aria-modal="false"
      aria-labelledby="editor-title"
    >
      <div className="lesson-top">
        <h2 id="editor-title">Lesson editor</h2>
        <CloseButton className="lesson-close" label="Close the editor" onClick={close} />
      </div>
      <div className="editor-scroll">
        <label>
          Lesson title
          <input
            type="text"
            value={draft.title}
            onChange={(e) => change({ ...draft, title: e.target.value })}
          />
        </label>
        <label>
          Level
          <select
            value={draft.level}
            onChange={(e) => change({ ...draft, level: e.target.value as LessonLevel })}
          >
            {LESSON_LEVELS.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          One-line summary
          <input
            type="text"
            value={draft.summary ?? ''}
            onChange={(e) => {
              const { summary: _, ...rest } = draft;
              change(e.target.value ? { ...rest, summary: e.target.value } : rest);
            }}
          />
        </label>
        <ol className="editor-steps">
          {draft.steps.map((s, i) => (
            <li key={i}>
              <button
                type="button"
                className="editor-step-head"
                aria-expanded={open === i}
                onClick={() => setOpen(open === i ? -1 : i)}
              >
                {i + 1}. {s.title || 'untitled'}
                {s.ask ? ` · ${s.ask.kind}` : ''}
              </button>
              {open === i && (
                <StepEditor
                  step={s}
                  index={i}
                  count={draft.steps.length}
                  onChange={(patch) => change(updateStep(draft, i, patch))}
                  onRecord={() => record(i)}
                  onMove={(by) => {
                    change(moveStep(draft, i, by));
                    setOpen(i + by);
                  }}
                  onDelete={() => {
                    change(deleteStep(draft, i));
                    setOpen(-1);
                  }}
                />
              )}
            </li>
          ))}
        </ol>
        <button type="button" className="primary" onClick={() => record()}>
          Record this view as a step
        </button>
      </div>
      <p className={problem ? 'lesson-error' : 'muted'} role="status" data-testid="editor-check">
        {problem ? `To fix: ${problem}` : 'Ready: every step reads as a lesson.'}
      </p>
      {note && <p role="status">{note}</p>}
      {link && (
        <input
          className="editor-link"
          readOnly
          value={link}
          aria-label="Lesson link"
          onFocus={(e) => e.target.select()}
        />
      )}
      <div className="lesson-actions wrap">
        <button
          type="button"
          disabled={!check.ok}
          onClick={() => check.ok && void openLesson(check.lesson, fileNameFor(draft))}
        >
          Try it
        </button>
        <button type="button" onClick={exportFile}>
          Export file
        </button>
        <button type="button" onClick={() => void copyLink()}>
          Copy link
        </button>
        <LessonFileButton
          label="Import file…"
          testId="editor-file-input"
          onLesson={(l, name) => {
            if (draft.steps.length && !window.confirm(`Replace this draft with ${name}?`)) return;
            change(l);
            setOpen(-1);
            setNote(`Imported ${name}.`);
          }}
        />
        <button
          type="button"
          onClick={() => {
            if (
              draft.steps.length &&
              !window.confirm('Start a new lesson? This draft is replaced.')
            )
              return;
            change(newDraft());
          }}
        >
          New
        </button>
      </div>
    </aside>
  );
}
