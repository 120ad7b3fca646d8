/**
 * UrlState ⇄ the live stores. `snapshot` reads them for the link; `applyState` opens a link.
 * The cursor is special: a link's t means a step of a trace that does not exist yet, so it waits
 * here (pending) until the first trace of the link's config arrives, and only then moves the
 * cursor (usePlayback clamps t to the current length, which would lose it before).
 */
import { type Config, DEFAULT_CONFIG, sanitize } from '../../config/config';
import { useConfig } from '../../store/config';
import { useCompare } from '../compare';
import { usePlayback } from '../playback';
import { useTrace } from '../trace';
import { useTraining } from '../training';
import { useUi } from '../ui';
import { useLesson } from '../lesson';
import { useLinkNotice } from './notice';
import type { BackendName } from '../../engine/backend/backends';
import type { UrlState } from './state';

let pendingT: number | null = null;
/**
 * The backend the link asked for: applied once at start-up (app/params.ts), kept in the link;
 * the backend menu replaces it (setLinkBackend), so a reload keeps the user's choice.
 */
let linkBackend: BackendName | null = null;

export function setLinkBackend(b: BackendName | null): void {
  linkBackend = b;
}

/** The config fields of the config store (without its actions). */
export function pickConfig(c: Config): Config {
  const out = {} as Record<string, unknown>;
  for (const k of Object.keys(DEFAULT_CONFIG)) out[k] = c[k as keyof Config];
  return out as unknown as Config;
}

export function snapshot(): UrlState {
  const ui = useUi.getState();
  const lesson = useLesson.getState();
  return {
    config: pickConfig(useConfig.getState()),
    t: pendingT ?? usePlayback.getState().t,
    selection: ui.selection,
    compareOpen: useCompare.getState().open,
    microOp: ui.microOp,
    tourStep: ui.tourStep,
    // A lesson opened from a file too big for a link is not in the link (it names a file).
    lesson: lesson.ref?.startsWith('file:') ? null : lesson.ref,
    lessonStep: lesson.step,
    teacher: ui.teacher,
    embed: ui.embed,
    presenting: ui.presenting,
    focusPanel: ui.focusPanel,
    backend: linkBackend,
    weightsId: weightsNotRebuilt(),
  };
}

/**
 * The fingerprint of the single view's weights when the config cannot rebuild them (imported,
 * or trained here), so the link can say they are missing; null otherwise.
 */
function weightsNotRebuilt(): string | null {
  if (useCompare.getState().open) return null;
  const { fingerprint, source } = useTrace.getState();
  if (source !== 'live' || !fingerprint) return null;
  const own = useConfig.getState().weights !== 'imported' && useTraining.getState().steps === 0;
  return own ? null : fingerprint;
}

/** Opens a parsed link: everything it does not name goes back to its default. */
export function applyState(s: UrlState): void {
  const before = JSON.stringify(pickConfig(useConfig.getState()));
  // From the defaults, not the current config: sanitize merges task params into existing ones.
  const config = sanitize(DEFAULT_CONFIG, s.config);
  useConfig.setState(config);
  useUi.setState({
    selection: { ...s.selection },
    microOp: s.microOp,
    tourStep: s.tourStep,
    teacher: s.teacher,
    embed: s.embed,
    presenting: s.presenting,
    focusPanel: s.focusPanel,
  });
  // An embedded panel lives in the single-cell view; an embedded compare view needs it open.
  const open = s.embed === 'compare' ? true : s.embed ? false : s.compareOpen;
  useCompare.getState().setOpen(open);
  linkBackend = s.backend;
  const trace = useTrace.getState().trace;
  // Same config and a trace on screen (a hash edited by hand): no new trace will come.
  if (trace && JSON.stringify(config) === before) {
    pendingT = null;
    seekWithin(s.t, trace.T);
  } else {
    pendingT = s.t;
  }
}

/**
 * Opens (or closes) the lesson a link names. Apart from applyState, which the lessons layer
 * also uses to put the page into a step's view without touching the lesson itself.
 */
export function applyLessonLink(s: UrlState): void {
  const lesson = useLesson.getState();
  if (s.lesson === null) {
    if (lesson.ref !== null) lesson.close();
  } else if (s.lesson !== lesson.ref || s.lessonStep !== lesson.step) {
    lesson.openRef(s.lesson, s.lessonStep);
  }
}

function seekWithin(t: number, T: number): void {
  const p = usePlayback.getState();
  p.setLength(T); // the session sets the same length right after; harmless twice
  p.seek(t);
  if (t > T - 1) {
    useLinkNotice.getState().add({
      key: 't',
      raw: String(t + 1),
      reason: `the sequence has ${T} steps: showing step ${T}`,
      kind: 'adjusted',
    });
  }
}

/** Applies a pending link t when the first trace arrives; returns the unsubscribe. */
export function watchPendingT(): () => void {
  return useTrace.subscribe((s, prev) => {
    if (pendingT === null || !s.trace || s.trace === prev.trace) return;
    const t = pendingT;
    pendingT = null;
    seekWithin(t, s.trace.T);
  });
}

/** For tests: forget any pending cursor. */
export function resetPending(): void {
  pendingT = null;
}
