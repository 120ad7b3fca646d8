/**
 * The engine controller: the one place config turns into a model, a sequence and a trace.
 * Loaded with TF.js (lazily, after the shell paints). It subscribes to the config slice,
 * recomputes the trace once per change (dropping results that a newer change overtook; on cpu
 * and wasm the trace runs in the trace worker, traceDispatch.ts), and drives training, which
 * runs in the training worker (trainerHost.ts): the page only hears reports and, every
 * RETRACE_MS, the current weights, which it traces like any other model.
 */
import * as tf from '@tensorflow/tfjs-core';
import { webglContextLost } from '../engine/backend/webglContext';
import { Rng } from '../engine/rng';
import { createTask, type Task } from '../engine/tasks/task';
import type { Model } from '../engine/types';
import { weightsFingerprint } from '../engine/weights/fingerprint';
import {
  type Config,
  clampsFor,
  interventionKey,
  sanitize,
  sequenceSeed,
  weightsKey,
} from '../config/config';
import { useConfig } from '../store/config';
import { backendSettled, useBackendStore } from '../store/backend';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { appendPoints, useTraining } from '../store/training';
import { useUi } from '../store/ui';
import { remeasureIfResized } from './backendControl';
import { AdoptingCheckpoint } from './checkpoint-loader';
import {
  buildBaseModel,
  errorMessage,
  nextTask,
  oneAtATime,
  rememberSpectralRadii,
  spectralRadiiOf,
} from './models';
import { trainerHostOrSayWhy, trainerMemory } from '../workers/sharedTrainerHost';
import { type TraceStats, viewTraces } from '../workers/traceDispatch';
import type { TaskRecipe } from '../workers/trainProtocol';
import type { RemoteTrainer, TrainerEvents } from '../workers/trainerHost';

/** While training, the worker sends the weights this often and the trace is redrawn from them. */
const RETRACE_MS = 400;

let generation = 0;
/** The weights the views show when not training (init or checkpoint), per model key. */
let base: { key: string; model: Model } | null = null;
let trainer: RemoteTrainer | null = null;
/** Bumped whenever the trainer is dropped, so one still being started is not adopted after. */
let trainerEpoch = 0;
let current: Model | null = null;
let task: Task | null = null;
/** How the worker rebuilds `task` (createTask's arguments). */
let recipe: TaskRecipe | null = null;

/** Everything that decides the initial weights (not the sequence). */
function modelKey(c: Config): string {
  return c.cell + weightsKey(c);
}

/** Everything that changes the picture: the weights' identity plus interventions. */
function viewKey(c: Config): string {
  return modelKey(c) + interventionKey(c);
}

async function baseModel(c: Config, t: Task): Promise<Model> {
  if (c.weights === 'random') useTrace.setState({ note: null });
  return buildBaseModel(c, c.cell, t);
}

/**
 * Recomputes the trace for the current config (and, while training, the current weights).
 * `splitTasks`: run the trace and the redraw it causes in separate tasks, so that while training
 * (a retrace every RETRACE_MS) neither blocks input for their sum (~100 ms at T = 200, H = 64).
 */
async function recompute(splitTasks = false): Promise<void> {
  const my = ++generation;
  const c = useConfig.getState();
  const traceStore = useTrace.setState;
  traceStore({ status: 'computing' });
  // A much bigger or smaller model may run fastest elsewhere: measure again first (queued).
  remeasureIfResized(c, trainer !== null);
  await backendSettled();
  if (my !== generation) return;
  const ranOn = useBackendStore.getState().info?.name;
  try {
    const t = createTask(c.task, c.taskParams, c.customText);
    const key = modelKey(c);
    if (!base || base.key !== key) {
      stopTraining(true);
      const model = await baseModel(c, t);
      if (my !== generation) return;
      base = { key, model };
      current = model;
    }
    task = t;
    recipe = { id: c.task, params: c.taskParams, customText: c.customText };
    const model = current ?? base.model;
    const sequence = t.sample(new Rng(sequenceSeed(c.seed)));
    const clamps = clampsFor(c, model.spec.cell, sequence.length);
    // In the trace worker on cpu and wasm (traceDispatch.ts); null: a newer request overtook it.
    const traced = await viewTraces.trace('view', model, sequence, clamps);
    if (!traced) return;
    const { trace, ms: computeMs } = traced;
    if (splitTasks) await nextTask();
    if (my !== generation) return;
    traceStore({
      status: 'ready',
      source: 'live',
      trace,
      sequence,
      task: t,
      weights: model.weights,
      fingerprint: weightsFingerprint(model.weights),
      spectralRadii: spectralRadiiOf(model),
      computeMs,
      error: null,
    });
    usePlayback.getState().setLength(trace.T);
    useUi.getState().fitUnits(trace.H);
  } catch (e) {
    if (my !== generation || e instanceof AdoptingCheckpoint) return;
    // Killed by a lost WebGL context: the switch to cpu is pending and recomputes then.
    if (ranOn === 'webgl' && webglContextLost()) return;
    // The previous trace stays on screen; the message says what to fix.
    traceStore({ status: 'error', error: errorMessage(e) });
  }
}

/** Drops the trainer (its tensors live in the training worker) and any trainer still starting. */
function dropTrainer(): void {
  trainerEpoch++;
  trainer?.dispose();
  trainer = null;
}

function stopTraining(resetHistory: boolean): void {
  dropTrainer();
  if (resetHistory) {
    current = base?.model ?? null;
    useTraining.setState({
      status: 'idle',
      steps: 0,
      history: [],
      stepsPerSec: 0,
      divergence: null,
      error: null,
    });
  }
}

