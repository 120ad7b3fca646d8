/**
 * The page's client for the trace worker (traceWorker.ts): sends trace requests, matches each
 * answer to its request by number, and turns a worker that cannot help into one error the
 * caller recognises (TraceWorkerUnavailable), so it can trace on the page instead.
 *
 * One trace is in flight at a time, and each caller names a lane ('view', 'compare:lstm', …):
 * a newer request in a lane replaces one still waiting there and settles an older one in flight
 * with null at once, so the worker never spends time on a picture nobody will see (dragging a
 * slider sends one request per step) and a late answer to an overtaken request is dropped.
 */
import type { StepProgressSink } from '../engine/progress';
import type { Trace } from '../engine/trace';
import type {
  FromTraceRunner,
  ToTraceRunner,
  TraceRequest,
  TraceRunnerStats,
} from './traceProtocol';
import type { RunnerBackend } from './trainProtocol';
import { WORKER_READY_TIMEOUT_MS, type WorkerPort, portOver, readyWithin } from './workerPort';

/** What the worker cannot do for a request, as a reason to show: the page traces it instead. */
export class TraceWorkerUnavailable extends Error {}

export interface TraceAnswer {
  trace: Trace;
  /** ms the trace took in the worker */
  ms: number;
  /** recurrentSpectralRadii, when asked for */
  spectralRadii: number[] | null;
}

/** One end of the channel to the trace runner: a Worker (or, in tests, a runner in-process). */
export type TracePort = WorkerPort<ToTraceRunner, FromTraceRunner>;

/** A worker silent this long about a trace is given up on (a trace takes well under a second). */
export const TRACE_ANSWER_TIMEOUT_MS = 60_000;

interface Pending {
  id: number;
  lane: string;
  req: TraceRequest;
  onProgress?: StepProgressSink;
  settle(answer: TraceAnswer | null, error?: Error): void;
}

export class TraceHost {
  private nextId = 1;
  private inFlight: Pending | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  /** The latest waiting request per lane, in the order the lanes first asked. */
  private readonly waiting = new Map<string, Pending>();
  private readonly statsWaiters = new Map<number, (s: TraceRunnerStats | null) => void>();
  /** Backends the worker could not activate, with why; their traces stay on the page. */
  private readonly unavailable = new Map<RunnerBackend, string>();
  private failed: string | null = null;
  private settleReady: { resolve(): void; reject(e: Error): void } | null = null;
  /** Resolves once the worker answered its init; rejects with why it could not start. */
  readonly ready: Promise<void>;
  /** Called once, when the worker fails for good (after every waiting request heard it). */
  onFailure: (reason: string) => void = () => {};

  constructor(
    private readonly port: TracePort,
    backend: RunnerBackend,
    private readonly answerTimeoutMs = TRACE_ANSWER_TIMEOUT_MS,
  ) {
    this.ready = new Promise((resolve, reject) => (this.settleReady = { resolve, reject }));
    this.ready.catch(() => undefined); // also told through onFailure and the requests
    port.listen(
      (msg) => this.receive(msg),
      (reason) => this.fail(reason),
    );
    this.port.send({ type: 'init', backend });
  }

  /** True once the worker failed; nothing more is sent to it. */
  get dead(): boolean {
    return this.failed !== null;
  }

  /**
   * The trace for `req`, computed in the worker. Null when a newer request in `lane` overtook
   * it. Rejects with the engine's message when the engine refused it, and with a
   * TraceWorkerUnavailable when the worker cannot run it (its backend, or the worker is gone).
   * `onProgress` hears how far it has got while the worker computes it (long traces only).
   */
  trace(
    lane: string,
    req: TraceRequest,
    onProgress?: StepProgressSink,
  ): Promise<TraceAnswer | null> {
    if (this.failed) return Promise.reject(this.gone());
    return new Promise((resolve, reject) => {
      let settled = false;
      const pending: Pending = {
        id: this.nextId++,
        lane,
        req,
        onProgress,
        settle(answer, error) {
          if (settled) return;
          settled = true;
          if (error) reject(error);
          else resolve(answer);
        },
      };
      this.waiting.get(lane)?.settle(null);
      this.waiting.set(lane, pending);
      if (this.inFlight?.lane === lane) this.inFlight.settle(null);
      this.sendNext();
    });
  }

