/**
 * The page's client for the Jacobian lens runner: in its worker (lensWorker.ts), or on the page in
 * short slices when no worker starts. One lens is computed at a time. A request for other inputs
 * (another model, sequence or what-if) stops the one in flight at once; a request that differs
 * only in the weights (training sends new ones every few hundred ms) waits for it to finish, so a
 * lens slower than the training's updates is still seen whole, and starts at most every
 * WEIGHTS_ONLY_REFRESH_MS.
 */
import type { JacobianLens } from '../engine/jacobian/lens';
import type { FromLensRunner, LensRequest, ToLensRunner } from './lensProtocol';
import { LensRunner } from './lensRunner';
import { type WorkerPort, portOver } from './workerPort';

export type LensPort = WorkerPort<ToLensRunner, FromLensRunner>;

/**
 * A lens for new weights alone (training) starts at most this often: on two cores the lens
 * worker would otherwise take a whole core from training for a picture that changes slowly.
 */
export const WEIGHTS_ONLY_REFRESH_MS = 1500;

/** What a caller asks for: a request without its id. */
export type LensAsk = Omit<LensRequest, 'type' | 'id'>;

export interface LensResult {
  lens: JacobianLens;
  /** ms the whole lens took, and until its map was whole */
  ms: number;
  mapMs: number;
}

export interface LensProgress {
  done: number;
  total: number;
}

/** Told of every part as it lands: the lens so far (mutated in place) and how far it is. */
export type LensListener = (lens: JacobianLens, progress: LensProgress) => void;

interface Job {
  id: number;
  ask: LensAsk;
  /** the inputs apart from the weights: a job with the same key is not interrupted */
  key: string;
  onPart: LensListener;
  lens: JacobianLens | null;
  settle(result: LensResult | null, error?: Error): void;
}

export class LensHost {
  private nextId = 1;
  private inFlight: Job | null = null;
  private queued: Job | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  /** the inputs key and start time of the last job sent, for the refresh interval */
  private lastKey = '';
  private lastStarted = -Infinity;
  private port: LensPort;
  /** why the worker was given up for the page, or null while it works */
  fellBack: string | null = null;

  /** `fallback` replaces a port that fails (a worker script that cannot load): the page itself. */
  constructor(
    port: LensPort,
    private readonly fallback: (() => LensPort) | null = inPagePort,
    private readonly refreshMs = WEIGHTS_ONLY_REFRESH_MS,
  ) {
    this.port = port;
    this.listen();
  }

  private listen(): void {
    this.port.listen(
      (msg) => this.receive(msg),
      (reason) => {
        if (!this.fallback || this.fellBack !== null) {
          this.failAll(new Error(`the lens could not be computed: ${reason}`));
          return;
        }
        this.fellBack = reason;
        this.port.close();
        this.port = this.fallback();
        this.listen();
        if (this.inFlight) this.start(this.inFlight); // again, from its start, on the page
      },
    );
  }

  /** The lens of `ask`; null when a newer request overtook it. */
  compute(ask: LensAsk, key: string, onPart: LensListener): Promise<LensResult | null> {
    return new Promise((resolve, reject) => {
      const job: Job = {
        id: this.nextId++,
        ask,
        key,
        onPart,
        lens: null,
        settle: (r, e) => (e ? reject(e) : resolve(r)),
      };
      this.queued?.settle(null);
      this.queued = null;
      const running = this.inFlight;
      if (running && running.key !== key) {
        this.port.send({ type: 'cancel', id: running.id });
        running.settle(null);
        this.inFlight = null;
      }
      if (this.inFlight || this.tooSoon(key)) {
        this.queued = job; // after the one in flight, or once the refresh interval is over
        this.startLater();
      } else this.start(job);
    });
  }

  /** True when `key`'s lens started less than refreshMs ago (only new weights since). */
  private tooSoon(key: string): boolean {
    return key === this.lastKey && performance.now() - this.lastStarted < this.refreshMs;
  }

  /** Starts the queued job when nothing is in flight and its refresh interval is over. */
  private startLater(): void {
    if (this.inFlight || !this.queued || this.timer !== null) return;
    const wait = this.tooSoon(this.queued.key)
      ? this.refreshMs - (performance.now() - this.lastStarted)
      : 0;
    this.timer = setTimeout(() => {
      this.timer = null;
      const next = this.queued;
      if (this.inFlight || !next) return;
      this.queued = null;
      this.start(next);
    }, wait);
  }

  close(): void {
    this.failAll(new Error('the lens host closed'));
    this.port.close();
  }

  private start(job: Job): void {
    this.lastKey = job.key;
    this.lastStarted = performance.now();
    this.inFlight = job;
    this.port.send({ type: 'lens', id: job.id, ...job.ask });
  }

  private receive(msg: FromLensRunner): void {
    const job = this.inFlight;
    if (!job || msg.id !== job.id) return; // an overtaken job's late parts
    if (msg.type === 'plan') {
      const { T, n, svCount, maxLag, floor, whhNorm } = msg;
      job.lens = {
        T,
        n,
        svCount,
        maxLag,
        floor,
        whhNorm,
        norm: new Float64Array(T * T).fill(NaN),
        stepSingularValues: new Float64Array(T * svCount).fill(NaN),
      };
    } else if (msg.type === 'part' && job.lens) {
      job.lens.norm.set(msg.norm, msg.columnsFrom * job.lens.T);
      job.lens.stepSingularValues.set(msg.sv, msg.svFrom * job.lens.svCount);
      job.onPart(job.lens, { done: msg.done, total: msg.total });
    } else if (msg.type === 'done' && job.lens) {
      this.finish(job, { lens: job.lens, ms: msg.ms, mapMs: msg.mapMs });
    } else if (msg.type === 'error') {
      this.finish(job, null, new Error(msg.message));
    }
  }

  private finish(job: Job, result: LensResult | null, error?: Error): void {
    this.inFlight = null;
    job.settle(result, error);
    this.startLater();
  }

  private failAll(e: Error): void {
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight?.settle(null, e);
    this.queued?.settle(null, e);
    this.inFlight = this.queued = null;
  }
}

/** A runner on the page itself, in slices short enough to keep a frame rate (no worker). */
export function inPagePort(sliceMs = 8): LensPort {
  let onMessage: (msg: FromLensRunner) => void = () => {};
  const runner = new LensRunner({
    // Delivered after the current task, as a worker's message would be.
    post: (msg) => setTimeout(() => onMessage(msg), 0),
    now: () => performance.now(),
    pause: () => new Promise((resolve) => setTimeout(resolve, 0)),
    sliceMs,
  });
  return {
    send: (msg) => runner.receive(msg),
    listen: (m) => (onMessage = m),
    close: () => undefined,
  };
}

/** The lens worker, or the page itself when workers are missing or refused (`?__throw=lens-worker`). */
export function lensPort(faults: readonly string[]): { port: LensPort; inPage: boolean } {
  try {
    if (typeof Worker === 'undefined') throw new Error('no Web Workers');
    if (faults.includes('lens-worker')) throw new Error('injected test fault');
    const worker = new Worker(new URL('./lensWorker.ts', import.meta.url), {
      type: 'module',
      name: 'gatescope-lens',
    });
    return { port: portOver(worker), inPage: false };
  } catch {
    return { port: inPagePort(), inPage: true };
  }
}
