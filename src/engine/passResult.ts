/**
 * What one pass returns, whichever path ran it: the op-by-op cells (network.ts) or the fused
 * kernels (fused/pass.ts). Both build these shapes, so the trace, the trainer and the tests
 * cannot tell the paths apart; the types live here so neither path imports the other's file
 * for them.
 */
import type * as tf from '@tensorflow/tfjs-core';
import type { CellBackward, CellForward } from './cells/common';
import type { FusedAttrs } from './fused/contract';
import type { LossTensors } from './loss';
import type { Weights } from './types';

/** What the fused backward needs from the fused forward. */
export interface FusedSaved {
  attrs: FusedAttrs;
  state: tf.Tensor;
  keep?: tf.Tensor;
}

/** The forward pass and its loss. */
export interface ForwardResult {
  X: tf.Tensor;
  fwd: CellForward;
  Y: tf.Tensor;
  loss: LossTensors;
  /** Present when the fused kernels ran the forward pass: what their backward needs. */
  fused?: FusedSaved;
}

/** The forward pass, its loss, and the gradients of full BPTT. */
export interface PassResult extends ForwardResult {
  bwd: CellBackward;
  /** ∂L/∂x_t, [T*B, I]; absent with gradsOnly */
  dX?: tf.Tensor;
  /** weight gradients keyed like Weights */
  grads: Record<keyof Weights, tf.Tensor>;
}
