/**
 * The messages between the page (traceHost.ts) and the trace runner (traceRunner.ts) in the
 * trace worker (traceWorker.ts). Plain data only: a request carries a copy of the model and the
 * sequence (the page keeps its own), and the answer's Trace is typed arrays and numbers whose
 * buffers are transferred, so nothing is copied on the way back.
 *
 * Requests are numbered by the page and never renumbered: an answer whose number the page no
 * longer waits for (a newer request overtook it) is dropped there.
 */
import type { GateClamp } from '../engine/interventions';
import type { Trace } from '../engine/trace';
import type { Model, Sequence } from '../engine/types';
import type { RunnerBackend } from './trainProtocol';

export interface TraceRequest {
  /** The page's backend: the worker traces on exactly this one, or declines ('unavailable'). */
  backend: RunnerBackend;
  model: Model;
  sequence: Sequence;
  clamps: GateClamp[];
  /** Also compute recurrentSpectralRadii (~30 ms at H = 64): the page has not seen these weights. */
  spectralRadii: boolean;
}

export type ToTraceRunner =
  /** First message: activate `backend` to have it warm; answered by 'ready' either way. */
  | { type: 'init'; backend: RunnerBackend }
  | ({ type: 'trace'; id: number } & TraceRequest)
  | { type: 'stats'; id: number };

/** What the worker says about itself (the e2e and soak hooks read it). */
export interface TraceRunnerStats {
  /** traces computed here since the worker started */
  traces: number;
  /** TF.js's active backend here, or null before the first */
  backend: string | null;
  numTensors: number;
  numBytes: number;
}

export type FromTraceRunner =
  /** `error`: why the init backend could not be activated (null when it was). */
  | { type: 'ready'; backend: RunnerBackend; error: string | null }
  /** `ms`: the trace alone, as the page times its own (no queueing, no transfer). */
  | { type: 'trace'; id: number; trace: Trace; ms: number; spectralRadii: number[] | null }
  /** How far request `id` has got: `done` of `total` recurrence steps (engine/progress.ts). */
  | { type: 'progress'; id: number; done: number; total: number }
  /** The engine refused or failed: `message` is its error's text (e.g. an EngineInputError). */
  | { type: 'error'; id: number; message: string }
  /** The request's backend cannot be activated here; the page traces it itself. */
  | { type: 'unavailable'; id: number; backend: RunnerBackend; reason: string }
  | ({ type: 'stats'; id: number } & TraceRunnerStats);

/** Every distinct buffer under a trace (most arrays are views of one read-back buffer). */
export function traceBuffers(trace: Trace): ArrayBuffer[] {
  const buffers = new Set<ArrayBuffer>();
  const add = (a: ArrayBufferView | undefined) => {
    if (a) buffers.add(a.buffer as ArrayBuffer);
  };
  const { grad, series } = trace;
  [trace.x, trace.h, trace.c, trace.y, trace.stepLoss, trace.mask].forEach(add);
  [grad.h, grad.c, grad.x].forEach(add);
  [trace.gates, grad.pre, grad.weights, series].forEach((group) =>
    Object.values(group as Record<string, ArrayBufferView | undefined>).forEach(add),
  );
  return [...buffers];
}
