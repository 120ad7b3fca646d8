/**
 * The lanes one view shows, and the one recompute that fills them: the single view is a group
 * of one lane, the compare view a group of three (Elman, LSTM, GRU). A lane is one network on
 * screen: the weights a reset returns to, the weights shown, and its trainer in the training
 * worker. What the group's results mean for the page (which store, which columns) is the
 * view's (GroupView): the group itself knows no store, so the races are unit-tested in Node.
 *
 * Stale results are dropped here and only here: every recompute takes a new generation, and
 * after each await a result whose generation is no longer the group's is thrown away. Events of
 * a trainer are applied only while it is still its lane's trainer.
 */
import { rememberSpectralRadii } from '../../engine/spectralRadii';
import type { CellKind, Model } from '../../engine/types';
import { errorMessage, nextTask } from '../../engine/util';
import { type Config, clampsFor } from '../../config/config';
import { type TaskRecipe, modelKey, recipeFor, sequenceFor, taskFor } from '../../config/inputs';
import type { RemoteTrainer, TrainerEvents, TrainerHost } from '../../workers/trainerHost';
import type { GroupView, Lane, SessionDeps } from './contracts';
import { oneAtATime } from './oneAtATime';

export class LaneGroup {
  readonly lanes = new Map<CellKind, Lane>();
  private generation = 0;
  /** Bumped whenever trainers are dropped, so ones still being started are not adopted after. */
  private trainerEpoch = 0;
  private recipe: TaskRecipe | null = null;
  private host: TrainerHost | null = null;
  /** Redraws from weights a trainer sent; never two such traces at a time. */
  readonly retrace = oneAtATime(() => this.recompute(true));

  constructor(
    private readonly id: string,
    private readonly deps: SessionDeps,
    private readonly view: GroupView,
  ) {}

  /** The lanes for this config's cells, made on first use (the single view's lane follows the cell). */
  lanesFor(c: Config): Lane[] {
    const cells = this.view.cells(c);
    if (cells.length === 1 && this.lanes.size === 1 && !this.lanes.has(cells[0]!)) {
      const [lane] = this.lanes.values();
      this.lanes.clear();
      this.lanes.set(cells[0]!, lane!);
    }
    return cells.map((cell) => {
      let lane = this.lanes.get(cell);
      if (!lane) {
        const id = cells.length === 1 ? this.id : `${this.id}:${cell}`;
        lane = { id, cell, base: null, current: null, trainer: null, diverged: false };
        this.lanes.set(cell, lane);
      }
      lane.cell = cell;
      return lane;
    });
  }

  /** True while any lane has a trainer (a backend re-measure would pause it). */
  get training(): boolean {
    return [...this.lanes.values()].some((l) => l.trainer !== null);
  }

  /**
   * Traces every lane for the current config (rebuilding the base weights of lanes whose model
   * key changed). `splitTasks`, for retraces while training: each trace and each redraw runs in
   * a task of its own, so none blocks input for the sum of them.
   */
  async recompute(splitTasks = false): Promise<void> {
    const my = ++this.generation;
    const stale = () => my !== this.generation;
    const c = this.deps.config();
    this.view.computing(c, this.training);
    await this.deps.backendSettled();
    if (stale()) return;
    let ranOn = this.deps.backendName();
    try {
      const task = taskFor(c);
      const lanes = this.lanesFor(c);
      const renewed = lanes.filter((l) => l.base?.key !== modelKey(c, l.cell));
      if (renewed.length > 0) {
        this.resetTraining(renewed); // a new model starts untrained, even if its build fails
        for (const lane of renewed) {
          const model = await this.deps.baseModel(c, lane.cell, task);
          if (stale()) return;
          lane.base = { key: modelKey(c, lane.cell), model };
          lane.current = model;
        }
        this.view.renewed(c, renewed);
      }
      this.recipe = recipeFor(c);
      const sequence = sequenceFor(c, task);
      for (const lane of lanes) {
        const model = lane.current ?? lane.base!.model;
        ranOn = this.deps.backendName();
        try {
          const clamps = clampsFor(c, lane.cell, sequence.length);
          const traced = await this.deps.trace(lane.id, model, sequence, clamps);
          if (!traced) return;
          if (splitTasks) await nextTask();
          if (stale()) return;
          this.view.shown(lane, { trace: traced.trace, ms: traced.ms, model, task, sequence });
          if (splitTasks) await nextTask();
        } catch (e) {
          if (stale() || this.deps.lostToContext(ranOn)) return;
          this.view.laneFailed(lane, errorMessage(e));
        }
      }
      if (!stale()) this.view.done(sequence.length);
    } catch (e) {
      if (stale() || this.deps.isAdopting(e) || this.deps.lostToContext(ranOn)) return;
      // The previous traces stay on screen; the message says what to fix.
      this.view.failed(errorMessage(e));
    }
  }

