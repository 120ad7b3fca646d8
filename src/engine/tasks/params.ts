/**
 * Declarative parameter bounds per task. One table drives the UI sliders, URL validation and the
 * clamping in createTask, so no entry point can ask a generator for something it cannot make.
 */
import { LIMITS, snapToStep } from '../spec';
import type { ParamSpec, TaskId } from './types';

const MAX_T = LIMITS.length.max;

function length(def: number, min: number, max: number): ParamSpec {
  return {
    key: 'length',
    label: 'Sequence length',
    min,
    max: Math.min(max, MAX_T),
    step: 1,
    default: def,
    help: 'Number of time steps T in every sequence.',
  };
}

const TABLE: Record<TaskId, ParamSpec[]> = {
  adding: [length(50, 10, 1000)],
  copy: [
    {
      key: 'symbols',
      label: 'Alphabet size',
      min: 2,
      max: 8,
      step: 1,
      default: 4,
      help: 'How many different symbols can appear.',
    },
    {
      key: 'items',
      label: 'Symbols to recall',
      min: 1,
      max: 10,
      step: 1,
      default: 3,
      help: 'How many symbols are shown and must be repeated after the go marker.',
    },
    {
      key: 'gap',
      label: 'Delay',
      min: 0,
      max: 200,
      step: 1,
      default: 10,
      help: 'Blank steps between the last shown symbol and the go marker.',
    },
  ],
  parity: [length(12, 2, 200)],
  forecast: [
    length(50, 10, 1000),
    {
      key: 'waves',
      label: 'Sine components',
      min: 1,
      max: 3,
      step: 1,
      default: 2,
      help: 'How many sines of random frequency and phase are summed.',
    },
    {
      key: 'noise',
      label: 'Noise',
      min: 0,
      max: 0.5,
      step: 0.01,
      default: 0.05,
      help: 'Standard deviation of the Gaussian noise added to every sample.',
    },
  ],
  anomaly: [
    length(100, 20, 1000),
    {
      key: 'rate',
      label: 'Anomaly rate',
      min: 0.01,
      max: 0.3,
      step: 0.01,
      default: 0.05,
      help: 'Chance that a spike or level shift starts at any step after the first.',
    },
  ],
  charlm: [length(40, 5, 400)],
  custom: [],
};

// Frozen so a UI cannot widen the bounds that createTask and URL validation rely on.
for (const specs of Object.values(TABLE)) {
  for (const s of specs) Object.freeze(s);
  Object.freeze(specs);
}
export const TASK_PARAMS: Record<TaskId, ParamSpec[]> = Object.freeze(TABLE);

/** Digits after the point in a step like 0.01, so snapped values print cleanly (0.05, not 0.0500000001). */
/** Clamps each known param to its bounds and snaps it to its step grid; missing or NaN values get the default. */
export function resolveParams(
  specs: readonly ParamSpec[],
  given: Partial<Record<string, number>>,
): Readonly<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const s of specs) {
    const raw = given[s.key];
    out[s.key] = snapToStep(typeof raw === 'number' && !Number.isNaN(raw) ? raw : s.default, s);
  }
  return Object.freeze(out);
}
