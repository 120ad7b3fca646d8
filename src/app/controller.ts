/**
 * The engine controller: the one place config turns into a model, a sequence and a trace.
 * Loaded with TF.js (lazily, after the shell paints). It subscribes to the config slice,
 * recomputes the trace once per change (dropping results that a newer change overtook), and
 * runs training in short slices between frames so the page never freezes.
 */
import * as tf from '@tensorflow/tfjs-core';
import { webglContextLost } from '../engine/backend';
import { Rng } from '../engine/rng';
import { createTask, type Task } from '../engine/tasks/task';
import { runTrace } from '../engine/trace';
import { Trainer, isDivergence } from '../engine/train';
import type { Model } from '../engine/types';
import { weightsFingerprint } from '../engine/weights/fingerprint';
import { recurrentSpectralRadii } from '../engine/linalg';
import {
  type Config,
  clampsFor,
  interventionKey,
  sanitize,
  sequenceSeed,
  useConfig,
  weightsKey,
} from '../store/config';
import { backendSettled, useBackendStore } from '../store/backend';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { appendPoint, useTraining } from '../store/training';
import { useUi } from '../store/ui';
import { remeasureIfResized } from './backendControl';
import { AdoptingCheckpoint } from './checkpoint-loader';
import { buildBaseModel, errorMessage } from './models';

/** Training slices: run updates for at most this long, then give the frame back. */
const SLICE_MS = 24;
/** While training, redraw the trace from the current weights this often. */
const RETRACE_MS = 400;

let generation = 0;
/** The weights the views show when not training (init or checkpoint), per model key. */
let base: { key: string; model: Model } | null = null;
let trainer: Trainer | null = null;
let current: Model | null = null;
let task: Task | null = null;
let lastRetrace = 0;

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

/** Recomputes the trace for the current config (and, while training, the current weights). */
async function recompute(): Promise<void> {
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
    const model = current ?? base.model;
    const sequence = t.sample(new Rng(sequenceSeed(c.seed)));
    const t0 = performance.now();
    const trace = await runTrace(model, sequence, {
      clamps: clampsFor(c, model.spec.cell, sequence.length),
    });
    if (my !== generation) return;
    traceStore({
      status: 'ready',
      source: 'live',
      trace,
      sequence,
      task: t,
      weights: model.weights,
      fingerprint: weightsFingerprint(model.weights),
      spectralRadii: recurrentSpectralRadii(model.spec, model.weights),
      computeMs: performance.now() - t0,
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

function stopTraining(resetHistory: boolean): void {
  trainer?.dispose();
  trainer = null;
  if (resetHistory) {
    current = base?.model ?? null;
    useTraining.setState({
      status: 'idle',
      steps: 0,
      history: [],
      stepsPerSec: 0,
      divergence: null,
    });
  }
}

function ensureTrainer(): Trainer | null {
  if (trainer) return trainer;
  if (!current || !task) return null;
  try {
    trainer = new Trainer(current, task, useTraining.getState().settings);
    return trainer;
  } catch (e) {
    useTrace.setState({ error: errorMessage(e) });
    return null;
  }
}

async function trainSlice(once: boolean): Promise<void> {
  await backendSettled(); // never build a trainer on a backend that is being measured
  const tr = ensureTrainer();
  if (!tr) return;
  const start = performance.now();
  let done = 0;
  while (true) {
    const r = await tr.step();
    if (trainer !== tr) return; // reset or reconfigured meanwhile
    if (isDivergence(r)) {
      current = await tr.model();
      useTraining.setState({ status: 'diverged', divergence: r.reason, steps: tr.steps });
      void recompute();
      return;
    }
    done++;
    useTraining.setState((s) => ({
      steps: r.step,
      history: appendPoint(s.history, { step: r.step, loss: r.loss, metric: r.metric }),
    }));
    if (once || performance.now() - start > SLICE_MS) break;
  }
  const elapsed = performance.now() - start;
  useTraining.setState((s) => ({
    stepsPerSec: 0.8 * s.stepsPerSec + 0.2 * ((1000 * done) / Math.max(elapsed, 1)),
  }));
  if (once || performance.now() - lastRetrace > RETRACE_MS) {
    lastRetrace = performance.now();
    const m = await tr.model();
    if (trainer !== tr) return; // dropped meanwhile (reset, backend switch): keep `current`
    current = m;
    await recompute();
  }
}

function loop(): void {
  if (useTraining.getState().status !== 'running') return;
  void trainSlice(false).then(() => setTimeout(loop, 0));
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
 * a re-measurement chose another). The trainer's tensors may have died with a lost context,
 * but `current` holds the last weights read back as plain JS and the history is in the store:
 * drop the trainer, pause (Train resumes on the new backend from `current`) and redraw.
 */
export function onBackendChanged(): void {
  const old = trainer;
  trainer = null;
  try {
    old?.dispose();
  } catch {
    // Its variables lived on the lost context; nothing left to free.
  }
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
  }
}

export function startController(): void {
  window.__gatescopeMemory = () => {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  };
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
        useTraining.setState({ status: 'running' });
        loop();
      },
      pause() {
        useTraining.setState({ status: 'paused' });
      },
      stepOnce() {
        if (useTraining.getState().status === 'diverged') return;
        useTraining.setState({ status: 'paused' });
        void trainSlice(true);
      },
      reset() {
        stopTraining(true);
        void recompute();
      },
      restoreLastGood() {
        // `current` already holds the last good weights; continue from them with a fresh optimizer.
        trainer?.dispose();
        trainer = null;
        useTraining.setState({ status: 'paused', divergence: null });
        void recompute();
      },
    },
  });
  void recompute();
}
