/**
 * The page's side of training: a typed client for the TrainingRunner, wherever it runs. Both
 * lane groups of the session start trainers through it and hear back through per-trainer callbacks;
 * messages about a trainer already disposed are dropped here, so a report in flight when Reset
 * was clicked never reaches the store.
 *
 * The runner normally lives in a Web Worker (trainWorker.ts); `connectWorker` starts it and waits
 * for its backend to come up, rejecting with the reason when it cannot (no Worker, the script
 * failed to load, no answer in time). The caller then falls back to the runner in the page
 * (trainInPage.ts), which speaks the same protocol through the same client.
 */
import type { BackendName } from '../engine/backend/backends';
import type { Model } from '../engine/types';
import {
  type FromRunner,
  type ReportItem,
  type StartRequest,
  type ToRunner,
  runnerBackendFor,
} from './trainProtocol';
import { WORKER_READY_TIMEOUT_MS, type WorkerPort, portOver, readyWithin } from './workerPort';

export interface TrainerEvents {
  onReport(item: ReportItem): void;
  /**
   * The current weights: every weightsEveryMs while running, after a pause or a single update;
   * with their recurrent spectral radii, already computed off the page.
   */
  onWeights(model: Model, steps: number, spectralRadii: number[]): void;
  /** Training stopped at a non-finite value; `model` holds the last good weights. */
  onDivergence(reason: string, steps: number, model: Model): void;
  /** This trainer (or the whole runner) failed; it trains no more. */
  onError(message: string): void;
}

/** Where training runs, as the page tells the user. */
export interface TrainingPlace {
  inWorker: boolean;
  backend: BackendName;
  /** the backend's label, e.g. "wasm (SIMD, 1 thread)" */
  label: string;
}

/** One end of the channel to a runner: a Worker, or the runner in this thread. */
export type RunnerPort = WorkerPort<ToRunner, FromRunner>;

export class RemoteTrainer {
  constructor(
    private readonly host: TrainerHost,
    readonly id: number,
  ) {}
  run(): void {
    this.host.run([this]);
  }
  pause(): void {
    this.host.pause([this]);
  }
  stepOnce(): void {
    this.host.send({ type: 'step', id: this.id });
  }
  /** Frees the trainer's tensors; nothing more is heard from it. */
  dispose(): void {
    this.host.drop(this.id);
  }
}

export class TrainerHost {
  private nextId = 1;
  private readonly trainers = new Map<number, TrainerEvents>();
  private readonly memoryWaiters = new Map<
    number,
    (m: { numTensors: number; numBytes: number }) => void
  >();
  private failed: string | null = null;
  private settle: { resolve(): void; reject(e: Error): void } | null = null;
  /** Resolves once the runner's backend is up; rejects with why it could not start. */
  readonly ready: Promise<void>;
  place: TrainingPlace;
  /** Called when the runner reports its backend (at start and after each switch). */
  onPlace: (place: TrainingPlace) => void = () => {};
  /** Called once, when the runner fails for good (after every live trainer heard it). */
  onFailure: (reason: string) => void = () => {};

  constructor(
    private readonly port: RunnerPort,
    inWorker: boolean,
    pageBackend: BackendName,
    faults: string[] = [],
  ) {
    const backend = inWorker ? runnerBackendFor(pageBackend) : pageBackend;
    this.place = { inWorker, backend, label: backend };
    this.ready = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.ready.catch(() => undefined); // a failure is also told through onFailure/onError
    port.listen(
      (msg) => this.receive(msg),
      (reason) => this.fail(reason),
    );
    this.send({ type: 'init', backend: runnerBackendFor(pageBackend), faults });
  }

  /** True once the runner failed; a new host is needed to train again. */
  get dead(): boolean {
    return this.failed !== null;
  }

  send(msg: ToRunner, transfer?: ArrayBuffer[]): void {
    if (!this.failed) this.port.send(msg, transfer);
  }

