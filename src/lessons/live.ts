/**
 * The lessons layer's hands on the page: puts it into a step's view (through the link's own
 * applyState, so a step means exactly what its link would), reads what is on screen as a
 * ProbeContext for grading, and runs an experiment's training until it has done its updates.
 */
import type { LessonStep } from '../config/lesson';
import { CELL_KINDS } from '../engine/cellKinds';
import type { CellKind } from '../engine/types';
import { useCompare } from '../store/compare';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { useTraining } from '../store/training';
import { useUi } from '../store/ui';
import { applyState, snapshot } from '../store/url/stores';
import { clearRegionFocus, focusRegion } from '../tour/applyStep';
import type { ProbeContext } from './probeTypes';
import { viewToState } from './viewState';

/** The test id of a panel (or the compare view) a step names in `focus` or `reveal`. */
export const regionTestId = (panel: string) =>
  panel === 'compare' ? 'compare-view' : `panel-${panel}`;

/** How long after a step opens a new trace still brings its panel back into view. */
const REFOCUS_MS = 5000;
const REDRAW_MS = 250;
let refocusCancel: (() => void) | null = null;

/** Sets what the step's view names; everything else it leaves to the link's defaults. */
export function applyLessonStep(step: LessonStep): void {
  const view = viewToState(step.view);
  usePlayback.getState().pause();
  useTraining.getState().actions.pause();
  useCompare.getState().actions.pauseAll();
  applyState({
    ...snapshot(),
    config: view.config,
    t: view.t,
    selection: view.selection,
    compareOpen: view.compareOpen,
    microOp: view.microOp,
    focusPanel: view.focusPanel,
    tourStep: null,
  });
  refocusCancel?.();
  refocusCancel = null;
  if (!step.focus) return clearRegionFocus();
  const id = regionTestId(step.focus);
  focusRegion(id);
  // The step's trace lands later and can change the heights above the panel: scroll again once
  // the views have drawn it (the store changes before React commits, hence the pause).
  let again = 0;
  const stop = useTrace.subscribe((now, before) => {
    if (now.trace === before.trace) return;
    clearTimeout(again);
    again = window.setTimeout(() => focusRegion(id), REDRAW_MS);
  });
  const timer = setTimeout(stop, REFOCUS_MS);
  refocusCancel = () => {
    stop();
    clearTimeout(timer);
    clearTimeout(again);
    refocusCancel = null;
  };
}

/** What a probe reads: the page as it is now. */
export function liveContext(): ProbeContext {
  const trace = useTrace.getState();
  const training = useTraining.getState();
  const compare = useCompare.getState();
  const runs = {} as ProbeContext['compare'];
  for (const cell of CELL_KINDS) {
    const col = compare.columns[cell];
    runs[cell] = {
      steps: col.steps,
      history: col.history,
      divergence: col.divergence,
      trace: col.trace,
    };
  }
  return {
    trace: trace.trace,
    t: usePlayback.getState().t,
    unit: useUi.getState().selection.unit,
    task: compare.open ? compare.task : trace.task,
    training: {
      steps: training.steps,
      history: training.history,
      divergence: training.divergence,
    },
    compare: runs,
  };
}

/** Updates done so far by the run an experiment watches (the slowest cell when comparing). */
function updatesDone(): { steps: number; stopped: boolean } {
  const compare = useCompare.getState();
  if (compare.open) {
    const cols = CELL_KINDS.map((c: CellKind) => compare.columns[c]);
    const live = cols.filter((c) => !c.divergence && !c.error);
    return {
      steps: live.length ? Math.min(...live.map((c) => c.steps)) : 0,
      stopped: live.length === 0 || (!compare.running && compare.status === 'error'),
    };
  }
  const t = useTraining.getState();
  return { steps: t.steps, stopped: t.status === 'diverged' || t.error !== null };
}

/**
 * Trains from fresh weights for `updates` updates (all three cells when the compare view is
 * open), pauses, and calls `done`. Returns a cancel that pauses too.
 */
export function runExperiment(updates: number, done: (stoppedEarly: boolean) => void): () => void {
  const compare = useCompare.getState();
  const comparing = compare.open;
  const pause = () =>
    comparing ? useCompare.getState().actions.pauseAll() : useTraining.getState().actions.pause();
  if (comparing) {
    compare.actions.resetAll();
    compare.actions.trainAll();
  } else {
    useTraining.getState().actions.reset();
    useTraining.getState().actions.start();
  }
  let finished = false;
  const check = () => {
    if (finished) return;
    const { steps, stopped } = updatesDone();
    if (steps < updates && !stopped) return;
    finished = true;
    stops.forEach((s) => s());
    pause();
    done(stopped && steps < updates);
  };
  const stops = [useCompare.subscribe(check), useTraining.subscribe(check)];
  return () => {
    if (finished) return;
    finished = true;
    stops.forEach((s) => s());
    pause();
  };
}

/** How far an experiment has got, for its progress bar. */
export const experimentProgress = () => updatesDone().steps;
