/**
 * Puts the page into a tour step's state through the stores' own setters, as a user's clicks
 * would. The cursor is the one thing that must wait: seeking clamps to the current trace's
 * length, so a step's t is applied only once the trace for its config has arrived.
 */
import { useCompare } from '../store/compare';
import { useConfig } from '../store/config';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { useUi } from '../store/ui';
import { TOUR_BASE, type TourStep } from './steps';

let cancelPending: (() => void) | null = null;

export function applyTourStep(step: TourStep): void {
  cancelPending?.();
  cancelPending = null;
  const s = step.state;
  usePlayback.getState().pause();
  useCompare.getState().setOpen(s.compare?.open ?? false);
  useConfig.getState().set({ ...TOUR_BASE, ...s.config });
  if (s.ui) {
    const ui = useUi.getState();
    ui.selectUnit(s.ui.selection.unit);
    ui.selectGate(s.ui.selection.gate);
    ui.selectFrom(s.ui.selection.from ?? null);
  }
  // Only a step that walks through the ops is inside one; every other step is outside.
  useUi.getState().setMicroOp(s.ui?.microOp ?? null);
  const target = s.playback?.t;
  if (target !== undefined) {
    cancelPending = whenTraceSettles(() => {
      const p = usePlayback.getState();
      if (target === 'end') p.toEnd();
      else p.seek(target);
    });
  }
  focusRegion(step.focus);
}

/** Stops waiting for a step's trace (the tour moved on or closed). */
export function cancelTourStep(): void {
  cancelPending?.();
  cancelPending = null;
  clearRegionFocus();
}

/** Drops the outline (and any wait for its region to mount). */
export function clearRegionFocus(): void {
  clearTimeout(focusTimer);
  markFocus(null);
}

/**
 * Runs `fn` once no trace is being computed. Setting the config starts a recompute at once
 * (the session's first synchronous act is status 'computing'), so "ready now" means the
 * config did not change the trace. The session sets the playback length right after it
 * publishes a trace, in the same task, hence the microtask.
 */
function whenTraceSettles(fn: () => void): () => void {
  if (useTrace.getState().status === 'ready') {
    fn();
    return () => {};
  }
  const stop = useTrace.subscribe((s) => {
    if (s.status !== 'ready' && s.status !== 'error') return;
    stop();
    queueMicrotask(fn);
  });
  return stop;
}

let focusTimer: ReturnType<typeof setTimeout> | undefined;

/** Scrolls the step's region into view and outlines it (it may mount a moment later). */
export function focusRegion(testId: string, tries = 20): void {
  clearTimeout(focusTimer);
  const el = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
  if (!el) {
    markFocus(null);
    if (tries > 0) focusTimer = setTimeout(() => focusRegion(testId, tries - 1), 100);
    return;
  }
  markFocus(el);
  const still = window.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
  el.scrollIntoView({ block: 'start', behavior: still ? 'auto' : 'smooth' });
}

function markFocus(el: HTMLElement | null): void {
  for (const old of document.querySelectorAll('[data-tour-focus]'))
    old.removeAttribute('data-tour-focus');
  el?.setAttribute('data-tour-focus', '');
}
