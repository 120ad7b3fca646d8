/**
 * THE LINK SCHEMA: one table says, for every key a shareable link may carry, how its value is
 * read and written (codec, with bounds from the stores' own tables) and where it lives in the
 * stores (get/put on a UrlState snapshot). Parsing and serialising both walk this table, in
 * this order: a field may depend on fields above it (task params on the task, unit on H, gate
 * on the cell). A field's default is its value in DEFAULT_URL_STATE (per task for task params),
 * and only values that differ from it are written, so links stay short.
 */
import { CELL_KINDS } from '../../engine/cellKinds';
import { MICRO_OP_IDS } from '../../config/microOps';
import { type SelectableRow, selectableRows } from '../../config/selection';
import { LIMITS } from '../../engine/spec';
import { TASK_IDS, TASK_PARAMS } from '../../engine/tasks/task';
import { LESSON_LIMITS } from '../../config/lesson';
import { CLAMPABLE, type ClampableGate } from '../../config/config';
import { EMBED_IDS, type EmbedId, PANEL_IDS, type PanelId } from '../ui';
import {
  type Codec,
  choice,
  choiceOf,
  customText,
  knob,
  lessonRef,
  optionalPosition,
  position,
  taskParam,
  weightsNotInLink,
} from './codecs';
import type { BackendName } from '../../engine/backend/backends';
import { DEFAULT_URL_STATE, type UrlState } from './state';

export interface Field<V> {
  key: string;
  codec: Codec<V>;
  get(s: UrlState): V;
  put(s: UrlState, v: V): void;
  /** the value that is left out of links; by default the field's value in DEFAULT_URL_STATE */
  def?(s: UrlState): V;
  /** written only when this holds (a task's own parameters, the custom task's text) */
  relevant?(s: UrlState): boolean;
}

/** Keeps the table's rows typed one by one while the table itself holds mixed value types. */
const field = <V>(f: Field<V>) => f as unknown as Field<unknown>;

const words = <V extends string>(values: readonly V[]) =>
  Object.fromEntries(values.map((v) => [v, v])) as Record<string, V>;

/** Every task parameter key any task has, each read against the task named before it. */
const PARAM_KEYS = [...new Set(Object.values(TASK_PARAMS).flatMap((ps) => ps.map((p) => p.key)))];
const paramSpec = (s: UrlState, key: string) =>
  TASK_PARAMS[s.config.task].find((p) => p.key === key);

