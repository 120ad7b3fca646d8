/**
 * Where each trace the page draws is computed. The session's lane groups (single view, compare)
 * call `viewTraces.trace(…)` for every trace.
 *
 * On cpu and wasm a trace at LSTM T = 200, H = 64 costs 40–140 ms of CPU, which on the main
 * thread blocks input (and, while training, recurs with every batch of weights). So when the
 * page's backend is cpu or wasm the trace runs in the trace worker (traceWorker.ts), on that
 * same backend; on WebGL it stays on the page, whose context the worker cannot share.
 *
 * Why a worker of its own rather than a 'trace' message to the training worker: an update there
 * is atomic and takes up to a second at the sizes above, so a retrace queued behind it would
 * show weights a whole update late, and a slider moved while training would answer a second
 * later; the training worker also exists only once Train was pressed (its memory hook and soak
 * test count on that), and either worker can fail without taking the other down. The price is
 * a second TF.js (cpu + wasm) in memory, started only once the page traces on cpu or wasm.
 *
 * A long trace never runs on the page while the worker starts: it waits for the worker (up to
 * its start-up timeout), since computing T = 1,000 on the main thread blocks the page for most of
 * a second. Short ones (the default picture) are traced on the page meanwhile, so the first
 * live frame does not wait for a second TF.js to start. While the worker computes a long trace
 * it reports how far it has got, and the status line shows a progress bar.
 *
 * Failures never lose a picture: while the worker starts, and for good once it could not start
 * or died (a retry would cost a TF.js start per trace and a dead worker likely dies again),
 * traces run on the page as before, and the status line says so and why, in the training
 * fallback's words. A request the worker was holding when it died is traced on the page.
 */
import { runTrace, type Trace } from '../engine/trace';
import type { GateClamp } from '../engine/interventions';
import { CELLS } from '../engine/cellKinds';
import type { Model, ModelSpec, Sequence } from '../engine/types';
import { errorMessage } from '../engine/util';
import { useBackendStore } from '../store/backend';
import { SINGLE_VIEW_LANE, type TraceProgress, useTrace } from '../store/trace';
import { hasSpectralRadii, rememberSpectralRadii } from '../engine/spectralRadii';
import { testFaults } from './sharedTrainerHost';
import { type TraceHost, TraceWorkerUnavailable, connectTraceWorker } from './traceHost';
import type { TraceRunnerStats } from './traceProtocol';
import type { BackendName } from '../engine/backend/backends';
import type { RunnerBackend } from './trainProtocol';

export interface TraceDispatchDeps {
  /** Starts the trace worker with `backend` warm; rejects with why it cannot. */
  connect(backend: RunnerBackend): Promise<TraceHost>;
  /** The backend the page's badge shows; undefined before TF.js started. */
  pageBackend(): BackendName | undefined;
  /** Why traces run on the page's main thread although it is on cpu or wasm; null: they do not. */
  onFallback(message: string | null): void;
  /** How far the worker has got with `lane`'s trace; null once it is done (or was overtaken). */
  onProgress(lane: string, progress: TraceProgress | null): void;
}

/**
 * Multiply-adds of a trace's recurrence, forward and back, ≈ 3·T·G·H·(H + I) (G gate blocks),
 * plus the Elman memory path's T·H³: what decides whether a trace is quick enough for the page.
 */
export function traceWork(spec: ModelSpec, T: number): number {
  const G = Math.max(1, CELLS[spec.cell].gates.length);
  const H = spec.hiddenSize;
  const path = spec.cell === 'elman' ? T * H ** 3 : 0;
  return 3 * T * G * H * (H + spec.inputSize) + path;
}

/**
 * Up to this much work (traceWork) a trace may run on the page while the worker starts. The
 * default picture (LSTM T = 50, H = 16: 0.17 M) and LSTM T = 100, H = 32 (1.3 M) stay there;
 * LSTM T = 1,000, H = 64 (50 M) does not: its first trace on the page was one 768 ms task in
 * headless Chromium, far more than its work (16 ms of wasm in Node, warm), as first traces are.
 */
export const QUICK_ON_PAGE_WORK = 2e6;

export interface ViewTrace {
  trace: Trace;
  /** ms the trace itself took, wherever it ran */
  ms: number;
}

export type TraceWorkerState = 'none' | 'starting' | 'ready' | 'failed';

