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
 * Failures never lose a picture: while the worker starts, and for good once it could not start
 * or died (a retry would cost a TF.js start per trace and a dead worker likely dies again),
 * traces run on the page as before, and the status line says so and why, in the training
 * fallback's words. A request the worker was holding when it died is traced on the page.
 */
import { runTrace, type Trace } from '../engine/trace';
import type { GateClamp } from '../engine/interventions';
import type { Model, Sequence } from '../engine/types';
import { errorMessage } from '../engine/util';
import { useBackendStore } from '../store/backend';
import { useTrace } from '../store/trace';
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
}

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
      const host = this.workerFor(backend);
      if (host) {
        try {
          const spectralRadii = !hasSpectralRadii(model.weights);
          const req = { backend, model, sequence, clamps, spectralRadii };
          const answer = await host.trace(lane, req);
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

  /** The live worker; null while it starts (it is started here) or once it failed. */
  private workerFor(backend: RunnerBackend): TraceHost | null {
    if (this.state === 'ready' && this.host && !this.host.dead) return this.host;
    if (this.state === 'none') this.start(backend);
    return null;
  }

  private start(backend: RunnerBackend): void {
    this.state = 'starting';
    this.deps.connect(backend).then(
      (host) => {
        this.host = host;
        this.state = 'ready';
        host.onFailure = (reason) => {
          this.state = 'failed';
          this.fallBack(`the trace worker stopped (${reason})`);
        };
      },
      (e: unknown) => {
        this.state = 'failed';
        console.warn('Gatescope: the trace worker could not start', e);
        this.fallBack(`the trace worker could not start (${errorMessage(e)})`);
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
});
