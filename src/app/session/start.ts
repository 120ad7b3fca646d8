/**
 * The page's session: the real dependencies (the trace dispatcher, the shared training host,
 * seeded init or shipped checkpoints, the backend store) and the read-only test hooks. App.tsx
 * loads this module with TF.js once the backend is ready and calls startSession() once.
 */
import * as tf from '@tensorflow/tfjs-core';
import { unlessContextLost, webglContextLost } from '../../engine/backend/webglContext';
import { initModelFor } from '../../config/inputs';
import { type Config, weightsKey } from '../../config/config';
import { backendSettled, sharedBackendWork, useBackendStore } from '../../store/backend';
import { useConfig } from '../../store/config';
import { useTraining } from '../../store/training';
import { useUi } from '../../store/ui';
import { errorMessage } from '../../engine/util';
import { trainerHostOrSayWhy, trainerMemory } from '../../workers/sharedTrainerHost';
import { type TraceStats, viewTraces } from '../../workers/traceDispatch';
import { remeasureIfResized } from '../backendControl';
import { AdoptingCheckpoint, loadCheckpoint } from '../checkpoint-loader';
import type { SessionDeps } from './contracts';
import { Session } from './session';

const pageDeps: SessionDeps = {
  config: () => useConfig.getState(),
  backendSettled,
  backendName: () => useBackendStore.getState().info?.name,
  lostToContext: (ranOn) => ranOn === 'webgl' && webglContextLost(),
  // Imported weights live in their lane; any other lane of an 'imported' config is seeded.
  baseModel: (c, cell, task) =>
    c.weights === 'trained'
      ? loadCheckpoint({ ...c, cell }, task).catch((e: unknown) => showSeededInstead(e, c))
      : Promise.resolve(initModelFor(c, cell, task)),
  // In the trace worker on cpu and wasm (traceDispatch.ts); no backend switch while it runs,
  // except the switch away from a lost WebGL context, which the trace does not outlast.
  trace: (lane, model, sequence, clamps) =>
    sharedBackendWork(() => unlessContextLost(viewTraces.trace(lane, model, sequence, clamps))),
  trainerHost: trainerHostOrSayWhy,
  trainSettings: () => useTraining.getState().settings,
  isAdopting: (e) => e instanceof AdoptingCheckpoint,
};

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

/**
 * A checkpoint that cannot load (none for this cell and task, or the network is gone): the
 * weights selector goes back to what will be on screen, seeded random weights, and a message
 * says why. The config change recomputes; this recompute ends quietly.
 */
function showSeededInstead(e: unknown, asked: Config): never {
  // A late failure for a config the user has since left is not theirs to hear about.
  if (e instanceof AdoptingCheckpoint || weightsKey(useConfig.getState()) !== weightsKey(asked))
    throw e;
  useConfig.getState().set({ weights: 'random' });
  useUi
    .getState()
    .setFlash(
      `Could not load the trained checkpoint: ${errorMessage(e).replace(/\.$/, '')}. The seeded random weights are shown; choose “trained checkpoint” again to retry.`,
    );
  throw new AdoptingCheckpoint();
}

let session: Session | null = null;

/** Starts the page's one session (once). */
export function startSession(): void {
  if (session) return;
  window.__gatescopeMemory = () => {
    const m = tf.memory();
    return { numTensors: m.numTensors, numBytes: m.numBytes };
  };
  window.__gatescopeTrainerMemory = trainerMemory;
  window.__gatescopeTraces = () => viewTraces.stats();
  session = new Session(pageDeps, remeasureIfResized);
  session.start();
}
