/**
 * The training loop that owns the Trainers. A plain class behind the message protocol
 * (trainProtocol.ts), so the same code runs in the Web Worker (trainWorker.ts), in the page when
 * no worker can start (trainInPage.ts), and in Node's unit tests.
 *
 * Messages are queued and handled strictly one at a time, interleaved with updates of the
 * running trainers: Trainer.step() awaits a read-back, and a Reset, a weight read or a backend
 * switch landing in that gap would act on a half-applied update. After every message or update
 * the loop yields a macrotask (env.yieldToMessages), so a Pause posted meanwhile is queued
 * before the next update starts; awaiting a cpu tensor's data() alone would resolve as a
 * microtask and never let a message in.
 */
import type { BackendName } from '../engine/backend/backends';
import type { LossPoint } from '../engine/lossHistory';
import * as tf from '@tensorflow/tfjs-core';
import { recurrentSpectralRadii } from '../engine/linalg';
import { createTask } from '../engine/tasks/task';
import { Trainer, isDivergence } from '../engine/train';
import type { Model } from '../engine/types';
import {
  type FromRunner,
  type ReportItem,
  type RunnerBackend,
  type StartRequest,
  type ToRunner,
  type WeightsItem,
  buffersOf,
} from './trainProtocol';
import { errorMessage } from '../engine/util';

/** Loss points are batched into at most this many reports per second. */
export const REPORT_MS = 250;
/** A steps/s figure needs at least this long a window; shorter ones say nothing. */
const MIN_RATE_WINDOW_MS = 100;

export interface RunnerEnv {
  post(msg: FromRunner, transfer: ArrayBuffer[]): void;
  /** Resolves in a later macrotask, after messages that arrived meanwhile were delivered. */
  yieldToMessages(): Promise<void>;
  /** Makes `backend` (or the nearest that works) TF.js's active one and describes it. */
  useBackend(backend: RunnerBackend): Promise<{ backend: BackendName; label: string }>;
  now(): number;
}

interface Slot {
  trainer: Trainer;
  running: boolean;
  weightsEveryMs: number;
  lastWeights: number;
  /** updates not yet reported */
  points: LossPoint[];
  /** start of the current steps/s window; null while not running */
  windowStart: number | null;
  windowSteps: number;
}

/** A model whose arrays the runner may give away: a cpu tensor's data() is its live storage. */
function ownCopy(m: Model): Model {
  const weights = Object.fromEntries(
    Object.entries(m.weights).map(([k, a]: [string, Float32Array]) => [k, a.slice()]),
  ) as unknown as Model['weights'];
  return { spec: { ...m.spec }, weights };
}

export class TrainingRunner {
  private readonly slots = new Map<number, Slot>();
  private readonly inbox: ToRunner[] = [];
  private pumping = false;
  private lastReport = 0;
  /** round-robin position among the running trainers */
  private turn = 0;
  /** test-only faults (`?__throw=train-step`) */
  private faults = new Set<string>();

  constructor(private readonly env: RunnerEnv) {}

  /** Queues a message; it is handled after the update in progress. */
  receive(msg: ToRunner): void {
    this.inbox.push(msg);
    if (!this.pumping) void this.pump();
  }

  /** True while messages or updates are pending (tests wait for it to clear). */
  get active(): boolean {
    return this.pumping;
  }

  private async pump(): Promise<void> {
    this.pumping = true;
    try {
      for (;;) {
        const msg = this.inbox.shift();
        if (msg) {
          await this.handle(msg);
        } else {
          const next = this.nextRunning();
          if (!next) break;
          await this.update(...next);
          await this.afterUpdate();
        }
        await this.env.yieldToMessages();
      }
    } finally {
      this.pumping = false;
    }
  }

  private async handle(msg: ToRunner): Promise<void> {
    const { post, now } = this.env;
    try {
      switch (msg.type) {
        case 'init':
          this.faults = new Set(msg.faults);
          post({ type: 'ready', ...(await this.env.useBackend(msg.backend)) }, []);
          return;
        case 'backend':
          post({ type: 'backend', ...(await this.env.useBackend(msg.backend)) }, []);
          return;
        case 'start':
          this.start(msg.id, msg);
          return;
        case 'run':
          for (const slot of this.named(msg.ids)) {
            if (slot.running || slot.trainer.divergence) continue;
            slot.running = true;
            slot.windowStart = slot.lastWeights = now();
            slot.windowSteps = 0;
          }
          return;
        case 'pause': {
          const stopped = msg.ids.filter((id) => this.slots.get(id)?.running);
          for (const slot of this.named(stopped)) slot.running = false;
          this.report();
          await this.sendWeights(stopped);
          return;
        }
        case 'step': {
          const slot = this.slots.get(msg.id);
          if (!slot || slot.running) return;
          await this.update(msg.id, slot);
          this.report();
          await this.sendWeights([msg.id]);
          return;
        }
        case 'drop':
          this.drop(msg.id);
          return;
        case 'memory': {
          const { numTensors, numBytes } = tf.memory();
          post({ type: 'memory', request: msg.request, numTensors, numBytes }, []);
          return;
        }
      }
    } catch (e) {
      const id = 'id' in msg ? msg.id : null;
      post({ type: 'error', id, message: errorMessage(e) }, []);
    }
  }