  /** Starts a trainer; `listen` gives the callbacks for it (they may compare the handle). */
  start(req: StartRequest, listen: (trainer: RemoteTrainer) => TrainerEvents): RemoteTrainer {
    const trainer = new RemoteTrainer(this, this.nextId++);
    const events = listen(trainer);
    this.trainers.set(trainer.id, events);
    this.send({ type: 'start', id: trainer.id, ...req });
    if (this.failed) queueMicrotask(() => events.onError(this.failed!));
    return trainer;
  }

  /** Trains these in turn, one update each, until paused. */
  run(trainers: RemoteTrainer[]): void {
    this.send({ type: 'run', ids: trainers.map((t) => t.id) });
  }

  pause(trainers: RemoteTrainer[]): void {
    this.send({ type: 'pause', ids: trainers.map((t) => t.id) });
  }

  drop(id: number): void {
    if (this.trainers.delete(id)) this.send({ type: 'drop', id });
  }

  /**
   * The page moved to another backend: a worker follows it (WebGL stays with the page); a runner
   * in the page is on the page's backend anyway and only reports it again.
   */
  setPageBackend(page: BackendName): void {
    const backend = runnerBackendFor(page);
    if (!this.place.inWorker || backend !== this.place.backend) {
      this.send({ type: 'backend', backend });
    }
  }

  /** TF.js memory where the trainers live (the worker's own engine, or the page's). */
  memory(): Promise<{ numTensors: number; numBytes: number } | null> {
    if (this.failed) return Promise.resolve(null);
    const request = this.nextId++;
    return new Promise((resolve) => {
      this.memoryWaiters.set(request, resolve);
      this.send({ type: 'memory', request });
    });
  }

  /** Stops the runner; every live trainer hears `reason` once. */
  fail(reason: string): void {
    if (this.failed) return;
    this.failed = reason;
    this.port.close();
    this.settle?.reject(new Error(reason));
    const told = this.place.inWorker ? `the training worker stopped (${reason})` : reason;
    for (const events of this.trainers.values()) events.onError(told);
    this.trainers.clear();
    for (const resolve of this.memoryWaiters.values()) resolve({ numTensors: 0, numBytes: 0 });
    this.memoryWaiters.clear();
    this.onFailure(reason);
  }

  receive(msg: FromRunner): void {
    if (this.failed) return;
    switch (msg.type) {
      case 'ready':
      case 'backend':
        this.place = { ...this.place, backend: msg.backend, label: msg.label };
        if (msg.type === 'ready') this.settle?.resolve();
        this.onPlace(this.place);
        return;
      case 'report':
        for (const item of msg.items) this.trainers.get(item.id)?.onReport(item);
        return;
      case 'weights':
        for (const item of msg.items) {
          this.trainers.get(item.id)?.onWeights(item.model, item.steps, item.spectralRadii);
        }
        return;
      case 'diverged':
        this.trainers.get(msg.id)?.onDivergence(msg.reason, msg.steps, msg.model);
        return;
      case 'error':
        if (msg.id === null) {
          this.fail(msg.message);
        } else {
          const events = this.trainers.get(msg.id);
          this.drop(msg.id);
          events?.onError(msg.message);
        }
        return;
      case 'memory':
        this.memoryWaiters.get(msg.request)?.({
          numTensors: msg.numTensors,
          numBytes: msg.numBytes,
        });
        this.memoryWaiters.delete(msg.request);
        return;
    }
  }
}

/**
 * Starts the training worker and waits until its backend is up. Rejects with why not; the
 * caller then trains in the page instead and says so.
 */
export async function connectWorker(
  page: BackendName,
  faults: string[],
  timeoutMs = WORKER_READY_TIMEOUT_MS,
): Promise<TrainerHost> {
  if (typeof Worker === 'undefined') throw new Error('this browser has no Web Workers');
  if (faults.includes('train-worker'))
    throw new Error('injected test fault (?__throw=train-worker)');
  const worker = new Worker(new URL('./trainWorker.ts', import.meta.url), {
    type: 'module',
    name: 'gatescope-training',
  });
  return readyWithin(new TrainerHost(portOver(worker), true, page, faults), timeoutMs);
}