export const SCHEMA: readonly Field<unknown>[] = [
  field<UrlState['config']['cell']>({
    key: 'cell',
    codec: choice(words(CELL_KINDS)),
    get: (s) => s.config.cell,
    put: (s, v) => (s.config.cell = v),
  }),
  field<UrlState['config']['gruVariant']>({
    key: 'gru',
    codec: choice(words(['reset-after', 'reset-before'] as const)),
    get: (s) => s.config.gruVariant,
    put: (s, v) => (s.config.gruVariant = v),
  }),
  field<UrlState['config']['activation']>({
    key: 'act',
    codec: choice(words(['tanh', 'relu'] as const)),
    get: (s) => s.config.activation,
    put: (s, v) => (s.config.activation = v),
  }),
  field<number>({
    key: 'H',
    codec: knob('hiddenSize'),
    get: (s) => s.config.hiddenSize,
    put: (s, v) => (s.config.hiddenSize = v),
  }),
  field<UrlState['config']['task']>({
    key: 'task',
    codec: choice(words(TASK_IDS)),
    get: (s) => s.config.task,
    // A new task starts from its own defaults, as sanitize does.
    put: (s, v) => {
      if (v !== s.config.task) s.config.taskParams = {};
      s.config.task = v;
    },
  }),
  ...PARAM_KEYS.map((key) =>
    field<number>({
      key: `p.${key}`,
      codec: taskParam(key),
      get: (s) => s.config.taskParams[key] ?? paramSpec(s, key)?.default ?? NaN,
      put: (s, v) => (s.config.taskParams[key] = v),
      def: (s) => paramSpec(s, key)?.default ?? NaN,
      relevant: (s) => paramSpec(s, key) !== undefined,
    }),
  ),
  field<string>({
    key: 'custom',
    codec: customText,
    get: (s) => s.config.customText,
    put: (s, v) => (s.config.customText = v),
    relevant: (s) => s.config.task === 'custom',
  }),
  field<number>({
    key: 'seed',
    codec: knob('seed'),
    get: (s) => s.config.seed,
    put: (s, v) => (s.config.seed = v),
  }),
  field<UrlState['config']['weights']>({
    key: 'w',
    codec: choice(words(['random', 'trained'] as const)),
    // Imported weights are not in the link (`wid` names them): it holds what it can rebuild.
    get: (s) => (s.config.weights === 'imported' ? 'random' : s.config.weights),
    put: (s, v) => (s.config.weights = v),
  }),
  field<string | null>({
    key: 'wid',
    codec: weightsNotInLink,
    get: (s) => s.weightsId,
    put: (s, v) => (s.weightsId = v),
  }),
  field<number>({
    key: 'scale',
    codec: knob('recurrentScale'),
    get: (s) => s.config.recurrentScale,
    put: (s, v) => (s.config.recurrentScale = v),
  }),
  field<number>({
    key: 'fb',
    codec: knob('forgetBias'),
    get: (s) => s.config.forgetBias,
    put: (s, v) => (s.config.forgetBias = v),
  }),
  field<ClampableGate | ''>({
    key: 'clamp',
    codec: choice<ClampableGate | ''>({
      ...words(Object.keys(CLAMPABLE) as ClampableGate[]),
      none: '',
    }),
    get: (s) => s.config.clampGate,
    put: (s, v) => (s.config.clampGate = v),
  }),
  field<number>({
    key: 'clampv',
    codec: knob('clampValue'),
    get: (s) => s.config.clampValue,
    put: (s, v) => (s.config.clampValue = v),
  }),
  field<number>({
    key: 'clampfrom',
    codec: knob('clampFrom'),
    get: (s) => s.config.clampFrom,
    put: (s, v) => (s.config.clampFrom = v),
  }),
  field<number>({
    key: 'clampto',
    codec: knob('clampTo'),
    get: (s) => s.config.clampTo,
    put: (s, v) => (s.config.clampTo = v),
  }),
  field<boolean>({
    key: 'view',
    codec: choice({ single: false, compare: true }),
    get: (s) => s.compareOpen,
    put: (s, v) => (s.compareOpen = v),
  }),
  // The sequence length is known only once the trace exists: the page clamps t again then.
  field<number>({
    key: 't',
    codec: position(() => LIMITS.length.max),
    get: (s) => s.t,
    put: (s, v) => (s.t = v),
  }),
  field<number>({
    key: 'unit',
    codec: position((s) => s.config.hiddenSize),
    get: (s) => s.selection.unit,
    put: (s, v) => (s.selection.unit = v),
  }),
  field<SelectableRow | null>({
    key: 'gate',
    codec: choiceOf<SelectableRow | null>((s) => ({
      ...words(selectableRows(s.config.cell)),
      none: null,
    })),
    get: (s) => s.selection.gate,
    put: (s, v) => (s.selection.gate = v),
  }),
  field<string | null>({
    key: 'op',
    codec: choiceOf<string | null>((s) => ({ ...words(MICRO_OP_IDS[s.config.cell]), none: null })),
    get: (s) => s.microOp,
    put: (s, v) => (s.microOp = v),
  }),
  // The lens's k: kept at or before t by the lens itself, as t is kept inside the trace.
  field<number | null>({
    key: 'from',
    codec: optionalPosition(LIMITS.length.max),
    get: (s) => s.selection.from ?? null,
    put: (s, v) => (s.selection.from = v),
  }),
  field<number | null>({
    key: 'tour',
    codec: optionalPosition(99),
    get: (s) => s.tourStep,
    put: (s, v) => (s.tourStep = v),
  }),
  field<string | null>({
    key: 'lesson',
    codec: lessonRef,
    get: (s) => s.lesson,
    put: (s, v) => (s.lesson = v),
  }),
  field<number>({
    key: 'lstep',
    codec: position(() => LESSON_LIMITS.steps),
    get: (s) => s.lessonStep,
    put: (s, v) => (s.lessonStep = v),
    relevant: (s) => s.lesson !== null,
  }),
  field<UrlState['teacher']>({
    key: 'teacher',
    codec: choice<UrlState['teacher']>({
      off: 'off',
      '0': 'off',
      '1': 'captions',
      captions: 'captions',
      play: 'play',
    }),
    get: (s) => s.teacher,
    put: (s, v) => (s.teacher = v),
  }),
  field<EmbedId | null>({
    key: 'embed',
    codec: choice<EmbedId | null>({ ...words(EMBED_IDS), none: null }),
    get: (s) => s.embed,
    put: (s, v) => (s.embed = v),
  }),
  field<boolean>({
    key: 'present',
    // A bare `present` (no '=') switches it on, like an HTML boolean attribute.
    codec: choice({ '1': true, '': true, on: true, true: true, '0': false, off: false }),
    get: (s) => s.presenting,
    put: (s, v) => (s.presenting = v),
  }),
  field<PanelId>({
    key: 'focus',
    codec: choice(words(PANEL_IDS)),
    get: (s) => s.focusPanel,
    put: (s, v) => (s.focusPanel = v),
  }),
  field<BackendName | null>({
    key: 'backend',
    codec: choice<BackendName | null>({ auto: null, cpu: 'cpu', wasm: 'wasm', webgl: 'webgl' }),
    get: (s) => s.backend,
    put: (s, v) => (s.backend = v),
  }),
];

/** The field a link key names, matched without regard to case (`h=8` means `H=8`). */
const BY_KEY = new Map(SCHEMA.map((f) => [f.key.toLowerCase(), f]));
export function fieldFor(key: string): Field<unknown> | undefined {
  return BY_KEY.get(key.toLowerCase());
}

/** The value a field leaves out of links, in the context of state `s`. */
export function defaultOf(f: Field<unknown>, s: UrlState): unknown {
  return f.def ? f.def(s) : f.get(DEFAULT_URL_STATE);
}