  private start(id: number, req: StartRequest): void {
    this.drop(id);
    const task = createTask(req.task.id, req.task.params, req.task.customText);
    const trainer = new Trainer(req.model, task, req.settings);
    this.slots.set(id, {
      trainer,
      running: false,
      weightsEveryMs: req.weightsEveryMs,
      lastWeights: this.env.now(),
      points: [],
      windowStart: null,
      windowSteps: 0,
    });
  }

  private drop(id: number): void {
    const slot = this.slots.get(id);
    if (!slot) return;
    this.slots.delete(id);
    try {
      slot.trainer.dispose();
    } catch {
      // In the page, its tensors may have died with a lost WebGL context; nothing to free.
    }
  }

  private named(ids: number[]): Slot[] {
    return ids.flatMap((id) => this.slots.get(id) ?? []);
  }

  private nextRunning(): [number, Slot] | null {
    const running = [...this.slots].filter(([, s]) => s.running);
    if (running.length === 0) return null;
    return running[this.turn++ % running.length]!;
  }

  /** One update. A divergence or an error stops this trainer and is posted at once. */
  private async update(id: number, slot: Slot): Promise<void> {
    const { post } = this.env;
    try {
      if (this.faults.has('train-step')) {
        throw new Error('injected test fault in a training step (?__throw=train-step)');
      }
      const r = await slot.trainer.step();
      if (isDivergence(r)) {
        slot.running = false;
        this.report(); // the updates before it first, so the curve ends where training did
        const model = ownCopy(await slot.trainer.model());
        const steps = slot.trainer.steps;
        post({ type: 'diverged', id, reason: r.reason, steps, model }, buffersOf([model]));
        return;
      }
      slot.points.push({ step: r.step, loss: r.loss, metric: r.metric });
      slot.windowSteps++;
    } catch (e) {
      slot.running = false;
      this.report();
      post({ type: 'error', id, message: errorMessage(e) }, []);
    }
  }

  /** Reports when due, and the weights of every running trainer when any is due for them. */
  private async afterUpdate(): Promise<void> {
    const t = this.env.now();
    if (t - this.lastReport >= REPORT_MS) this.report();
    const running = [...this.slots].filter(([, s]) => s.running);
    if (running.some(([, s]) => t - s.lastWeights >= s.weightsEveryMs)) {
      await this.sendWeights(running.map(([id]) => id));
    }
  }

  /** Posts the unreported updates of every trainer in one message. */
  private report(): void {
    const t = this.env.now();
    this.lastReport = t;
    const items: ReportItem[] = [];
    for (const [id, slot] of this.slots) {
      if (slot.points.length === 0) continue;
      const window = slot.windowStart === null ? 0 : t - slot.windowStart;
      items.push({
        id,
        points: slot.points,
        steps: slot.trainer.steps,
        stepsPerSec: window >= MIN_RATE_WINDOW_MS ? (1000 * slot.windowSteps) / window : null,
      });
      slot.points = [];
      if (window >= MIN_RATE_WINDOW_MS || !slot.running) {
        slot.windowStart = slot.running ? t : null;
        slot.windowSteps = 0;
      }
    }
    if (items.length > 0) this.env.post({ type: 'report', items }, []);
  }

  /** Posts the weights of these trainers in one message; one that cannot be read stops. */
  private async sendWeights(ids: number[]): Promise<void> {
    const items: WeightsItem[] = [];
    for (const id of ids) {
      const slot = this.slots.get(id);
      if (!slot) continue;
      slot.lastWeights = this.env.now();
      try {
        const model = ownCopy(await slot.trainer.model());
        const spectralRadii = recurrentSpectralRadii(model.spec, model.weights);
        items.push({ id, model, steps: slot.trainer.steps, spectralRadii });
      } catch (e) {
        slot.running = false;
        this.env.post({ type: 'error', id, message: errorMessage(e) }, []);
      }
    }
    if (items.length === 0) return;
    this.env.post({ type: 'weights', items }, buffersOf(items.map((i) => i.model)));
  }
}
