/**
 * What follows from the cell table (gate counts, block names) and the size limits every
 * entry point enforces, so a URL or a weight file cannot bypass the UI's bounds.
 */
import { CELL_KINDS, CELLS, isCellKind } from './cellKinds';
import type { CellKind, ModelSpec } from './types';

/** Number of stacked row blocks G in W_ih / W_hh. Elman has one (its single tanh layer). */
export function gateCount(cell: CellKind): number {
  return Math.max(1, CELLS[cell].gates.length);
}

/** Names used for the pre-activation gradient of each block (Elman's single block is 'h'). */
export function blockNames(cell: CellKind): readonly string[] {
  return cell === 'elman' ? ['h'] : CELLS[cell].gates;
}

export const LIMITS = {
  inputSize: { min: 1, max: 256 },
  hiddenSize: { min: 1, max: 256 },
  outputSize: { min: 1, max: 256 },
  length: { min: 1, max: 1000 },
  batchSize: { min: 1, max: 512 },
} as const;

export class EngineInputError extends Error {
  override name = 'EngineInputError';
}

/** Throws EngineInputError naming the field and the allowed range when n is not an integer within it. */
export function checkInt(field: string, n: unknown, range: { min: number; max: number }): number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < range.min || n > range.max) {
    throw new EngineInputError(
      `${field} must be a whole number from ${range.min} to ${range.max} (got ${String(n)})`,
    );
  }
  return n;
}

/**
 * Clamps v into [min, max] and snaps it to the step grid counted from min, trimming float noise
 * (0.1 + 7·0.05 is 0.45, not 0.45000000000000007). One rule for config knobs, task parameters and
 * links, so no entry point rounds differently.
 */
export function snapToStep(v: number, r: { min: number; max: number; step: number }): number {
  const clamped = Math.min(r.max, Math.max(r.min, v));
  const snapped = r.min + Math.round((clamped - r.min) / r.step) * r.step;
  return Number(Math.min(r.max, snapped).toFixed(stepDecimals(r.step)));
}

function stepDecimals(step: number): number {
  const s = String(step);
  const dot = s.indexOf('.');
  return dot < 0 ? 0 : s.length - dot - 1;
}

/** Validates a spec and fills its optional fields with their defaults. */
export function normalizeSpec(spec: ModelSpec): Required<ModelSpec> {
  if (!isCellKind(spec.cell)) {
    throw new EngineInputError(
      `cell must be one of ${CELL_KINDS.join(', ')} (got ${String(spec.cell)})`,
    );
  }
  checkInt('inputSize', spec.inputSize, LIMITS.inputSize);
  checkInt('hiddenSize', spec.hiddenSize, LIMITS.hiddenSize);
  checkInt('outputSize', spec.outputSize, LIMITS.outputSize);
  const gruVariant = spec.gruVariant ?? 'reset-after';
  if (gruVariant !== 'reset-after' && gruVariant !== 'reset-before') {
    throw new EngineInputError(
      `gruVariant must be reset-after or reset-before (got ${String(gruVariant)})`,
    );
  }
  const activation = spec.activation ?? 'tanh';
  if (activation !== 'tanh' && activation !== 'relu') {
    throw new EngineInputError(`activation must be tanh or relu (got ${String(activation)})`);
  }
  return { ...spec, gruVariant, activation };
}

/** Expected length of every weight array for a spec, keyed like Weights. */
export function weightSizes(spec: ModelSpec) {
  const G = gateCount(spec.cell);
  const { inputSize: I, hiddenSize: H, outputSize: O } = spec;
  return {
    wIh: [G * H, I],
    wHh: [G * H, H],
    bIh: [G * H],
    bHh: [G * H],
    wOut: [O, H],
    bOut: [O],
  } as const satisfies Record<string, readonly number[]>;
}

/** Number of trainable parameters of the cell plus its readout. */
export function parameterCount(spec: ModelSpec): number {
  return Object.values(weightSizes(spec)).reduce((n, s) => n + s.reduce((a, b) => a * b, 1), 0);
}
