/**
 * The messages between the page (trainerHost.ts) and the training runner (trainRunner.ts), which
 * lives in a Web Worker (trainWorker.ts) or, when no worker can start, in the page itself. Plain
 * data only: everything here survives structured cloning, and weights travel as Float32Arrays
 * whose buffers are transferred (the runner sends copies, never a live tensor's storage).
 *
 * Trainers are named by a number the page picks and never reuses, so a message about a trainer
 * the page has since dropped (a report already in flight when Reset was clicked) finds no one
 * and is ignored.
 */
import type { LossPoint } from '../engine/lossHistory';
import type { TaskRecipe } from '../config/inputs';
import type { BackendName } from '../engine/backend/backends';
import type { TrainConfig } from '../engine/train-config';
import type { Model } from '../engine/types';

export type RunnerBackend = 'cpu' | 'wasm';

export interface StartRequest {
  model: Model;
  task: TaskRecipe;
  settings: TrainConfig;
  /** While running, send the current weights this often (the page retraces from them). */
  weightsEveryMs: number;
}

export type ToRunner =
  /** First message: activate `backend` (wasm falls back to cpu); answered by 'ready' or 'error'. */
  | { type: 'init'; backend: RunnerBackend; faults: string[] }
  /** The page's backend changed: follow it (answered by 'backend'). */
  | { type: 'backend'; backend: RunnerBackend }
  | ({ type: 'start'; id: number } & StartRequest)
  /** Train these until paused, one update each in turn. */
  | { type: 'run'; ids: number[] }
  /** Stop after the update in progress; answered by a last report and the weights. */
  | { type: 'pause'; ids: number[] }
  /** One update ("One update"), then a report and the weights. */
  | { type: 'step'; id: number }
  | { type: 'drop'; id: number }
  | { type: 'memory'; request: number };

export interface ReportItem {
  id: number;
  /** the updates since the last report, oldest first */
  points: LossPoint[];
  steps: number;
  /** updates per second over the report window; null when it did not run through one */
  stepsPerSec: number | null;
}

export interface WeightsItem {
  id: number;
  model: Model;
  steps: number;
  /**
   * recurrentSpectralRadii of these weights, computed here: ~30 ms at H = 64 that the page
   * would otherwise spend on every retrace while training.
   */
  spectralRadii: number[];
}

export type FromRunner =
  /** `backend` is where the updates run: cpu or wasm in the worker, the page's own in the page. */
  | { type: 'ready'; backend: BackendName; label: string }
  | { type: 'backend'; backend: BackendName; label: string }
  | { type: 'report'; items: ReportItem[] }
  /** Weights of several trainers in one message, so the page retraces once for all of them. */
  | { type: 'weights'; items: WeightsItem[] }
  /** Stopped at a non-finite loss or gradient; `model` is the last good weights. */
  | { type: 'diverged'; id: number; reason: string; steps: number; model: Model }
  /** id null: the runner itself failed (e.g. init); otherwise that trainer stopped. */
  | { type: 'error'; id: number | null; message: string }
  | { type: 'memory'; request: number; numTensors: number; numBytes: number };

/** The runner's backend for a page backend: WebGL stays with the page (it draws the traces). */
export function runnerBackendFor(page: BackendName): RunnerBackend {
  return page === 'cpu' ? 'cpu' : 'wasm';
}

/** The buffers to transfer with a message carrying models (each one's own copy). */
export function buffersOf(models: Model[]): ArrayBuffer[] {
  return models.flatMap((m) =>
    Object.values(m.weights).map((a: Float32Array) => a.buffer as ArrayBuffer),
  );
}
