/**
 * The compare controller: Elman, LSTM and GRU on the same task, sequence, seed, hidden size and
 * optimizer. Recomputes the three traces once per config change while the compare view is open
 * (in the trace worker on cpu and wasm, traceDispatch.ts), and trains the three in turn (one
 * update each per round) in the training worker (trainerHost.ts), retracing from the weights it
 * sends every RETRACE_MS.
 */
import { webglContextLost } from '../engine/backend/webglContext';
import { Rng } from '../engine/rng';
import { createTask, type Task } from '../engine/tasks/task';
import type { CellKind, Model } from '../engine/types';
import { backendSettled, useBackendStore } from '../store/backend';
import { COMPARE_CELLS, type CompareColumn, emptyColumn, useCompare } from '../store/compare';
import { clampsFor, interventionKey, sequenceSeed, weightsKey } from '../config/config';
import { useConfig } from '../store/config';
import { usePlayback } from '../store/playback';
import { appendPoints, useTraining } from '../store/training';
import { CELL_NAMES } from '../views/compare/colors';
import { AdoptingCheckpoint } from './checkpoint-loader';
import {
  buildBaseModel,
  errorMessage,
  nextTask,
  oneAtATime,
  rememberSpectralRadii,
  spectralRadiiOf,
} from './models';
import { trainerHostOrSayWhy } from '../workers/sharedTrainerHost';
import { viewTraces } from '../workers/traceDispatch';
import type { TaskRecipe } from '../workers/trainProtocol';
import type { RemoteTrainer, TrainerEvents, TrainerHost } from '../workers/trainerHost';

/** While training, the worker sends the weights this often and the traces are redrawn. */
const RETRACE_MS = 600;

let generation = 0;
let baseKey = '';
let task: Task | null = null;
const models = new Map<CellKind, Model>();
/** How the worker rebuilds `task` (createTask's arguments). */
let recipe: TaskRecipe | null = null;
const trainers = new Map<CellKind, RemoteTrainer>();
let host: TrainerHost | null = null;
/** Bumped whenever the trainers are dropped, so ones still being started are not adopted. */
let trainerEpoch = 0;

function setColumn(cell: CellKind, patch: Partial<CompareColumn>): void {
  useCompare.setState((s) => ({
    columns: { ...s.columns, [cell]: { ...s.columns[cell], ...patch } },
  }));
}

function disposeTrainers(): void {
  trainerEpoch++;
  for (const t of trainers.values()) t.dispose(); // the worker frees their tensors
  trainers.clear();
}

/** True when `e` came from a lost WebGL context: the switch to cpu recomputes, so no error. */
function lostToContext(ranOn: string | undefined): boolean {
  return ranOn === 'webgl' && webglContextLost();
}

/**
 * Recomputes the three traces. `splitTasks` (retraces while training): each trace and each redraw
 * runs in its own task, so none blocks input for the sum of all six.
 */
async function recompute(splitTasks = false): Promise<void> {
  const my = ++generation;
  const c = useConfig.getState();
  useCompare.setState({ status: 'computing' });
  await backendSettled(); // not while the backends are being measured or switched
  if (my !== generation) return;
  const ranOn = useBackendStore.getState().info?.name;
  try {
    const t = createTask(c.task, c.taskParams, c.customText);
    const key = weightsKey(c);
    if (key !== baseKey) {
      disposeTrainers();
      models.clear();
      for (const cell of COMPARE_CELLS) models.set(cell, await buildBaseModel(c, cell, t));
      if (my !== generation) return;
      baseKey = key;
      useCompare.setState((s) => ({
        running: false,
        columns: Object.fromEntries(
          COMPARE_CELLS.map((cell) => [
            cell,
            { ...emptyColumn(cell), trace: s.columns[cell].trace },
          ]),
        ) as Record<CellKind, CompareColumn>,
      }));
    }
    task = t;
    recipe = { id: c.task, params: c.taskParams, customText: c.customText };
    useCompare.setState({ task: t });
    const sequence = t.sample(new Rng(sequenceSeed(c.seed)));
    for (const cell of COMPARE_CELLS) {
      const model = models.get(cell)!;
      try {
        const clamps = clampsFor(c, cell, sequence.length);
        // In the trace worker on cpu and wasm; null: a newer request for this cell overtook it.
        const traced = await viewTraces.trace(`compare:${cell}`, model, sequence, clamps);
        if (!traced) return;
        const { trace, ms: traceMs } = traced;
        if (splitTasks) await nextTask();
        if (my !== generation) return;
        setColumn(cell, {
          trace,
          spec: model.spec,
          weights: model.weights,
          traceMs,
          spectralRadii: spectralRadiiOf(model),
          error: null,
        });
        if (splitTasks) await nextTask();
      } catch (e) {
        if (my !== generation || lostToContext(ranOn)) return;
        setColumn(cell, { error: errorMessage(e) });
      }
    }
    usePlayback.getState().setLength(sequence.length);
    useCompare.setState({ status: 'ready' });
  } catch (e) {
    if (my !== generation || e instanceof AdoptingCheckpoint || lostToContext(ranOn)) return;
    useCompare.setState({ status: 'error' });
    for (const cell of COMPARE_CELLS) setColumn(cell, { error: errorMessage(e) });
  }
}

