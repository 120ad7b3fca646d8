/**
 * Which TF.js backend runs the network, why, and what is happening to it. Plain state: the
 * work (loading TF.js, measuring, switching) lives in app/backendControl.ts, which is loaded
 * with TF.js and installs `select`. Importing this file pulls in no TF.js.
 */
import { create } from 'zustand';
import type { BackendInfo } from '../engine/backend/backends';
import type { BackendName } from '../engine/backend/backends';
import type { BackendChoice } from '../engine/backend/choice';

/** Where TF.js start-up stands; views wait for 'ready' before running the engine. */
export type BackendStatus = 'starting' | 'ready' | 'failed';

/** 'auto': the backend measured fastest here; otherwise the one a link or the menu asked for. */
export type BackendMode = 'auto' | BackendName;

interface BackendState {
  status: BackendStatus;
  /** The active backend; set once status is 'ready'. */
  info?: BackendInfo;
  /** Set once status is 'failed'. */
  error?: string;
  mode: BackendMode;
  /** The last measurement and its verdict (kept after an override, for the tooltip). */
  choice?: BackendChoice;
  /** What is under way, e.g. "Warming up WebGL… 3/3"; null when idle. */
  progress: string | null;
  /** Why a backend cannot be used (it failed to start, or lost its context). */
  unavailable: Partial<Record<BackendName, string>>;
  /** The last switch the user asked for that failed, and why; cleared by the next switch. */
  switchError: string | null;
  /** Switches to a backend, or back to the measured choice; null until TF.js has loaded. */
  select: ((mode: BackendMode) => void) | null;
}

export const useBackendStore = create<BackendState>()(() => ({
  status: 'starting',
  mode: 'auto',
  progress: null,
  unavailable: {},
  switchError: null,
  select: null,
}));

let queue: Promise<unknown> = Promise.resolve();
/** Work running on the active backend (traces) that a switch must wait for. */
const inUse = new Set<Promise<unknown>>();

/**
 * Runs `work` after every earlier piece of backend work (start-up, measuring, switching) and
 * after every trace already running on the backend (sharedBackendWork): nothing may change
 * TF.js's active backend under either.
 */
export function exclusiveBackendWork<T>(work: () => Promise<T>): Promise<T> {
  const run = queue.then(() => Promise.allSettled([...inUse])).then(work);
  queue = run.catch(() => undefined);
  return run;
}

/**
 * Runs `work` (a trace) on the active backend once the backend work queued so far is done,
 * holding it: a switch asked for meanwhile waits until `work` settles. The check that no new
 * exclusive work was queued while waiting runs in the same microtask as the registration, so a
 * switch queued later always sees `work` in `inUse`.
 */
export async function sharedBackendWork<T>(work: () => Promise<T>): Promise<T> {
  for (;;) {
    const settled = queue;
    await settled;
    if (settled === queue) break;
  }
  const run = work();
  inUse.add(run);
  void run.catch(() => undefined).finally(() => inUse.delete(run));
  return run;
}

/**
 * Resolves once the backend work queued so far is done. The session waits for it
 * before running TF.js, so a trace never runs on a backend that is being measured.
 */
export function backendSettled(): Promise<void> {
  return queue.then(() => undefined);
}
