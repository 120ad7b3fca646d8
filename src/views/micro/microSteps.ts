/**
 * The micro-steps of a step, forward then backward, for one unit; and where a link's op id
 * lands. Without the model's weights there are no pre-activations to show: null.
 */
import type { Trace } from '../../engine/trace';
import type { Weights } from '../../engine/types';
import { weightsFit } from '../diagram/preActivation';
import { backwardOps } from './backward';
import { forwardOps } from './forward';
import type { MicroInputs, MicroOp } from './types';

export function microSteps(
  trace: Trace,
  weights: Weights | undefined,
  inputs: MicroInputs,
  t: number,
  unit: number,
): MicroOp[] | null {
  // The readout's weights too: the backward ops read W_out.
  if (!weightsFit(trace, weights) || weights.wOut.length !== trace.O * trace.H) return null;
  const tt = Math.min(trace.T - 1, Math.max(0, t));
  const j = Math.min(trace.H - 1, Math.max(0, unit));
  return [
    ...forwardOps(trace, weights, inputs.clampedAt(tt), tt, j),
    ...backwardOps(trace, weights, inputs, tt, j),
  ];
}

/**
 * The equation line (views/diagram/equationData.ts: a gate's name, 'c' or 'h') an op computes or
 * differentiates, or null for the projections and the readout, which no line shows alone.
 */
export function equationLineOf(opId: string): string | null {
  const gate = /^(?:b-pre-|gate-)(\w+)$/.exec(opId)?.[1];
  if (gate) return gate === 'h' ? 'h' : gate;
  if (['fc', 'ig', 'c', 'b-dc'].includes(opId)) return 'c';
  if (['pre', 'act', 'tanhc', 'take', 'keep', 'h', 'b-dh'].includes(opId)) return 'h';
  return null;
}

/** The index of op `id` in `ops`, or 0 when this cell has no such op (a link for another cell). */
export function opIndex(ops: readonly MicroOp[], id: string | null): number {
  const k = ops.findIndex((o) => o.id === id);
  return k < 0 ? 0 : k;
}
