/**
 * The compare view: a lane group of three lanes (Elman, LSTM, GRU) on the same task, sequence,
 * seed, hidden size and optimizer, drawn from the compare store's columns and trained together
 * (one update each per round). Recomputes only while the view is open.
 */
import { CELL_KINDS, CELLS } from '../../engine/cellKinds';
import { appendPoints } from '../../engine/lossHistory';
import { spectralRadiiOf } from '../../engine/spectralRadii';
import type { CellKind } from '../../engine/types';
import { type CompareColumn, emptyColumn } from '../../config/compareColumn';
import { type CompareActions, useCompare } from '../../store/compare';
import { usePlayback } from '../../store/playback';
import { useTraining } from '../../store/training';
import type { GroupView, Lane } from './contracts';
import type { LaneGroup } from './laneGroup';

function setColumn(cell: CellKind, patch: Partial<CompareColumn>): void {
  useCompare.setState((s) => ({
    columns: { ...s.columns, [cell]: { ...s.columns[cell], ...patch } },
  }));
}

/** "Train all three" ends by itself once no lane trains any more (diverged or failed). */
function stopWhenNoneTrains(lanes: Iterable<Lane>): void {
  if ([...lanes].every((l) => l.diverged || !l.trainer)) useCompare.setState({ running: false });
}

export function compareGroupView(lanes: () => Iterable<Lane>): GroupView {
  return {
    cells: () => CELL_KINDS,
    retraceMs: 600,
    active: () => useCompare.getState().open,
    computing: () => useCompare.setState({ status: 'computing' }),
    renewed() {},
    trainingReset(reset) {
      useCompare.setState({ running: false });
      // Each reset column keeps its last trace on screen until the new one replaces it.
      for (const { cell } of reset)
        setColumn(cell, { ...emptyColumn(cell), trace: useCompare.getState().columns[cell].trace });
    },
    shown(lane, { trace, model, task, ms }) {
      useCompare.setState({ task });
      setColumn(lane.cell, {
        trace,
        spec: model.spec,
        weights: model.weights,
        traceMs: ms,
        spectralRadii: spectralRadiiOf(model),
        error: null,
      });
    },
    laneFailed: (lane, message) => setColumn(lane.cell, { error: message }),
    failed(message) {
      useCompare.setState({ status: 'error' });
      for (const cell of CELL_KINDS) setColumn(cell, { error: message });
    },
    done(T) {
      usePlayback.getState().setLength(T);
      useCompare.setState({ status: 'ready' });
    },
    report(lane, item) {
      const col = useCompare.getState().columns[lane.cell];
      setColumn(lane.cell, { steps: item.steps, history: appendPoints(col.history, item.points) });
    },
    diverged(lane, reason, steps) {
      setColumn(lane.cell, { divergence: reason, steps });
      stopWhenNoneTrains(lanes());
    },
    trainerFailed(lane, message) {
      useTraining.setState({ error: `${CELLS[lane.cell].name} training stopped: ${message}` });
      stopWhenNoneTrains(lanes());
    },
  };
}

/** The compare view's buttons. Stopping (pause, close) is the store watch's job (session.ts). */
export function compareActions(group: LaneGroup): CompareActions {
  return {
    trainAll() {
      useCompare.setState({ running: true });
      useTraining.setState({ error: null });
      void group.ensureTrainers([...group.lanes.values()]).then((list) => {
        if (!useCompare.getState().running) return;
        if (list && list.length > 0) group.run(list);
        else useCompare.setState({ running: false });
      });
    },
    pauseAll() {
      useCompare.setState({ running: false });
    },
    resetAll() {
      group.resetTraining();
      void group.recompute();
    },
  };
}
