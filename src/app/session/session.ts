/**
 * The session: the one place config turns into models, traces and trainers. It holds two lane
 * groups (laneGroup.ts), the single view's (one lane) and the compare view's (three), and wires
 * them to the stores: a config change recomputes each group on screen once, a backend change
 * drops the trainers (their tensors may have died with a lost context) and recomputes, the
 * training panel's and the compare view's buttons drive the groups' trainers, and an imported
 * model becomes the single lane's base. Loaded with TF.js, after the page's first frame.
 */
import { type Config, interventionKey, sanitize, weightsKey } from '../../config/config';
import { modelKey, viewKey } from '../../config/inputs';
import type { Model } from '../../engine/types';
import { useBackendStore } from '../../store/backend';
import { useCompare } from '../../store/compare';
import { useConfig } from '../../store/config';
import { SINGLE_VIEW_LANE, useTrace } from '../../store/trace';
import { useTraining } from '../../store/training';
import { compareActions, compareGroupView } from './compareView';
import type { SessionDeps } from './contracts';
import { LaneGroup } from './laneGroup';
import { singleGroupView, singleTrainingActions } from './singleView';

export class Session {
  readonly single: LaneGroup;
  readonly compare: LaneGroup;
  private readonly unsubscribe: (() => void)[] = [];

  constructor(
    deps: SessionDeps,
    remeasureIfResized: (c: Config, training: boolean) => void = () => {},
  ) {
    this.single = new LaneGroup(SINGLE_VIEW_LANE, deps, singleGroupView(remeasureIfResized));
    this.compare = new LaneGroup(
      'compare',
      deps,
      compareGroupView(() => this.compare.lanes.values()),
    );
  }

  /** Subscribes to the stores, installs the buttons' actions and computes the first traces. */
  start(): void {
    let lastView = viewKey(useConfig.getState());
    let lastCompare = '';
    const refreshCompare = () => {
      const c = useConfig.getState();
      const key = weightsKey(c) + interventionKey(c);
      if (!useCompare.getState().open || key === lastCompare) return;
      lastCompare = key;
      void this.compare.recompute();
    };
    this.unsubscribe.push(
      useConfig.subscribe((c) => {
        const key = viewKey(c);
        if (key !== lastView) {
          lastView = key;
          void this.single.recompute();
        }
        refreshCompare();
      }),
      useBackendStore.subscribe((s, prev) => {
        if (prev.info && s.info && s.info.name !== prev.info.name) this.backendChanged();
      }),
      useCompare.subscribe((s, prev) => {
        // Closing the view stops training; any stop pauses the worker's trainers in one message,
        // so their last weights come back together and retrace once.
        if (s.running && !s.open) useCompare.setState({ running: false });
        else if (prev.running && !s.running) this.compare.pause();
        if (s.open && !prev.open) refreshCompare();
      }),
    );
    useTraining.setState({ actions: singleTrainingActions(this.single) });
    useCompare.setState({ actions: compareActions(this.compare) });
    useTrace.setState({ adopt: (model, patch, note) => this.adopt(model, patch, note) });
    void this.single.recompute();
    refreshCompare();
  }

  stop(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.single.dropTrainers();
    this.compare.dropTrainers();
  }

  /**
   * Shows an imported model: it becomes the single lane's base under the model key of the config
   * it implies (cell, GRU variant, hidden size, …), installed before that config is set, so the
   * recompute finds the key matching and rebuilds nothing. It stays shown (and Reset returns to
   * it) until a setting that decides the weights changes; then the seeded init or checkpoint
   * takes over, as for any other change.
   */
  adopt(model: Model, patch: Partial<Config>, note: string): void {
    const before = useConfig.getState();
    const after = sanitize(before, patch);
    this.single.adopt(after.cell, modelKey(after, after.cell), model);
    useTrace.setState({ note, error: null });
    before.set(patch);
    // A file with the same shape as the current model leaves the config as it was: no
    // subscriber fires, so recompute here.
    if (viewKey(useConfig.getState()) === viewKey(before)) void this.single.recompute();
  }

  /**
   * TF.js moved to another backend (a lost WebGL context, the menu, a re-measurement). The lanes
   * hold the last weights received as plain arrays: drop the trainers, pause (training resumes
   * on the new backend from those weights) and redraw.
   */
  backendChanged(): void {
    this.single.dropTrainers();
    if (useTraining.getState().status === 'running') useTraining.setState({ status: 'paused' });
    void this.single.recompute();
    useCompare.setState({ running: false });
    this.compare.dropTrainers();
    if (useCompare.getState().open) void this.compare.recompute();
  }
}
