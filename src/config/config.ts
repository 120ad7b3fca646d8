/**
 * Everything a user chooses, as plain serialisable data, validated and clamped on the way in
 * (a URL or a stale value can never push the engine past its limits). Plain TypeScript: the
 * store's config slice, the URL schema, the workers and the scripts all read it.
 */
import { isCellKind } from '../engine/cellKinds';
import { LIMITS, snapToStep } from '../engine/spec';
import { TASK_IDS, TASK_PARAMS, type TaskId } from '../engine/tasks/task';
import type { GateClamp } from '../engine/interventions';
import type { CellKind, ElmanActivation, GruVariant } from '../engine/types';

/**
 * Where the shown network's starting weights come from: seeded init, a shipped checkpoint, or a
 * file the user imported (which a link cannot hold: see store/url/schema.ts, `wid`).
 */
export type WeightSource = 'random' | 'trained' | 'imported';

export interface Config {
  cell: CellKind;
  gruVariant: GruVariant;
  activation: ElmanActivation;
  hiddenSize: number;
  task: TaskId;
  /** per-task parameters (see TASK_PARAMS), clamped */
  taskParams: Record<string, number>;
  /** the user's text for the custom task */
  customText: string;
  seed: number;
  weights: WeightSource;
  /** multiplies the orthogonal recurrent init: its spectral radius */
  recurrentScale: number;
  /** LSTM forget-gate bias at init */
  forgetBias: number;
  /** what-if: a gate held constant ('' = none); applies to the cells that have that gate */
  clampGate: ClampableGate | '';
  clampValue: number;
  /** first and last clamped step, 1-based; clampTo 0 means to the end */
  clampFrom: number;
  clampTo: number;
}

/** Gates a teacher may clamp, with the cell each belongs to. */
export const CLAMPABLE = {
  forget: { cell: 'lstm', label: 'LSTM forget gate' },
  input: { cell: 'lstm', label: 'LSTM input gate' },
  output: { cell: 'lstm', label: 'LSTM output gate' },
  update: { cell: 'gru', label: 'GRU update gate (keep old)' },
  reset: { cell: 'gru', label: 'GRU reset gate' },
} as const;
export type ClampableGate = keyof typeof CLAMPABLE;

/** Bounds of the numeric knobs, stated once for the UI, the URL parser and the clamp. */
export const KNOBS = {
  hiddenSize: { min: LIMITS.hiddenSize.min, max: 64, step: 1 },
  seed: { min: 0, max: 99999, step: 1 },
  recurrentScale: { min: 0.1, max: 3, step: 0.05 },
  forgetBias: { min: -3, max: 5, step: 0.5 },
  clampValue: { min: 0, max: 1, step: 0.05 },
  clampFrom: { min: 1, max: LIMITS.length.max, step: 1 },
  clampTo: { min: 0, max: LIMITS.length.max, step: 1 },
} as const;

export const DEFAULT_CONFIG: Config = {
  cell: 'lstm',
  gruVariant: 'reset-after',
  activation: 'tanh',
  hiddenSize: 16,
  task: 'adding',
  taskParams: {},
  customText: 'hello hello hello',
  seed: 1,
  weights: 'random',
  recurrentScale: 1,
  forgetBias: 1,
  clampGate: '',
  clampValue: 1,
  clampFrom: 1,
  clampTo: 0,
};

/**
 * The seed of the sequence the page shows: its own stream, so that the weights' seed and the
 * sequence's never coincide, yet one config seed reproduces both.
 */
export function sequenceSeed(seed: number): number {
  return seed + 7919;
}

export function clampKnob(key: keyof typeof KNOBS, v: number): number {
  const k = KNOBS[key];
  if (!Number.isFinite(v)) return DEFAULT_CONFIG[key];
  return snapToStep(v, k);
}

/** Keeps only known, in-range task params (clamped, snapped to their step). */
export function clampTaskParams(
  task: TaskId,
  params: Record<string, unknown>,
): Record<string, number> {
  const out: Record<string, number> = {};
  for (const p of TASK_PARAMS[task]) {
    const v = params[p.key];
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    out[p.key] = snapToStep(v, p);
  }
  return out;
}

