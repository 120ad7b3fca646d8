/**
 * The end of a lesson: the score (first answers only, so a lesson is a fair quiz), each question
 * with its answer, and the ways on: again from the start (progress forgotten), the list, close.
 */
import type { RefObject } from 'react';
import type { Lesson } from '../config/lesson';
import { type StepResult, useLesson } from '../store/lesson';
import { progressKey, resetProgress, scoreOf } from './progress';

interface Props {
  lesson: Lesson;
  results: Record<number, StepResult>;
  headingRef: RefObject<HTMLHeadingElement | null>;
}

export function ScoreCard({ lesson, results, headingRef }: Props) {
  const { right, scored } = scoreOf(results);
  const asked = lesson.steps.filter((s) => s.ask).length;
  const unanswered = lesson.steps.filter((s, i) => s.ask && !results[i]).length;
  const store = useLesson.getState();
  const again = () => {
    const ref = store.ref;
    if (ref) resetProgress(progressKey(ref, lesson));
    useLesson.setState({ results: {} });
    store.goTo(0);
  };
  return (
    <aside className="lesson-card" role="dialog" aria-modal="false" aria-labelledby="lesson-title">
      <p className="lesson-progress">{lesson.title} · done</p>
      <h2 id="lesson-title" ref={headingRef} tabIndex={-1}>
        {scored === 0 ? 'Lesson finished' : `You got ${right} of ${scored} right`}
      </h2>
      <div className="lesson-scroll">
        {unanswered > 0 && (
          <p className="lesson-text">
            {unanswered} of {asked} questions were not answered; Back takes you to them.
          </p>
        )}
        <ol className="lesson-score-list">
          {lesson.steps.map((s, i) => {
            if (!s.ask) return null;
            const r = results[i];
            const mark = !r
              ? 'not answered'
              : !r.revealed
                ? 'answer hidden'
                : r.feedback.correct === null
                  ? 'not scored'
                  : r.feedback.correct
                    ? 'right'
                    : `wrong (answer: ${r.feedback.answer})`;
            return (
              <li key={i}>
                <button type="button" className="linkish" onClick={() => store.goTo(i)}>
                  {s.title}
                </button>
                : {mark}
              </li>
            );
          })}
        </ol>
      </div>
      <div className="lesson-actions">
        <button type="button" onClick={again}>
          Start again
        </button>
        <button type="button" onClick={() => store.setWindow('list')}>
          All lessons
        </button>
        <button type="button" className="primary" onClick={store.close}>
          Close
        </button>
      </div>
    </aside>
  );
}