/** Redraws from weights the trainer sent; never two such traces at a time (models.ts). */
const retraceFromTraining = oneAtATime(() => recompute(true));

/** What a cell's trainer reports, applied only while it is still that cell's trainer. */
function eventsFor(cell: CellKind, handle: RemoteTrainer): TrainerEvents {
  const mine = () => trainers.get(cell) === handle;
  return {
    onReport(item) {
      if (!mine()) return;
      const col = useCompare.getState().columns[cell];
      setColumn(cell, { steps: item.steps, history: appendPoints(col.history, item.points) });
    },
    onWeights(model, _steps, radii) {
      if (!mine()) return;
      rememberSpectralRadii(model.weights, radii);
      models.set(cell, model);
      // The three cells' weights come in one message: one retrace draws them all.
      retraceFromTraining();
    },
    onDivergence(reason, steps, model) {
      if (!mine()) return;
      models.set(cell, model); // the last good weights
      setColumn(cell, { divergence: reason, steps });
      stopWhenNoneTrains();
      retraceFromTraining();
    },
    onError(message) {
      if (!mine()) return;
      trainers.get(cell)?.dispose();
      trainers.delete(cell);
      useTraining.setState({ error: `${CELL_NAMES[cell]} training stopped: ${message}` });
      stopWhenNoneTrains();
    },
  };
}

/** "Train all three" ends by itself once every cell has diverged or failed. */
function stopWhenNoneTrains(): void {
  const { columns } = useCompare.getState();
  if (COMPARE_CELLS.every((cell) => columns[cell].divergence || !trainers.has(cell))) {
    useCompare.setState({ running: false });
  }
}

/** A trainer in the training worker for each cell that has not diverged, made on first use. */
async function ensureTrainers(): Promise<RemoteTrainer[] | null> {
  const epoch = trainerEpoch;
  host = await trainerHostOrSayWhy();
  if (!host || epoch !== trainerEpoch || !task || !recipe) return null; // or reset meanwhile
  const list: RemoteTrainer[] = [];
  for (const cell of COMPARE_CELLS) {
    const model = models.get(cell);
    if (useCompare.getState().columns[cell].divergence || !model) continue;
    let tr = trainers.get(cell);
    if (!tr) {
      const { settings } = useTraining.getState();
      const req = { model, task: recipe, settings, weightsEveryMs: RETRACE_MS };
      tr = host.start(req, (handle) => eventsFor(cell, handle));
      trainers.set(cell, tr);
    }
    list.push(tr);
  }
  return list;
}

/**
 * TF.js moved to another backend (lost WebGL context, or the user picked one). `models` holds the last weights read
 * back as plain JS; the trainers' tensors died with the context. Pause, drop them, redraw.
 */
export function onBackendChanged(): void {
  useCompare.setState({ running: false });
  disposeTrainers();
  if (useCompare.getState().open) void recompute();
}

/** startCompareController runs on every open; these watches must be installed once. */
let watching = false;

export function startCompareController(): void {
  if (!watching) {
    watching = true;
    useBackendStore.subscribe((s, prev) => {
      if (prev.info && s.info && s.info.name !== prev.info.name) onBackendChanged();
    });
    useCompare.subscribe((s, prev) => {
      // Closing the view stops training; any stop pauses the worker's trainers in one message,
      // so their last weights come back together and retrace once.
      if (s.running && !s.open) useCompare.setState({ running: false });
      else if (prev.running && !s.running) host?.pause([...trainers.values()]);
    });
  }
  let last = '';
  const refresh = () => {
    const { open } = useCompare.getState();
    const c = useConfig.getState();
    const key = weightsKey(c) + interventionKey(c);
    if (!open || key === last) return;
    last = key;
    void recompute();
  };
  useConfig.subscribe(refresh);
  useCompare.subscribe(refresh);
  useCompare.setState({
    actions: {
      trainAll() {
        useCompare.setState({ running: true });
        useTraining.setState({ error: null });
        void ensureTrainers().then((list) => {
          if (!useCompare.getState().running) return;
          if (list && list.length > 0) host?.run(list);
          else useCompare.setState({ running: false });
        });
      },
      pauseAll() {
        useCompare.setState({ running: false });
      },
      resetAll() {
        useCompare.setState({ running: false });
        baseKey = '';
        disposeTrainers();
        void recompute();
      },
    },
  });
  refresh();
}
