/**
 * The session's contracts: a lane (one network on screen), a lane's result, what a lane group
 * needs from the page (SessionDeps) and what its results mean for the page (GroupView).
 */
import type { GateClamp } from '../../engine/interventions';
import type { Task } from '../../engine/tasks/task';
import type { Trace } from '../../engine/trace';
import type { TrainConfig } from '../../engine/train-config';
import type { CellKind, Model, Sequence } from '../../engine/types';
import type { Config } from '../../config/config';
import type { ReportItem } from '../../workers/trainProtocol';
import type { RemoteTrainer, TrainerHost } from '../../workers/trainerHost';

/** One network on screen. */
export interface Lane {
  /** also the trace dispatcher's lane: a newer trace in the same lane overtakes an older one */
  readonly id: string;
  cell: CellKind;
  /** the weights a reset returns to (seeded init, checkpoint or import), under their model key */
  base: { key: string; model: Model } | null;
  /** the weights shown: base's, or the last a trainer sent */
  current: Model | null;
  trainer: RemoteTrainer | null;
  /** training stopped at a non-finite value; `current` holds the last good weights */
  diverged: boolean;
}

/** A lane's new picture. */
export interface LaneResult {
  trace: Trace;
  model: Model;
  task: Task;
  sequence: Sequence;
  /** ms the trace took, wherever it ran */
  ms: number;
}

/** What the group needs from the page; the real ones are in deps.ts, tests pass fakes. */
export interface SessionDeps {
  config(): Config;
  /** Resolves once queued backend work (start-up, measuring, switching) is done. */
  backendSettled(): Promise<void>;
  /** The backend traces run on now. */
  backendName(): string | undefined;
  /** True when a failure on `ranOn` came from a lost WebGL context (the switch to cpu retraces). */
  lostToContext(ranOn: string | undefined): boolean;
  /** The weights a cell starts from for this config: seeded init or a shipped checkpoint. */
  baseModel(c: Config, cell: CellKind, task: Task): Promise<Model>;
  /** The trace, holding the backend (no switch meanwhile); null when a newer one in `lane` overtook it. */
  trace(
    lane: string,
    model: Model,
    sequence: Sequence,
    clamps: GateClamp[],
  ): Promise<{ trace: Trace; ms: number } | null>;
  /** The training host, or null when training cannot start (the reason is already shown). */
  trainerHost(): Promise<TrainerHost | null>;
  trainSettings(): TrainConfig;
  /** True for an error that means "the config is being changed for a checkpoint": not shown. */
  isAdopting(e: unknown): boolean;
}

/** What a group's results mean for the page: the single view's stores, or compare's columns. */
export interface GroupView {
  /** The cells of this group's lanes for a config. */
  cells(c: Config): readonly CellKind[];
  /** While training, the worker sends the weights this often and the group retraces. */
  retraceMs: number;
  /** Whether this view is on screen (compare recomputes only while open). */
  active(): boolean;
  /** A recompute starts (before it waits for the backend). */
  computing(c: Config, training: boolean): void;
  /** These lanes' base weights were rebuilt from the config (not imported). */
  renewed(c: Config, lanes: readonly Lane[]): void;
  /** These lanes are back at their base weights: their training history starts over. */
  trainingReset(lanes: readonly Lane[]): void;
  shown(lane: Lane, result: LaneResult): void;
  laneFailed(lane: Lane, message: string): void;
  /** Nothing could be traced (e.g. the task rejected the custom text). */
  failed(message: string): void;
  /** Every lane has been traced (or failed) for a sequence of T steps. */
  done(T: number): void;
  report(lane: Lane, item: ReportItem): void;
  diverged(lane: Lane, reason: string, steps: number): void;
  trainerFailed(lane: Lane, message: string): void;
}
