/**
 * A step's question as a form: radios for a choice, "this step" for a point (the cursor is the
 * pointer: click a view or use the arrow keys), number fields for a number or a range, and for an
 * experiment a prediction, then a run. Submitting grades against the probe's answer on what is
 * on screen now, so the answer follows the seed, the size and the what-ifs.
 */
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import type { Question } from '../config/lesson';
import { useLesson } from '../store/lesson';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { type StudentAnswer, grade } from './grade';
import { experimentProgress, liveContext, runExperiment } from './live';
import { optionsFor, runProbe } from './probes';
import { optionText } from './probeTypes';

interface Props {
  q: Question;
  step: number;
}

/** A typed number, also with a decimal comma ("0,95") or the minus sign the page prints (−). */
export function parseTyped(v: string): number {
  const s = v
    .trim()
    .replace(/^[−–]/, '-')
    .replace(/^([-+]?\d*),(\d+)$/, '$1.$2');
  return s === '' ? NaN : Number(s);
}

export function QuestionForm({ q, step }: Props) {
  const id = useId();
  const [pick, setPick] = useState('');
  const [x, setX] = useState('');
  const [hi, setHi] = useState('');
  const [error, setError] = useState<string | null>(null);
  const t = usePlayback((s) => s.t);
  useTrace((s) => s.trace); // the options (a cell's gates) follow the trace on screen
  const running = useLesson((s) => s.experimentStep === step);
  const answer = useLesson((s) => s.answer);
  const cancel = useRef<(() => void) | null>(null);
  useEffect(() => () => cancel.current?.(), []);

  const submit = (a: StudentAnswer) => {
    setError(null);
    answer(step, grade(q, a, runProbe(q.answer, liveContext())));
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    if (q.kind === 'choice' || q.kind === 'experiment') {
      if (!pick) return setError('Pick one answer first.');
      if (q.kind === 'choice') return submit({ kind: 'choice', pick });
      useLesson.getState().setExperimentStep(step);
      cancel.current = runExperiment(q.train, () => {
        cancel.current = null;
        useLesson.getState().setExperimentStep(null);
        submit({ kind: 'choice', pick });
      });
      return;
    }
    if (q.kind === 'point') return submit({ kind: 'point', t });
    const a = parseTyped(x);
    if (!Number.isFinite(a)) return setError('Type a number first.');
    if (q.kind === 'number') return submit({ kind: 'number', x: a });
    const b = parseTyped(hi);
    if (!Number.isFinite(b)) return setError('Type both ends of the range.');
    submit({ kind: 'range', lo: a, hi: b });
  };

  const options =
    q.kind === 'choice' || q.kind === 'experiment' ? optionsFor(q, liveContext()) : [];
  return (
    <form className="lesson-question" onSubmit={onSubmit} aria-describedby={`${id}-err`}>
      <fieldset disabled={running}>
        <legend>{q.prompt}</legend>
        {options.length > 0 && (
          <div className="lesson-options">
            {options.map((o) => (
              <label key={o}>
                <input
                  type="radio"
                  name={`${id}-pick`}
                  value={o}
                  checked={pick === o}
                  onChange={() => setPick(o)}
                />
                {optionText(o)}
              </label>
            ))}
          </div>
        )}
        {q.kind === 'point' && (
          <>
            <p className="lesson-hint">
              Move to the step (click it in a view, or use ← → or these buttons), then answer.
            </p>
            {/* On a phone the playback bar is under this sheet: the card moves the cursor too. */}
            <div className="lesson-stepper">
              <button
                type="button"
                aria-label="Earlier step"
                onClick={() => usePlayback.getState().stepBy(-1)}
              >
                ◀
              </button>
              <span aria-live="polite">
                Now at <strong>step {t + 1}</strong>
              </span>
              <button
                type="button"
                aria-label="Later step"
                onClick={() => usePlayback.getState().stepBy(1)}
              >
                ▶
              </button>
            </div>
          </>
        )}
        {(q.kind === 'number' || q.kind === 'range') && (
          <div className="lesson-numbers">
            <NumberField
              label={q.kind === 'range' ? 'From' : 'Your answer'}
              value={x}
              onChange={setX}
            />
            {q.kind === 'range' && <NumberField label="To" value={hi} onChange={setHi} />}
          </div>
        )}
        <button type="submit" className="primary">
          {q.kind === 'point'
            ? `Answer: step ${t + 1}`
            : q.kind === 'experiment'
              ? `Run ${q.train} updates`
              : 'Check'}
        </button>
      </fieldset>
      {running && <ExperimentProgress total={q.kind === 'experiment' ? q.train : 0} />}
      <p id={`${id}-err`} className="lesson-error" role="alert">
        {error}
      </p>
    </form>
  );
}

function ExperimentProgress({ total }: { total: number }) {
  const [done, setDone] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => setDone(experimentProgress()), 250);
    return () => clearInterval(timer);
  }, []);
  return (
    <div className="lesson-run">
      <progress max={total} value={Math.min(done, total)} aria-label="Training" />
      <span>
        Training: {Math.min(done, total)} of {total} updates
      </span>
    </div>
  );
}

/** A typed number: text, not type=number, so "1e-3" and a comma decimal reach the parser intact. */
function NumberField(props: { label: string; value: string; onChange: (v: string) => void }) {
  return (
    <label>
      {props.label}
      <input
        type="text"
        inputMode="decimal"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