/** Redraws from weights the trainer sent; never two such traces at a time (models.ts). */
const retraceFromTraining = oneAtATime(() => recompute(true));

/** What the trainer reports, applied only while it is still this view's trainer. */
function eventsFor(handle: RemoteTrainer): TrainerEvents {
  const mine = () => trainer === handle;
  return {
    onReport(item) {
      if (!mine()) return;
      useTraining.setState((s) => ({
        steps: item.steps,
        history: appendPoints(s.history, item.points),
        stepsPerSec: item.stepsPerSec ?? s.stepsPerSec,
      }));
    },
    onWeights(model, _steps, radii) {
      if (!mine()) return;
      rememberSpectralRadii(model.weights, radii);
      current = model;
      retraceFromTraining();
    },
    onDivergence(reason, steps, model) {
      if (!mine()) return;
      current = model; // the last good weights
      useTraining.setState({ status: 'diverged', divergence: reason, steps });
      retraceFromTraining();
    },
    onError(message) {
      if (!mine()) return;
      dropTrainer(); // `current` keeps the last weights received; Train starts a new trainer
      const { status } = useTraining.getState();
      useTraining.setState({
        status: status === 'running' ? 'paused' : status,
        error: `Training stopped: ${message}`,
      });
    },
  };
}

/** The trainer, started in the training worker from `current` on first use. */
async function ensureTrainer(): Promise<RemoteTrainer | null> {
  if (trainer) return trainer;
  const epoch = trainerEpoch;
  const host = await trainerHostOrSayWhy();
  if (!host) useTraining.setState({ status: 'paused' });
  if (trainer || !host) return trainer; // another call made one meanwhile, or none can start
  if (epoch !== trainerEpoch || !current || !task || !recipe) return null; // reset meanwhile
  const { settings } = useTraining.getState();
  const req = { model: current, task: recipe, settings, weightsEveryMs: RETRACE_MS };
  trainer = host.start(req, eventsFor);
  return trainer;
}

/**
 * Shows an imported model. The imported weights simply become `base` under the model key of
 * the config they imply (cell, GRU variant, hidden size, …), installed before that config is
 * set: recompute() then finds `base.key` already matching and rebuilds nothing. They stay shown
 * (and "Reset weights" returns to them) until a setting that decides the weights changes; then
 * the usual seeded init or checkpoint takes over, as for any other change. No extra weights
 * source or override map is needed, and a shared link never claims to carry the file.
 */
export function adoptModel(model: Model, patch: Partial<Config>, note: string): void {
  const before = useConfig.getState();
  base = { key: modelKey(sanitize(before, patch)), model };
  stopTraining(true); // drops the trainer and its history; `current` becomes the imported model
  useTrace.setState({ note, error: null });
  before.set(patch);
  // A file with the same shape as the current model leaves the config as it was: no
  // subscriber fires, so recompute here.
  if (viewKey(useConfig.getState()) === viewKey(before)) void recompute();
}

/**
 * TF.js moved to another backend (the WebGL context was lost, the user picked another one, or
 * a re-measurement chose another). The training worker follows it to the matching backend
 * (sharedTrainerHost.ts); where training fell back to the page, its tensors may have died with a
 * lost context. `current` holds the last weights received and the history is in the store: drop
 * the trainer, pause (Train resumes on the new backend from `current`) and redraw.
 */
export function onBackendChanged(): void {
  dropTrainer();
  if (useTraining.getState().status === 'running') useTraining.setState({ status: 'paused' });
  void recompute();
}

declare global {
  interface Window {
    /**
     * Read-only test hook for the soak e2e (tests/e2e/soak.spec.ts, docs/reliability.md):
     * TF.js's live tensor count and bytes. Reads a counter; changes nothing.
     */
    __gatescopeMemory?: () => { numTensors: number; numBytes: number };
    /** The same where the trainers live (the training worker's TF.js); null before any. */
    __gatescopeTrainerMemory?: () => Promise<{ numTensors: number; numBytes: number } | null>;
    /** Where the traces ran: on the page, in the trace worker (and its own count and memory). */
    __gatescopeTraces?: () => Promise<TraceStats>;
  }
}

export function startController(): void {
  window.__gatescopeMemory = () => {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  };
  window.__gatescopeTrainerMemory = trainerMemory;
  window.__gatescopeTraces = () => viewTraces.stats();
  useBackendStore.subscribe((s, prev) => {
    if (prev.info && s.info && s.info.name !== prev.info.name) onBackendChanged();
  });
  let last = viewKey(useConfig.getState());
  useConfig.subscribe((c) => {
    const key = viewKey(c);
    if (key === last) return;
    last = key;
    void recompute();
  });
  useTraining.setState({
    actions: {
      start() {
        if (useTraining.getState().status === 'diverged') return;
        useTraining.setState({ status: 'running', error: null });
        void ensureTrainer().then((t) => {
          if (t && t === trainer && useTraining.getState().status === 'running') t.run();
        });
      },
      pause() {
        useTraining.setState({ status: 'paused' });
        trainer?.pause(); // the worker answers with a last report and the weights
      },
      stepOnce() {
        if (useTraining.getState().status === 'diverged') return;
        useTraining.setState({ status: 'paused', error: null });
        trainer?.pause();
        void ensureTrainer().then((t) => t?.stepOnce());
      },
      reset() {
        stopTraining(true);
        void recompute();
      },
      restoreLastGood() {
        // `current` already holds the last good weights; continue from them with a fresh optimizer.
        dropTrainer();
        useTraining.setState({ status: 'paused', divergence: null });
        void recompute();
      },
    },
  });
  void recompute();
}