/** For the test hook `window.__gatescopeTraces` (tests/e2e/trace-worker.spec.ts). */
export interface TraceStats {
  /** traces computed on the page's main thread */
  inPage: number;
  /** traces the worker answered */
  inWorker: number;
  worker: TraceWorkerState;
  /** the worker's own account; null without a live worker */
  runner: TraceRunnerStats | null;
}

export class TraceDispatcher {
  private host: TraceHost | null = null;
  /** The worker's start, once asked for: its host, or null if it could not start. */
  private starting: Promise<TraceHost | null> = Promise.resolve(null);
  private state: TraceWorkerState = 'none';
  private inPage = 0;
  private inWorker = 0;

  constructor(private readonly deps: TraceDispatchDeps) {}

  /**
   * The trace of `model` over `sequence` with `clamps`, on the backend the page shows. Null when
   * a newer request in `lane` overtook it. Rejects with the engine's own message, as runTrace.
   */
  async trace(
    lane: string,
    model: Model,
    sequence: Sequence,
    clamps: GateClamp[],
  ): Promise<ViewTrace | null> {
    const backend = this.deps.pageBackend();
    if (backend === 'cpu' || backend === 'wasm') {
      const long = traceWork(model.spec, sequence.length) > QUICK_ON_PAGE_WORK;
      const host = await this.workerFor(backend, long);
      if (host) {
        const progress = (done: number, total: number) =>
          this.deps.onProgress(lane, { done, total });
        try {
          const spectralRadii = !hasSpectralRadii(model.weights);
          const req = { backend, model, sequence, clamps, spectralRadii };
          const answer = await host.trace(lane, req, progress).finally(() => {
            this.deps.onProgress(lane, null);
          });
          if (!answer) return null;
          this.inWorker++;
          if (answer.spectralRadii) rememberSpectralRadii(model.weights, answer.spectralRadii);
          this.deps.onFallback(null);
          return { trace: answer.trace, ms: answer.ms };
        } catch (e) {
          if (!(e instanceof TraceWorkerUnavailable)) throw e; // the engine's error, as on the page
          this.fallBack(e.message);
        }
      }
    }
    this.inPage++;
    const t0 = performance.now();
    const trace = await runTrace(model, sequence, { clamps });
    return { trace, ms: performance.now() - t0 };
  }

  /** Where the worker stands: not asked yet, starting, up, or given up on. */
  get worker(): TraceWorkerState {
    return this.state;
  }

  async stats(): Promise<TraceStats> {
    const runner = this.host ? await this.host.stats() : null;
    return { inPage: this.inPage, inWorker: this.inWorker, worker: this.state, runner };
  }

  /**
   * The live worker; null once it failed, and while it starts (it is started here) unless
   * `wait`: then once it has started, or null if it could not.
   */
  private async workerFor(backend: RunnerBackend, wait: boolean): Promise<TraceHost | null> {
    if (this.state === 'ready' && this.host && !this.host.dead) return this.host;
    if (this.state === 'none') this.starting = this.start(backend);
    return wait && this.state === 'starting' ? this.starting : null;
  }

  private start(backend: RunnerBackend): Promise<TraceHost | null> {
    this.state = 'starting';
    return this.deps.connect(backend).then(
      (host) => {
        this.host = host;
        this.state = 'ready';
        host.onFailure = (reason) => {
          this.state = 'failed';
          this.fallBack(`the trace worker stopped (${reason})`);
        };
        return host;
      },
      (e: unknown) => {
        this.state = 'failed';
        console.warn('Gatescope: the trace worker could not start', e);
        this.fallBack(`the trace worker could not start (${errorMessage(e)})`);
        return null;
      },
    );
  }

  private fallBack(why: string): void {
    this.deps.onFallback(
      `Traces run on the page's main thread, so the page may pause while each is computed: ${why}.`,
    );
  }
}

/** The page's one dispatcher: the worker starts on the first trace on cpu or wasm. */
export const viewTraces = new TraceDispatcher({
  connect: (backend) => connectTraceWorker(backend, testFaults('trace-')),
  pageBackend: () => useBackendStore.getState().info?.name,
  onFallback: (fallback) => {
    if (useTrace.getState().fallback !== fallback) useTrace.setState({ fallback });
  },
  // The status line shows the single view's; the compare view says "computing" per column.
  onProgress: (lane, progress) => {
    if (lane === SINGLE_VIEW_LANE) useTrace.setState({ progress });
  },
});
