/**
 * What-if interventions on a running cell: clamping a gate to a constant over a range of steps
 * (e.g. an LSTM forget gate held at 1, a GRU update gate held at 1). A clamped gate is a
 * constant, so besides replacing its value in the forward pass, its slope in the backward pass
 * is zero: the gradient does not flow into that gate's weights at those steps.
 */
import { CELLS } from './cellKinds';
import * as tf from '@tensorflow/tfjs-core';
import { EngineInputError } from './spec';
import type { CellKind } from './types';

export interface GateClamp {
  gate: string;
  /** the constant the gate is held at, in its range ([0, 1] for σ gates, [−1, 1] for tanh) */
  value: number;
  /** first and last step clamped, 0-based, inclusive; omit for all steps */
  from?: number;
  to?: number;
}

/** Per gate: `keep` is 1 where the gate runs freely and 0 where clamped; `value` is the constant there. */
export type ClampTensors = Record<string, { keep: tf.Tensor; value: tf.Tensor }>;

export function checkClamps(cell: CellKind, clamps: readonly GateClamp[], T: number): void {
  for (const c of clamps) {
    if (!(CELLS[cell].gates as readonly string[]).includes(c.gate)) {
      const allowed = CELLS[cell].gates.length
        ? CELLS[cell].gates.join(', ')
        : 'none (an Elman cell has no gates)';
      throw new EngineInputError(`cannot clamp "${c.gate}" on ${cell}: gates are ${allowed}`);
    }
    const lo = c.gate === 'candidate' ? -1 : 0;
    if (!(c.value >= lo && c.value <= 1))
      throw new EngineInputError(
        `clamp value for ${c.gate} must be in [${lo}, 1] (got ${c.value})`,
      );
    const from = c.from ?? 0;
    const to = c.to ?? T - 1;
    if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && from <= to)) {
      throw new EngineInputError(
        `clamp range for ${c.gate} must be steps from ≤ to within 1 … ${T}`,
      );
    }
  }
}

/** Builds the keep/value masks, [T*B, H] each, for the clamped gates (call inside tf.tidy). */
export function clampTensors(
  clamps: readonly GateClamp[],
  T: number,
  B: number,
  H: number,
): ClampTensors | undefined {
  if (!clamps.length) return undefined;
  const out: ClampTensors = {};
  const byGate = new Map<string, GateClamp[]>();
  for (const c of clamps) byGate.set(c.gate, [...(byGate.get(c.gate) ?? []), c]);
  for (const [gate, list] of byGate) {
    const keep = new Float32Array(T * B * H).fill(1);
    const value = new Float32Array(T * B * H);
    for (const c of list) {
      for (let t = c.from ?? 0; t <= Math.min(c.to ?? T - 1, T - 1); t++) {
        keep.fill(0, t * B * H, (t + 1) * B * H);
        value.fill(c.value, t * B * H, (t + 1) * B * H);
      }
    }
    out[gate] = { keep: tf.tensor2d(keep, [T * B, H]), value: tf.tensor2d(value, [T * B, H]) };
  }
  return out;
}

/** Row t of a gate with its clamp applied: gate ⊙ keep + value. */
export function clampStep(
  gate: tf.Tensor,
  clamps: ClampTensors | undefined,
  name: string,
  t: number,
  B: number,
): tf.Tensor {
  const c = clamps?.[name];
  if (!c) return gate;
  return tf.add(
    tf.mul(gate, tf.slice(c.keep, [t * B, 0], [B, -1])),
    tf.slice(c.value, [t * B, 0], [B, -1]),
  );
}

/** A gate's slope (∂gate/∂pre-activation) for all steps, zero where the gate is clamped. */
export function clampSlope(
  slope: tf.Tensor,
  clamps: ClampTensors | undefined,
  name: string,
): tf.Tensor {
  const c = clamps?.[name];
  return c ? tf.mul(slope, c.keep) : slope;
}