  /** What the worker says about itself; null once it failed. */
  stats(): Promise<TraceRunnerStats | null> {
    if (this.failed) return Promise.resolve(null);
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.statsWaiters.set(id, resolve);
      this.port.send({ type: 'stats', id });
    });
  }

  /** Stops the worker; every waiting request is told `reason`, as a TraceWorkerUnavailable. */
  fail(reason: string): void {
    if (this.failed) return;
    this.failed = reason;
    clearTimeout(this.timer);
    this.port.close();
    this.settleReady?.reject(new Error(reason));
    const gone = this.gone();
    this.inFlight?.settle(null, gone);
    this.inFlight = null;
    for (const p of this.waiting.values()) p.settle(null, gone);
    this.waiting.clear();
    for (const resolve of this.statsWaiters.values()) resolve(null);
    this.statsWaiters.clear();
    this.onFailure(reason);
  }

  receive(msg: FromTraceRunner): void {
    if (this.failed) return;
    switch (msg.type) {
      case 'ready':
        if (msg.error !== null) this.unavailable.set(msg.backend, msg.error);
        this.settleReady?.resolve();
        return;
      case 'stats': {
        const { type: _type, id, ...stats } = msg;
        this.statsWaiters.get(id)?.(stats);
        this.statsWaiters.delete(id);
        return;
      }
      case 'progress':
        if (this.inFlight?.id === msg.id) this.inFlight.onProgress?.(msg.done, msg.total);
        return;
      case 'trace':
      case 'error':
      case 'unavailable': {
        const p = this.inFlight;
        if (!p || p.id !== msg.id) return; // not the request in flight: stale, dropped
        clearTimeout(this.timer);
        this.inFlight = null;
        if (msg.type === 'trace') {
          p.settle({ trace: msg.trace, ms: msg.ms, spectralRadii: msg.spectralRadii });
        } else if (msg.type === 'error') {
          p.settle(null, new Error(msg.message));
        } else {
          this.unavailable.set(msg.backend, msg.reason);
          p.settle(null, this.cannotUse(msg.backend));
        }
        this.sendNext();
        return;
      }
    }
  }

  private gone(): TraceWorkerUnavailable {
    return new TraceWorkerUnavailable(`the trace worker stopped (${this.failed})`);
  }

  private cannotUse(backend: RunnerBackend): TraceWorkerUnavailable {
    const why = this.unavailable.get(backend);
    return new TraceWorkerUnavailable(`the trace worker could not use ${backend} (${why})`);
  }

  /** Sends the oldest waiting request when none is in flight. */
  private sendNext(): void {
    while (!this.inFlight && !this.failed) {
      const next = this.waiting.values().next();
      if (next.done) return;
      const p = next.value;
      this.waiting.delete(p.lane);
      if (this.unavailable.has(p.req.backend)) {
        p.settle(null, this.cannotUse(p.req.backend));
        continue;
      }
      this.inFlight = p;
      const seconds = Math.round(this.answerTimeoutMs / 1000);
      this.timer = setTimeout(
        () => this.fail(`no answer to a trace within ${seconds} s`),
        this.answerTimeoutMs,
      );
      this.port.send({ type: 'trace', id: p.id, ...p.req });
    }
  }
}

/**
 * Starts the trace worker on `backend` and waits until it answers. Rejects with why not; the
 * caller then traces on the page and says so. `?__throw=trace-worker` (a test-only fault, like
 * the training worker's) makes it fail to start.
 */
export async function connectTraceWorker(
  backend: RunnerBackend,
  faults: string[],
  timeoutMs = WORKER_READY_TIMEOUT_MS,
): Promise<TraceHost> {
  if (typeof Worker === 'undefined') throw new Error('this browser has no Web Workers');
  if (faults.includes('trace-worker'))
    throw new Error('injected test fault (?__throw=trace-worker)');
  const worker = new Worker(new URL('./traceWorker.ts', import.meta.url), {
    type: 'module',
    name: 'gatescope-traces',
  });
  return readyWithin(new TraceHost(portOver(worker), backend), timeoutMs);
}
