/**
 * Micro-steps (issue #18): one step of a cell taken apart into the operations that make it,
 * forward and then backward, each with the selected unit's real numbers.
 */

export interface MicroTerm {
  /** math markup (views/diagram/math.ts) naming the term: "U_fᵀ δ_{t+1}" */
  label: string;
  value: number;
}

export interface MicroOp {
  /** stable across steps and units, so a link can name it: 'wx', 'gate-forget', 'b-dh', … */
  id: string;
  phase: 'forward' | 'backward';
  /** a short name: "Input projection" */
  title: string;
  /** the rule in math markup: "f_t = σ(a_f)" */
  formula: string;
  /** the terms that make the result (a sum's parts, or one per gate block for a projection) */
  terms: MicroTerm[];
  /** what the op produces for the unit (null for an op that yields one number per gate) */
  result: number | null;
  /** the diagram's wires, operators and gate blocks this op reads and writes */
  lit: string[];
  /** the whole op as one sentence, for screen readers */
  text: string;
}

/** What the ops are computed from, beyond the trace. */
export interface MicroInputs {
  /** the targets and mask of the traced sequence (the loss's slope at y_t) */
  targets: Float32Array;
  mask: Uint8Array;
  loss: 'mse' | 'softmax-xent';
  /** gates a what-if clamps at step t and at t + 1 */
  clampedAt(t: number): readonly string[];
}
