/**
 * Live training as the UI sees it: status, a decimated loss history, speed, divergence, where it
 * runs. The session drives the trainer (in the training worker) and fills this in;
 * buttons call `actions`, which are no-ops until the session (loaded with TF.js) installs the
 * real ones.
 */
import { create } from 'zustand';
import type { LossPoint } from '../engine/lossHistory';
import { DEFAULT_TRAIN, type TrainConfig } from '../engine/train-config';

export type TrainingStatus = 'idle' | 'running' | 'paused' | 'diverged';

export interface TrainingActions {
  start(): void;
  pause(): void;
  stepOnce(): void;
  /** back to the weights the current settings give (random init or checkpoint) */
  reset(): void;
  /** after a divergence: continue from the last good weights */
  restoreLastGood(): void;
}

interface TrainingState {
  status: TrainingStatus;
  settings: TrainConfig;
  steps: number;
  history: LossPoint[];
  stepsPerSec: number;
  /** why training stopped, when it diverged */
  divergence: string | null;
  /** where training runs and on which backend, shown next to its speed; null until it starts */
  runsOn: string | null;
  /** training left the worker for the main thread, and why (kept in the status line) */
  fallback: string | null;
  /** the last training failure (a step threw, the worker stopped); cleared by Train and Reset */
  error: string | null;
  actions: TrainingActions;
  setSettings(patch: Partial<TrainConfig>): void;
}

const noop = () => {};
export const useTraining = create<TrainingState>()((set) => ({
  status: 'idle',
  settings: { ...DEFAULT_TRAIN },
  steps: 0,
  history: [],
  stepsPerSec: 0,
  divergence: null,
  runsOn: null,
  fallback: null,
  error: null,
  actions: { start: noop, pause: noop, stepOnce: noop, reset: noop, restoreLastGood: noop },
  setSettings: (patch) => set((s) => ({ settings: { ...s.settings, ...patch } })),
}));
