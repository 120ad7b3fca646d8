/**
 * Starting TF.js and keeping it on the right backend. Loaded lazily with TF.js (after the
 * page's first frame); publishes everything to the backend store.
 *
 * With no request in the link it measures cpu, wasm and WebGL on a model of the current
 * config's size and keeps the fastest (engine/backend-measure.ts); the measurement doubles as
 * the WebGL shader warm-up, so it runs before the first live trace, with progress in the badge.
 * A link (`backend=cpu|wasm|webgl`) or the badge's menu forces one backend instead. A lost
 * WebGL context moves the page to cpu. Every change of backend goes through
 * exclusiveBackendWork, and the session holds the backend while it traces (sharedBackendWork).
 */
import { activateBackend, initBackend } from '../engine/backend/activate';
import type { BackendInfo, BackendOptions } from '../engine/backend/backends';
import { switchToCpu, watchContextLoss } from '../engine/backend/webglContext';
import {
  notWorthRemeasuring,
  MEASURE_MAX_STEPS,
  firstSteps,
  sizeChangedALot,
  workloadLabel,
  workloadSize,
} from '../engine/backend/choice';
import { type Workload, chooseFastestBackend } from '../engine/backend/measure';
import { registerFusedWebgl } from '../engine/fused/webgl';
import { dispatchTrace } from '../engine/trace';
import { compileShaders } from '../engine/backend/webgl-warmup';
import { type BackendMode, exclusiveBackendWork, useBackendStore } from '../store/backend';
import { type Config, DEFAULT_CONFIG } from '../config/config';
import { useConfig } from '../store/config';
import { setLinkBackend } from '../store/url/stores';
import { initModelFor, sequenceFor, taskFor } from '../config/inputs';
import { errorMessage } from '../engine/util';
import { importWithRetry } from '../ui/lazyPart';

// Fetched on first use (retried: the menu may ask for wasm after the network dropped).
const prepareWasm = () =>
  importWithRetry(() => import('../workers/wasmBackend')).then((m) => m.prepareWasm());

// The fused cell kernels for WebGL (cpu and wasm register theirs with the engine), before any
// trace runs, so the measurement times what the page will run. Idempotent.
registerFusedWebgl();

const set = useBackendStore.setState;

/** The size (workloadSize) the current choice was measured at. */
let measuredSize = 0;

function taskOrDefault(c: Config) {
  try {
    return taskFor(c);
  } catch {
    return taskFor(DEFAULT_CONFIG); // text the custom task rejects: time the default's size
  }
}

function sizeOf(c: Config): number {
  return workloadSize(c.cell, taskOrDefault(c).length, c.hiddenSize);
}

/**
 * A model and sequence of the current config's size: what the page will trace, cut to its
 * first MEASURE_MAX_STEPS steps (`cut` says whether it was).
 */
function workloadFor(c: Config): Workload & { size: number; cut: boolean } {
  const task = taskOrDefault(c);
  const sequence = sequenceFor(c, task);
  return {
    model: initModelFor(c, c.cell, task),
    sequence: firstSteps(sequence, MEASURE_MAX_STEPS),
    label: workloadLabel(c.cell, sequence.length, c.hiddenSize),
    size: sizeOf(c),
    cut: sequence.length > MEASURE_MAX_STEPS,
  };
}

/**
 * Measures the backends on the config's size and makes the fastest active. Measuring again
 * (`again`), backends that lost by far last time are left out (notWorthRemeasuring).
 */
async function measureAndChoose(c: Config, again = false): Promise<void> {
  const work = workloadFor(c);
  const { choice, info } = await chooseFastestBackend(work, {
    prepareWasm,
    leaveOut: again ? notWorthRemeasuring(useBackendStore.getState().choice) : [],
    onProgress: (progress) => set({ progress }),
  });
  measuredSize = work.size;
  const failed = choice.timings.filter((t) => t.failed).map((t) => [t.name, t.skipped]);
  set((s) => ({ choice, info, unavailable: { ...s.unavailable, ...Object.fromEntries(failed) } }));
  watchWebgl(info);
  // Timed on the first steps only: WebGL's programs for the full length are still to compile
  // (still inside this backend work, so no trace runs before they are).
  if (work.cut) await warmUpWebgl(info);
}

/**
 * WebGL was made active without measuring (the menu, a link): compiles the current model's
 * shader programs in short tasks (engine/webgl-warmup.ts), so the first live trace does not
 * compile them in one main-thread task of ~1 s (software WebGL). What it misses (a what-if's
 * programs) the trace compiles as before.
 */
async function warmUpWebgl(info: BackendInfo): Promise<void> {
  if (info.name !== 'webgl') return;
  const c = useConfig.getState();
  const task = taskOrDefault(c);
  const model = initModelFor(c, c.cell, task);
  await compileShaders(() => dispatchTrace(model, sequenceFor(c, task)));
}

