/**
 * The lesson's card, docked beside the views like the tour's (non-modal: the page stays usable,
 * a point question is answered on the views themselves): the step's title and text, its question,
 * the feedback once answered, Back and Next, and after the last step the score.
 */
import { useEffect, useRef } from 'react';
import type { Feedback } from '../config/lesson';
import { type StepResult, useLesson } from '../store/lesson';
import { focusRegion } from '../tour/applyStep';
import { regionTestId } from './live';
import { scoreOf } from './progress';
import { QuestionForm } from './QuestionForm';
import { ScoreCard } from './ScoreCard';
import { CloseButton } from '../ui/CloseButton';

export function LessonCard() {
  const { ref, lesson, step, finished, results, teacherMode } = useLesson();
  const { goTo, finish, close, setTeacherMode, setWindow } = useLesson.getState();
  const heading = useRef<HTMLHeadingElement>(null);
  // A screen reader reads each new step from its title; keyboard users continue from there.
  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, [lesson, step, finished]);

  if (ref === null) return null;
  if (!lesson)
    return (
      <aside className="lesson-card" aria-busy="true" aria-label="Lesson">
        <p>Opening the lesson…</p>
      </aside>
    );
  if (finished) return <ScoreCard lesson={lesson} results={results} headingRef={heading} />;
  const s = lesson.steps[step]!;
  const result = results[step];
  const last = step === lesson.steps.length - 1;
  const { right, scored } = scoreOf(results);
  return (
    <aside className="lesson-card" role="dialog" aria-modal="false" aria-labelledby="lesson-title">
      <div className="lesson-top">
        <p className="lesson-progress">
          {lesson.title} · step {step + 1} of {lesson.steps.length}
          {scored > 0 && ` · ${right} of ${scored} right`}
        </p>
        <CloseButton
          className="lesson-close"
          label="Close the lesson"
          title="Close (your progress is kept)"
          onClick={close}
        />
      </div>
      <h2 id="lesson-title" ref={heading} tabIndex={-1}>
        {s.title}
      </h2>
      <div className="lesson-scroll">
        <p className="lesson-text">{s.text}</p>
        {s.ask &&
          (result ? (
            <Answered result={result} step={step} prompt={s.ask.prompt} />
          ) : (
            <QuestionForm key={`${ref}:${step}`} q={s.ask} step={step} />
          ))}
      </div>
      <div className="lesson-actions">
        <label className="lesson-teacher" title="Answers stay hidden until you reveal them">
          <input
            type="checkbox"
            checked={teacherMode}
            onChange={(e) => setTeacherMode(e.target.checked)}
          />
          Teacher mode
        </label>
        <button type="button" onClick={() => setWindow('list')}>
          All lessons
        </button>
        <button type="button" disabled={step === 0} onClick={() => goTo(step - 1)}>
          Back
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => (last ? finish() : goTo(step + 1))}
        >
          {last ? 'Finish' : 'Next'}
        </button>
      </div>
    </aside>
  );
}

function Answered({ result, step, prompt }: { result: StepResult; step: number; prompt: string }) {
  const f = result.feedback;
  if (!result.revealed)
    return (
      <div className="lesson-feedback held" role="status">
        <p className="lesson-asked">{prompt}</p>
        <p>
          Answer recorded: <strong>{f.yours}</strong>. The right answer stays hidden until you
          reveal it.
        </p>
        <button type="button" onClick={() => useLesson.getState().reveal(step)}>
          Reveal the answer
        </button>
      </div>
    );
  return <FeedbackView f={f} prompt={prompt} />;
}

export function FeedbackView({ f, prompt }: { f: Feedback; prompt: string }) {
  const verdict = f.correct === null ? 'Not scored.' : f.correct ? 'Right!' : 'Not quite.';
  const kind = f.correct === null ? 'none' : f.correct ? 'right' : 'wrong';
  return (
    <div className={`lesson-feedback ${kind}`} role="status" data-testid="lesson-feedback">
      <p className="lesson-asked">{prompt}</p>
      <p className="lesson-verdict">
        <span aria-hidden="true">{f.correct === null ? '–' : f.correct ? '✓' : '✗'}</span>{' '}
        <strong>{verdict}</strong> You said {f.yours}; on this trace the answer is {f.answer}.
      </p>
      <p>{f.why}</p>
      <button type="button" onClick={() => focusRegion(regionTestId(f.panel))}>
        Show me
      </button>
    </div>
  );
}
