/**
 * The current trace and what it was computed from. The trace's big typed arrays are held by
 * reference (never copied into reactive state); views read them straight from here.
 */
import { create } from 'zustand';
import type { Task } from '../engine/tasks/task';
import type { Trace } from '../engine/trace';
import type { Model, Sequence, Weights } from '../engine/types';
import type { Config } from '../config/config';

/**
 * 'precomputed': the shipped trace of this very config is on screen while TF.js starts
 * (app/precomputed.ts); 'waiting': no engine yet and no trace of the current config.
 */
export type TraceStatus = 'waiting' | 'precomputed' | 'computing' | 'ready' | 'error';

/** The single view's lane in the session and the trace dispatcher (the compare view has three). */
export const SINGLE_VIEW_LANE = 'view';

/** How far a long trace in the worker has got: `done` of `total` recurrence steps (2·T). */
export interface TraceProgress {
  done: number;
  total: number;
}

/** Where the trace on screen came from: nowhere yet, the shipped file, or the engine. */
export type TraceSource = 'none' | 'precomputed' | 'live';

interface TraceState {
  status: TraceStatus;
  source: TraceSource;
  trace: Trace | null;
  sequence: Sequence | null;
  task: Task | null;
  weights: Weights | null;
  /** short hash of the weights, so a class can check everyone sees the same network */
  fingerprint: string;
  /** spectral radius of each recurrent block of W_hh */
  spectralRadii: number[];
  /** ms the last trace took (forward + BPTT + read-back) */
  computeMs: number;
  /** the last problem, shown inline; the previous trace stays on screen */
  error: string | null;
  /** a note about where the weights came from (e.g. which checkpoint) */
  note: string | null;
  /** why traces run on the page's main thread although the trace worker should compute them */
  fallback: string | null;
  /** how far the trace being computed has got; null when none is reported (short or on the page) */
  progress: TraceProgress | null;
  /**
   * Shows an imported model with the config it implies (`patch`) and a note saying where it came
   * from; null until the session (loaded with TF.js) installs it.
   */
  adopt: ((model: Model, patch: Partial<Config>, note: string) => void) | null;
}

export const useTrace = create<TraceState>()(() => ({
  status: 'waiting',
  source: 'none',
  trace: null,
  sequence: null,
  task: null,
  weights: null,
  fingerprint: '',
  spectralRadii: [],
  computeMs: 0,
  error: null,
  note: null,
  fallback: null,
  progress: null,
  adopt: null,
}));