  /** Shows `model` in the lane of `cell` as its base under `key` (an imported file). */
  adopt(cell: CellKind, key: string, model: Model): void {
    for (const lane of this.lanes.values()) this.dropTrainer(lane);
    this.lanes.clear();
    const lane: Lane = {
      id: this.id,
      cell,
      base: { key, model },
      current: null,
      trainer: null,
      diverged: false,
    };
    this.lanes.set(cell, lane);
    this.resetTraining([lane]);
  }

  /** Back to the base weights, with no trainer and no history. */
  resetTraining(lanes: readonly Lane[] = [...this.lanes.values()]): void {
    for (const lane of lanes) {
      this.dropTrainer(lane);
      lane.current = lane.base?.model ?? null;
      lane.diverged = false;
    }
    this.view.trainingReset(lanes);
  }

  /** Drops the lane's trainer (its tensors live in the training worker) and any still starting. */
  dropTrainer(lane: Lane): void {
    this.trainerEpoch++;
    lane.trainer?.dispose();
    lane.trainer = null;
  }

  dropTrainers(): void {
    for (const lane of this.lanes.values()) this.dropTrainer(lane);
  }

  /**
   * A trainer in the training worker for each of `lanes` that has not diverged, started from the
   * weights it shows (a lane keeps its trainer across calls). Null when training cannot start at
   * all; empty when the lanes were reset while the host was starting.
   */
  async ensureTrainers(lanes: readonly Lane[]): Promise<RemoteTrainer[] | null> {
    const epoch = this.trainerEpoch;
    const host = await this.deps.trainerHost();
    if (!host) return null;
    if (epoch !== this.trainerEpoch || !this.recipe) return [];
    this.host = host;
    const list: RemoteTrainer[] = [];
    for (const lane of lanes) {
      if (lane.diverged || !lane.current) continue;
      if (!lane.trainer) {
        const req = {
          model: lane.current,
          task: this.recipe,
          settings: this.deps.trainSettings(),
          weightsEveryMs: this.view.retraceMs,
        };
        lane.trainer = host.start(req, (handle) => this.eventsFor(lane, handle));
      }
      list.push(lane.trainer);
    }
    return list;
  }

  /** Runs the trainers together: one update each per round. */
  run(trainers: readonly RemoteTrainer[]): void {
    if (trainers.length > 0) this.host?.run([...trainers]);
  }

  /** Pauses every trainer of the group in one message: their last weights come back together. */
  pause(): void {
    const trainers = [...this.lanes.values()].flatMap((l) => (l.trainer ? [l.trainer] : []));
    if (trainers.length > 0) this.host?.pause(trainers);
  }

  /** What a trainer reports, applied only while it is still its lane's trainer. */
  private eventsFor(lane: Lane, handle: RemoteTrainer): TrainerEvents {
    const mine = () => lane.trainer === handle && this.lanes.get(lane.cell) === lane;
    return {
      onReport: (item) => {
        if (mine()) this.view.report(lane, item);
      },
      onWeights: (model, _steps, radii) => {
        if (!mine()) return;
        rememberSpectralRadii(model.weights, radii);
        lane.current = model;
        this.retrace(); // the compare view's three weights come in one message: one retrace
      },
      onDivergence: (reason, steps, model) => {
        if (!mine()) return;
        lane.current = model; // the last good weights
        lane.diverged = true;
        this.view.diverged(lane, reason, steps);
        this.retrace();
      },
      onError: (message) => {
        if (!mine()) return;
        // `current` keeps the last weights received; training again starts a new trainer.
        this.dropTrainer(lane);
        this.view.trainerFailed(lane, message);
      },
    };
  }
}
