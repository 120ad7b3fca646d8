import { useEffect, useState } from 'react';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { useUi } from '../store/ui';
import { stepSummary } from './stepSummary';

/** Quiet time before a summary is read: stepping or playing fast reads only where it stops. */
const SETTLE_MS = 700;

/**
 * A visually hidden live region that tells screen-reader users what the current step shows (the
 * gates and states of the selected unit). Polite and debounced, so playing never floods them.
 */
export function StepAnnouncer() {
  const trace = useTrace((s) => s.trace);
  // While playing the announcer is silent, so it subscribes to -1 instead of every step.
  const t = usePlayback((s) => (s.playing ? -1 : s.t));
  const playing = t < 0;
  const unit = useUi((s) => s.selection.unit);
  const text = trace && !playing ? stepSummary(trace, t, unit) : '';
  const [spoken, setSpoken] = useState('');
  useEffect(() => {
    if (!text) return;
    const id = window.setTimeout(() => setSpoken(text), SETTLE_MS);
    return () => window.clearTimeout(id);
  }, [text]);
  return (
    <div className="sr-only" role="status" aria-live="polite" data-testid="step-announcer">
      {spoken}
    </div>
  );
}