/** Installs the context-loss fallback whenever WebGL becomes the active backend. */
function watchWebgl(info: BackendInfo): void {
  if (info.name !== 'webgl') return;
  watchContextLoss(() => {
    set((s) => ({ unavailable: { ...s.unavailable, webgl: 'the WebGL context was lost' } }));
    // Lost while another backend runs (the user switched away): nothing else to do.
    if (useBackendStore.getState().info?.name !== 'webgl') return;
    // The session sees `info` change and recomputes; `status` stays 'ready'.
    exclusiveBackendWork(switchToCpu).then(
      (cpu) => set({ info: cpu }),
      (err: unknown) => set({ status: 'failed', error: errorMessage(err) }),
    );
  });
}

/** A link's `?backend=` would override the menu on reload; the menu's choice lives in the hash. */
function dropBackendQuery(): void {
  const url = new URL(window.location.href);
  if (!url.searchParams.has('backend')) return;
  url.searchParams.delete('backend');
  window.history.replaceState(window.history.state, '', url.href);
}

/** The badge's menu: another backend, or back to the measured fastest. */
function select(mode: BackendMode): void {
  const before = useBackendStore.getState();
  if (mode === before.mode && !before.switchError) return;
  set({
    mode,
    switchError: null,
    progress: mode === 'auto' ? 'Measuring…' : `Switching to ${mode}…`,
  });
  setLinkBackend(mode === 'auto' ? null : mode);
  dropBackendQuery();
  void exclusiveBackendWork(async () => {
    const previous = useBackendStore.getState().info;
    try {
      const c = useConfig.getState();
      const { choice } = useBackendStore.getState();
      if (mode !== 'auto') {
        const info = await activateBackend(mode, { prepareWasm });
        await warmUpWebgl(info);
        set({ info });
        watchWebgl(info);
      } else if (choice && !sizeChangedALot(measuredSize, sizeOf(c))) {
        const info = await activateBackend(choice.name, { prepareWasm });
        await warmUpWebgl(info);
        set({ info });
        watchWebgl(info);
      } else {
        await measureAndChoose(c);
      }
    } catch (err) {
      // Stay on (or go back to) the backend that worked, and say why the switch failed.
      if (previous) await activateBackend(previous.name, { prepareWasm }).catch(() => undefined);
      setLinkBackend(before.mode === 'auto' ? null : before.mode);
      const name = mode === 'auto' ? 'measuring' : mode;
      set((s) => ({
        mode: before.mode,
        switchError: `${name} failed: ${errorMessage(err)}`,
        unavailable:
          mode === 'auto' ? s.unavailable : { ...s.unavailable, [mode]: errorMessage(err) },
      }));
    } finally {
      set({ progress: null });
    }
  });
}

/**
 * The model's size changed a lot since the last measurement (and the backend is the measured
 * one): measure again before the next trace, which waits for it (backendSettled). Called by the
 * session before each recompute of the single view; never while a trainer holds tensors, as a switch
 * would pause it. The compare view does not call it: its three cells share the single view's
 * config sizes, which the choice was made for.
 */
export function remeasureIfResized(c: Config, training: boolean): void {
  const s = useBackendStore.getState();
  if (training || s.mode !== 'auto' || s.status !== 'ready' || !s.choice) return;
  const size = sizeOf(c);
  if (!sizeChangedALot(measuredSize, size)) return;
  measuredSize = size; // one re-measure per change, even while it waits in the queue
  void exclusiveBackendWork(async () => {
    try {
      await measureAndChoose(useConfig.getState(), true);
    } catch (err) {
      set({ switchError: `measuring failed: ${errorMessage(err)}` });
    } finally {
      set({ progress: null });
    }
  });
}

let started: Promise<void> | undefined;

/** Starts TF.js: the requested backend, or the fastest measured here. Once per page. */
export function startBackend(request: BackendOptions): Promise<void> {
  started ??= start(request);
  return started;
}

async function start(request: BackendOptions): Promise<void> {
  const mode: BackendMode = request.disableWebgl ? 'cpu' : (request.preferred ?? 'auto');
  set({ mode, select });
  try {
    await exclusiveBackendWork(async () => {
      if (mode === 'auto') {
        await measureAndChoose(useConfig.getState());
      } else {
        // A forced backend falls back to cpu with the reason in its label, as before.
        const info = await initBackend({ ...request, prepareWasm });
        const reason = info.name !== mode && info.fallbackReason;
        set((s) => ({
          info,
          unavailable: reason ? { ...s.unavailable, [mode]: reason } : s.unavailable,
        }));
        watchWebgl(info);
        if (info.name === 'webgl') set({ progress: 'Warming up WebGL…' });
        await warmUpWebgl(info);
      }
    });
    set({ status: 'ready', progress: null });
  } catch (err) {
    set({ status: 'failed', error: errorMessage(err), progress: null });
  }
}
