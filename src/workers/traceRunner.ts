/**
 * The trace worker's work: runTrace on the backend each request names, one request at a time.
 * A plain class behind the message protocol (traceProtocol.ts), so the same code runs in the
 * worker (traceWorker.ts) and in Node's unit tests.
 *
 * Requests are handled strictly in order: runTrace awaits its read-back, and a request for
 * another backend switching TF.js in that gap would pull the backend from under the trace. The
 * page sends one trace at a time anyway (traceHost.ts); the chain also orders 'stats'.
 */
import * as tf from '@tensorflow/tfjs-core';
import { recurrentSpectralRadii } from '../engine/linalg';
import { withStepProgress } from '../engine/progress';
import { runTrace } from '../engine/trace';
import { errorMessage } from '../engine/util';
import {
  type FromTraceRunner,
  type ToTraceRunner,
  type TraceRequest,
  traceBuffers,
} from './traceProtocol';
import type { RunnerBackend } from './trainProtocol';

export interface TraceRunnerEnv {
  post(msg: FromTraceRunner, transfer: ArrayBuffer[]): void;
  /** Makes `backend` TF.js's active one (its label); throws why it cannot. */
  activate(backend: RunnerBackend): Promise<string>;
  now(): number;
}

/** At most one progress message per this many ms: a bar moves smoothly, the page is not flooded. */
export const PROGRESS_POST_MS = 50;

export class TraceRunner {
  private chain: Promise<void> = Promise.resolve();
  /** The backend activated last; null before the first and after a failed activation. */
  private active: RunnerBackend | null = null;
  private traces = 0;

  constructor(private readonly env: TraceRunnerEnv) {}

  /** Queues a message; it is handled after every earlier one. */
  receive(msg: ToTraceRunner): void {
    this.chain = this.chain
      .then(() => this.handle(msg))
      .catch((e: unknown) => {
        // Only a post can throw here (handle catches the engine's errors): keep the chain going.
        if (msg.type !== 'init') {
          this.env.post({ type: 'error', id: msg.id, message: errorMessage(e) }, []);
        }
      });
  }

  private async handle(msg: ToTraceRunner): Promise<void> {
    const { post } = this.env;
    switch (msg.type) {
      case 'init': {
        const error = await this.use(msg.backend);
        post({ type: 'ready', backend: msg.backend, error }, []);
        return;
      }
      case 'trace': {
        const unavailable = await this.use(msg.backend);
        if (unavailable !== null) {
          post({ type: 'unavailable', id: msg.id, backend: msg.backend, reason: unavailable }, []);
          return;
        }
        await this.trace(msg.id, msg);
        return;
      }
      case 'stats': {
        const { numTensors, numBytes } = tf.memory();
        const backend = this.active;
        post({ type: 'stats', id: msg.id, traces: this.traces, backend, numTensors, numBytes }, []);
        return;
      }
    }
  }

  /** Activates `backend` unless it is already active; why not, or null when it is. */
  private async use(backend: RunnerBackend): Promise<string | null> {
    if (this.active === backend) return null;
    try {
      await this.env.activate(backend);
      this.active = backend;
      return null;
    } catch (e) {
      // TF.js may be left between backends: activate explicitly before the next trace.
      this.active = null;
      return errorMessage(e);
    }
  }

  private async trace(id: number, req: TraceRequest): Promise<void> {
    const { post, now } = this.env;
    try {
      const t0 = now();
      let posted = t0;
      // Posted from inside the loop kernels: the worker is busy, but postMessage still goes out.
      const progress = (done: number, total: number) => {
        if (now() - posted < PROGRESS_POST_MS) return;
        posted = now();
        post({ type: 'progress', id, done, total }, []);
      };
      const trace = await withStepProgress(progress, () =>
        runTrace(req.model, req.sequence, { clamps: req.clamps }),
      );
      const ms = now() - t0;
      const radii = req.spectralRadii
        ? recurrentSpectralRadii(req.model.spec, req.model.weights)
        : null;
      this.traces++;
      post({ type: 'trace', id, trace, ms, spectralRadii: radii }, traceBuffers(trace));
    } catch (e) {
      post({ type: 'error', id, message: errorMessage(e) }, []);
    }
  }
}