/** Validates a partial config against the current one: unknown or invalid values are dropped. */
export function sanitize(current: Config, patch: Partial<Config>): Config {
  const next = { ...current };
  if (isCellKind(patch.cell)) next.cell = patch.cell;
  if (patch.gruVariant === 'reset-after' || patch.gruVariant === 'reset-before')
    next.gruVariant = patch.gruVariant;
  if (patch.activation === 'tanh' || patch.activation === 'relu')
    next.activation = patch.activation;
  if (patch.weights === 'random' || patch.weights === 'trained' || patch.weights === 'imported')
    next.weights = patch.weights;
  for (const key of Object.keys(KNOBS) as (keyof typeof KNOBS)[]) {
    if (typeof patch[key] === 'number') next[key] = clampKnob(key, patch[key]);
  }
  if (patch.task && TASK_IDS.includes(patch.task) && patch.task !== current.task) {
    next.task = patch.task;
    next.taskParams = {};
  }
  if (patch.taskParams)
    next.taskParams = { ...next.taskParams, ...clampTaskParams(next.task, patch.taskParams) };
  if (
    patch.clampGate === '' ||
    (typeof patch.clampGate === 'string' && patch.clampGate in CLAMPABLE)
  )
    next.clampGate = patch.clampGate;
  if (typeof patch.customText === 'string') next.customText = patch.customText.slice(0, 5000);
  // Imported weights fit only the model they came with: another size, seed or init is a seeded
  // model again, and the weights selector must say so.
  if (current.weights === 'imported' && patch.weights === undefined) {
    if (next.cell !== current.cell || weightsKey(next) !== weightsKey(current))
      next.weights = 'random';
  }
  return next;
}

/**
 * The clamps a config asks of one cell on a sequence of T steps (empty when the clamped gate
 * belongs to another cell, or when the range lies beyond the sequence).
 */
export function clampsFor(c: Config, cell: CellKind, T: number): GateClamp[] {
  if (!c.clampGate || CLAMPABLE[c.clampGate].cell !== cell) return [];
  const from = c.clampFrom - 1;
  const to = (c.clampTo === 0 ? T : Math.min(c.clampTo, T)) - 1;
  if (from > to) return [];
  return [{ gate: c.clampGate, value: c.clampValue, from, to }];
}

/** The gates `clamps` (from clampsFor, ranges filled in) hold constant at step t. */
export function clampedGatesAt(clamps: readonly GateClamp[], t: number): string[] {
  return clamps.filter((c) => c.from! <= t && t <= c.to!).map((c) => c.gate);
}

/** Short text for the badge every affected view shows, or null when nothing is changed. */
export function interventionLabel(c: Config, cell: CellKind): string | null {
  const parts: string[] = [];
  if (c.clampGate && CLAMPABLE[c.clampGate].cell === cell) {
    const range =
      c.clampFrom === 1 && c.clampTo === 0
        ? 'all steps'
        : `steps ${c.clampFrom}–${c.clampTo || 'end'}`;
    parts.push(`${c.clampGate} gate clamped to ${c.clampValue} (${range})`);
  }
  if (c.weights === 'random' && c.recurrentScale !== 1)
    parts.push(`W_hh scaled to ρ = ${c.recurrentScale}`);
  return parts.length ? parts.join(' · ') : null;
}

/** What decides a cell's starting weights, apart from the cell kind itself. */
export function weightsKey(c: Config): string {
  return JSON.stringify([
    c.gruVariant,
    c.activation,
    c.hiddenSize,
    c.task,
    c.taskParams,
    c.customText,
    c.seed,
    c.weights,
    c.recurrentScale,
    c.forgetBias,
  ]);
}

/** The what-if settings that change a trace without changing the weights. */
export function interventionKey(c: Config): string {
  return JSON.stringify([c.clampGate, c.clampValue, c.clampFrom, c.clampTo]);
}
