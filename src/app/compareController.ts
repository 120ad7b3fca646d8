/**
 * The compare controller: Elman, LSTM and GRU on the same task, sequence, seed, hidden size and
 * optimizer. Recomputes the three traces once per config change while the compare view is open,
 * and trains the three in turn (one update each per round) in short slices between frames.
 */
import { webglContextLost } from '../engine/backend';
import { recurrentSpectralRadii } from '../engine/linalg';
import { Rng } from '../engine/rng';
import { createTask, type Task } from '../engine/tasks/task';
import { runTrace } from '../engine/trace';
import { Trainer, isDivergence } from '../engine/train';
import type { CellKind, Model } from '../engine/types';
import { backendSettled, useBackendStore } from '../store/backend';
import { COMPARE_CELLS, type CompareColumn, emptyColumn, useCompare } from '../store/compare';
import { clampsFor, interventionKey, sequenceSeed, useConfig, weightsKey } from '../store/config';
import { usePlayback } from '../store/playback';
import { appendPoint, useTraining } from '../store/training';
import { AdoptingCheckpoint } from './checkpoint-loader';
import { buildBaseModel, errorMessage } from './models';

const SLICE_MS = 30;
const RETRACE_MS = 600;

let generation = 0;
let baseKey = '';
let task: Task | null = null;
const models = new Map<CellKind, Model>();
const trainers = new Map<CellKind, Trainer>();
let lastRetrace = 0;

function setColumn(cell: CellKind, patch: Partial<CompareColumn>): void {
  useCompare.setState((s) => ({
    columns: { ...s.columns, [cell]: { ...s.columns[cell], ...patch } },
  }));
}

function disposeTrainers(): void {
  for (const t of trainers.values()) {
    try {
      t.dispose();
    } catch {
      // Tensors on a lost WebGL context cannot be freed; they are gone anyway.
    }
  }
  trainers.clear();
}

/** True when `e` came from a lost WebGL context: the switch to cpu recomputes, so no error. */
function lostToContext(ranOn: string | undefined): boolean {
  return ranOn === 'webgl' && webglContextLost();
}

async function recompute(): Promise<void> {
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
    useCompare.setState({ task: t });
    const sequence = t.sample(new Rng(sequenceSeed(c.seed)));
    for (const cell of COMPARE_CELLS) {
      const model = models.get(cell)!;
      const t0 = performance.now();
      try {
        const trace = await runTrace(model, sequence, {
          clamps: clampsFor(c, cell, sequence.length),
        });
        if (my !== generation) return;
        setColumn(cell, {
          trace,
          spec: model.spec,
          weights: model.weights,
          traceMs: performance.now() - t0,
          spectralRadii: recurrentSpectralRadii(model.spec, model.weights),
          error: null,
        });
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

/** One round: an update for each cell that has not diverged. Returns false when none could train. */
async function round(): Promise<boolean> {
  if (!task) return false;
  let any = false;
  for (const cell of COMPARE_CELLS) {
    if (useCompare.getState().columns[cell].divergence) continue;
    let tr = trainers.get(cell);
    if (!tr) {
      tr = new Trainer(models.get(cell)!, task, useTraining.getState().settings);
      trainers.set(cell, tr);
    }
    const r = await tr.step();
    if (trainers.get(cell) !== tr) return false; // reset meanwhile
    if (isDivergence(r)) {
      models.set(cell, await tr.model());
      setColumn(cell, { divergence: r.reason, steps: tr.steps });
      continue;
    }
    any = true;
    const col = useCompare.getState().columns[cell];
    setColumn(cell, {
      steps: r.step,
      history: appendPoint(col.history, { step: r.step, loss: r.loss, metric: r.metric }),
    });
  }
  return any;
}

async function slice(): Promise<void> {
  const start = performance.now();
  while (useCompare.getState().running && performance.now() - start < SLICE_MS) {
    if (!(await round())) {
      useCompare.setState({ running: false });
      break;
    }
  }
  if (performance.now() - lastRetrace > RETRACE_MS || !useCompare.getState().running) {
    lastRetrace = performance.now();
    for (const [cell, tr] of trainers) {
      const m = await tr.model();
      if (trainers.get(cell) === tr) models.set(cell, m); // not if dropped by a backend switch
    }
    await recompute();
  }
}

function loop(): void {
  if (!useCompare.getState().running || !useCompare.getState().open) {
    useCompare.setState({ running: false });
    return;
  }
  void slice().then(() => setTimeout(loop, 0));
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

/** startCompareController runs on every open; the backend watch must be installed once. */
let watchingBackend = false;

export function startCompareController(): void {
  if (!watchingBackend) {
    watchingBackend = true;
    useBackendStore.subscribe((s, prev) => {
      if (prev.info && s.info && s.info.name !== prev.info.name) onBackendChanged();
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
        loop();
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
