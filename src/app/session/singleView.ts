/**
 * The single view: a lane group of one lane (the configured cell), drawn from the trace store,
 * trained from the training panel. What its results mean for the page's stores, and the
 * training panel's actions.
 */
import { weightsFingerprint } from '../../engine/weights/fingerprint';
import { spectralRadiiOf } from '../../engine/spectralRadii';
import { appendPoints } from '../../engine/lossHistory';
import { usePlayback } from '../../store/playback';
import { useTrace } from '../../store/trace';
import { type TrainingActions, useTraining } from '../../store/training';
import { useUi } from '../../store/ui';
import type { GroupView } from './contracts';
import type { LaneGroup } from './laneGroup';

/** The stores' side of the single view; `beforeRecompute` re-measures the backends if resized. */
export function singleGroupView(
  beforeRecompute: (c: Parameters<GroupView['computing']>[0], training: boolean) => void,
): GroupView {
  return {
    cells: (c) => [c.cell],
    retraceMs: 400,
    active: () => true,
    computing(c, training) {
      useTrace.setState({ status: 'computing' });
      // A much bigger or smaller model may run fastest elsewhere: measure again first (queued).
      beforeRecompute(c, training);
    },
    renewed(c) {
      // Seeded weights carry no note; a checkpoint's loader sets its own while loading.
      if (c.weights === 'random') useTrace.setState({ note: null });
    },
    trainingReset() {
      useTraining.setState({
        status: 'idle',
        steps: 0,
        history: [],
        stepsPerSec: 0,
        divergence: null,
        error: null,
      });
    },
    shown(_lane, { trace, model, task, sequence, ms }) {
      useTrace.setState({
        status: 'ready',
        source: 'live',
        trace,
        sequence,
        task,
        weights: model.weights,
        fingerprint: weightsFingerprint(model.weights),
        spectralRadii: spectralRadiiOf(model),
        computeMs: ms,
        error: null,
      });
      usePlayback.getState().setLength(trace.T);
      useUi.getState().fitUnits(trace.H);
    },
    laneFailed: (_lane, message) => useTrace.setState({ status: 'error', error: message }),
    failed: (message) => useTrace.setState({ status: 'error', error: message }),
    done() {},
    report(_lane, item) {
      useTraining.setState((s) => ({
        steps: item.steps,
        history: appendPoints(s.history, item.points),
        stepsPerSec: item.stepsPerSec ?? s.stepsPerSec,
      }));
    },
    diverged: (_lane, reason, steps) =>
      useTraining.setState({ status: 'diverged', divergence: reason, steps }),
    trainerFailed(_lane, message) {
      const { status } = useTraining.getState();
      useTraining.setState({
        status: status === 'running' ? 'paused' : status,
        error: `Training stopped: ${message}`,
      });
    },
  };
}

/** The training panel's buttons, on the single view's one lane. */
export function singleTrainingActions(group: LaneGroup): TrainingActions {
  const lane = () => [...group.lanes.values()][0];
  const status = () => useTraining.getState().status;
  return {
    start() {
      const l = lane();
      if (!l || l.diverged) return;
      useTraining.setState({ status: 'running', error: null });
      void group.ensureTrainers([l]).then((list) => {
        if (!list)
          useTraining.setState({ status: 'paused' }); // training cannot start: why is shown
        else if (l.trainer && list[0] === l.trainer && status() === 'running') group.run(list);
      });
    },
    pause() {
      useTraining.setState({ status: 'paused' });
      group.pause(); // the worker answers with a last report and the weights
    },
    stepOnce() {
      const l = lane();
      if (!l || l.diverged) return;
      useTraining.setState({ status: 'paused', error: null });
      group.pause();
      void group.ensureTrainers([l]).then((list) => {
        if (!list) useTraining.setState({ status: 'paused' });
        else list[0]?.stepOnce();
      });
    },
    reset() {
      group.resetTraining();
      void group.recompute();
    },
    restoreLastGood() {
      // `current` already holds the last good weights; continue from them with a fresh optimizer.
      const l = lane();
      if (l) {
        group.dropTrainer(l);
        l.diverged = false;
      }
      useTraining.setState({ status: 'paused', divergence: null });
      void group.recompute();
    },
  };
}
