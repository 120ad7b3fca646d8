import { useLayoutEffect } from 'react';
import { useBackendStore } from '../store/backend';
import { useCompare } from '../store/compare';
import { useConfig } from '../store/config';
import { useLesson } from '../store/lesson';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { useTraining } from '../store/training';
import { useUi } from '../store/ui';
import { weightsIdIn } from '../store/url/codecs';
import { type LinkIssue, parseHash, serializeState } from '../store/url/hash';
import type { UrlState } from '../store/url/state';
import { weightsKey } from '../config/config';
import { useLinkNotice } from '../store/url/notice';
import { applyLessonLink, applyState, snapshot, watchPendingT } from '../store/url/stores';

/** At most this often the hash is rewritten: ≤ 4 writes a second, even while playing. */
const WRITE_MS = 250;

/**
 * True when a link edited by hand in this page names, in `wid`, the weights on screen and asks
 * for nothing that would rebuild them: they stay (imported or trained here), with no notice.
 */
function keepsWeightsOnScreen(state: UrlState, issues: readonly LinkIssue[]): boolean {
  const own = snapshot().weightsId;
  const raw = issues.find((i) => i.key === 'wid')?.raw;
  const wid = raw === undefined ? null : weightsIdIn(raw);
  const c = useConfig.getState();
  const same = { ...state.config, weights: c.weights };
  return own !== null && wid === own && same.cell === c.cell && weightsKey(same) === weightsKey(c);
}

/**
 * Keeps the page and its link in step: opens the link in the hash on load (and when the hash is
 * edited by hand), then mirrors every shareable change back into the hash with
 * history.replaceState, throttled, so the back button never fills up with steps. Also reflects
 * the teacher / embed / presentation modes as data attributes on <html> for the stylesheet.
 */
export function useUrlSync(): void {
  // A layout effect: the link is applied before the first paint, so an embed or teacher link
  // never flashes the full page.
  useLayoutEffect(() => {
    const openLink = () => {
      const { state, issues } = parseHash(window.location.hash);
      const own = keepsWeightsOnScreen(state, issues);
      if (own) state.config.weights = useConfig.getState().weights;
      applyState(state);
      applyLessonLink(state);
      useLinkNotice.getState().show(own ? issues.filter((i) => i.key !== 'wid') : issues);
      schedule(); // rewrite the link in its canonical form (what was ignored is gone from it)
    };

    let timer = 0;
    let last = 0;
    const write = () => {
      timer = 0;
      last = performance.now();
      const hash = serializeState(snapshot());
      const { pathname, search, hash: current } = window.location;
      if (current.replace(/^#/, '') === hash) return;
      window.history.replaceState(
        window.history.state,
        '',
        pathname + search + (hash ? `#${hash}` : ''),
      );
    };
    const schedule = () => {
      if (!timer)
        timer = window.setTimeout(write, Math.max(0, WRITE_MS - (performance.now() - last)));
    };
    const stops = [
      watchPendingT(),
      useConfig.subscribe(schedule),
      usePlayback.subscribe((s, p) => s.t !== p.t && schedule()),
      useCompare.subscribe((s, p) => s.open !== p.open && schedule()),
      // The link names weights it cannot hold (imported, trained here) by their fingerprint.
      useTrace.subscribe((s, p) => s.fingerprint !== p.fingerprint && schedule()),
      useTraining.subscribe((s, p) => (s.steps === 0) !== (p.steps === 0) && schedule()),
      // The backend menu's choice (store/url/stores.ts keeps it for the link).
      useBackendStore.subscribe((s, p) => s.mode !== p.mode && schedule()),
      useLesson.subscribe((s, p) => (s.ref !== p.ref || s.step !== p.step) && schedule()),
      // Not on hover: only what a link holds.
      useUi.subscribe(
        (s, p) =>
          (s.selection !== p.selection ||
            s.microOp !== p.microOp ||
            s.tourStep !== p.tourStep ||
            s.teacher !== p.teacher ||
            s.embed !== p.embed ||
            s.presenting !== p.presenting ||
            s.focusPanel !== p.focusPanel) &&
          schedule(),
      ),
    ];
    openLink();
    window.addEventListener('hashchange', openLink);
    return () => {
      window.removeEventListener('hashchange', openLink);
      for (const stop of stops) stop();
      window.clearTimeout(timer);
    };
  }, []);

  const teacher = useUi((s) => s.teacher);
  const embed = useUi((s) => s.embed);
  const presenting = useUi((s) => s.presenting);
  const focus = useUi((s) => s.focusPanel);
  useLayoutEffect(() => {
    const d = document.documentElement.dataset;
    const put = (name: string, value: string | null) => {
      if (value === null) delete d[name];
      else d[name] = value;
    };
    put('teacher', teacher === 'off' ? null : teacher);
    put('embed', embed);
    put('present', presenting ? '1' : null);
    put('focus', focus);
  }, [teacher, embed, presenting, focus]);
}
