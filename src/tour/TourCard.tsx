/**
 * The tour's card: docked at the bottom right, non-modal (the page stays usable, so students can
 * play with what a step shows), with the step's title and text, "Step n of N", Back, Next and
 * Skip. The step index lives in ui.tourStep, so a link can open the tour at any step; whatever
 * sets it, the effect below puts the page into that step's state.
 */
import { useEffect, useRef } from 'react';
import { useUi } from '../store/ui';
import { applyTourStep, cancelTourStep } from './applyStep';
import { TOUR_STEPS } from './steps';
import './tour.css';
import { CloseButton } from '../ui/CloseButton';

export function TourCard() {
  const step = useUi((s) => s.tourStep);
  const setStep = useUi((s) => s.setTourStep);
  const heading = useRef<HTMLHeadingElement>(null);
  const valid = step !== null && step >= 0 && step < TOUR_STEPS.length;

  useEffect(() => {
    if (step === null) return;
    if (!valid) {
      setStep(null); // an out-of-range step (e.g. from an edited link) closes the tour
      return;
    }
    applyTourStep(TOUR_STEPS[step]!);
  }, [step, valid, setStep]);

  // When the tour opens, focus its title so a screen reader reads the step; later steps keep
  // focus on Next/Back so the keyboard can go on pressing them.
  const open = step !== null;
  useEffect(() => {
    if (open) heading.current?.focus({ preventScroll: true });
  }, [open]);

  // Closing the tour (by Skip, the last Next, or a link without a step) drops any pending seek.
  useEffect(() => {
    if (step === null) cancelTourStep();
  }, [step]);

  if (!valid) return null;
  const s = TOUR_STEPS[step]!;
  const last = step === TOUR_STEPS.length - 1;
  return (
    <aside
      className="tour-card"
      role="dialog"
      aria-modal="false"
      aria-labelledby="tour-title"
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        e.stopPropagation();
        setStep(null);
      }}
    >
      <div className="tour-top">
        <p className="tour-progress">
          Step {step + 1} of {TOUR_STEPS.length}
        </p>
        <CloseButton className="tour-close" label="Close the tour" onClick={() => setStep(null)} />
      </div>
      <h2 id="tour-title" ref={heading} tabIndex={-1}>
        {s.title}
      </h2>
      <p className="tour-text">{s.text}</p>
      <div className="tour-dots" aria-hidden="true">
        {TOUR_STEPS.map((x, k) => (
          <span key={x.id} className={k === step ? 'on' : k < step ? 'done' : ''} />
        ))}
      </div>
      <div className="tour-actions">
        <button type="button" className="tour-skip" onClick={() => setStep(null)}>
          Skip tour
        </button>
        <button type="button" disabled={step === 0} onClick={() => setStep(step - 1)}>
          Back
        </button>
        <button type="button" className="primary" onClick={() => setStep(last ? null : step + 1)}>
          {last ? 'Finish' : 'Next'}
        </button>
      </div>
    </aside>
  );
}

/** Starts the tour from its first step. */
export function TourButton() {
  const running = useUi((s) => s.tourStep !== null);
  const setStep = useUi((s) => s.setTourStep);
  return (
    <button
      type="button"
      className="tour-start"
      aria-pressed={running}
      title="A six-step guided tour: recurrence, vanishing gradients, the forget and update gates"
      onClick={() => setStep(running ? null : 0)}
    >
      Tour
    </button>
  );
}
