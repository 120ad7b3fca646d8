/**
 * Float64 reference backprop through time, derived by hand from the forward equations.
 * Every quantity here is checked against finite differences in tests/unit/reference.test.ts.
 */
import type { ModelSpec } from '../src/engine/types';
import { referenceForward, type ForwardResult } from './forward64';
import {
  addMatTVecRows,
  addOuterRows,
  countTargeted,
  frobenius,
  gateCount,
  gateNames,
  logSoftmax,
  rowOf,
  weightsToF64,
  type SequenceLike,
  type WeightsLike,
} from './math64';

export interface BackwardResult extends ForwardResult {
  /** [T, H] total ∂L/∂h_t (readout at t plus all later steps) */
  gradH: Float64Array;
  /** [T, H] lstm only: total ∂L/∂c_t, including the path through h_t at the same step */
  gradC?: Float64Array;
  /** [T, I] */
  gradX: Float64Array;
  /** ∂L/∂(gate pre-activation) [T, H] by gate name (elman: 'h') */
  gradPre: Record<string, Float64Array>;
  dWIh: Float64Array;
  dWHh: Float64Array;
  dBIh: Float64Array;
  dBHh: Float64Array;
  dWOut: Float64Array;
  dBOut: Float64Array;
  /** [T] Frobenius norm of step t's contribution to dWHh */
  whhStepNorm: Float64Array;
  /** [T, G*H*H] step t's contribution to dWHh; rows sum to dWHh */
  dWHhSteps: Float64Array;
}

/** What one cell's backward step hands to the shared weight-gradient accumulation. */
interface StepGrads {
  /** ∂L/∂(W_ih x_t + b_ih), one [H] block per gate */
  dA: Float64Array[];
  /** ∂L/∂(W_hh[k] hIn[k] + b_hh[k]), one [H] block per gate */
  dB: Float64Array[];
  /** the vector each W_hh block multiplied (h_{t-1}, or r ⊙ h_{t-1} for reset-before n) */
  hIn: Float64Array[];
  /** total ∂L/∂h_{t-1} from this step */
  dhPrev: Float64Array;
}

/** ∂L/∂y [T, O] for the masked mean loss. */
function lossGradY(fwd: ForwardResult, seq: SequenceLike, T: number, os: number): Float64Array {
  const dy = new Float64Array(T * os);
  const k = countTargeted(seq.mask);
  for (let t = 0; t < T; t++) {
    if (!seq.mask[t]) continue;
    const yt = rowOf(fwd.y, t, os);
    if (seq.loss === 'mse') {
      for (let o = 0; o < os; o++)
        dy[t * os + o] = (2 * (yt[o] - seq.targets[t * os + o])) / (k * os);
    } else {
      // d(−log softmax_c)/dy = softmax − onehot(c)
      const p = logSoftmax(yt).map(Math.exp);
      p[seq.targets[t]] -= 1;
      for (let o = 0; o < os; o++) dy[t * os + o] = p[o] / k;
    }
  }
  return dy;
}

export function referenceBackward(
  spec: ModelSpec,
  weights: WeightsLike,
  seq: SequenceLike,
): BackwardResult {
  const { cell, inputSize: is, hiddenSize: hs, outputSize: os } = spec;
  const T = seq.length;
  const G = gateCount(cell);
  const names = gateNames(cell);
  const w = weightsToF64(weights);
  const fwd = referenceForward(spec, weights, seq);
  const resetAfter = (spec.gruVariant ?? 'reset-after') === 'reset-after';

  const dy = lossGradY(fwd, seq, T, os);
  const dWOut = new Float64Array(os * hs);
  const dBOut = new Float64Array(os);
  const dWIh = new Float64Array(G * hs * is);
  const dWHh = new Float64Array(G * hs * hs);
  const dBIh = new Float64Array(G * hs);
  const dBHh = new Float64Array(G * hs);
  const gradH = new Float64Array(T * hs);
  const gradC = cell === 'lstm' ? new Float64Array(T * hs) : undefined;
  const gradX = new Float64Array(T * is);
  const gradPre: Record<string, Float64Array> = {};
  for (const n of names) gradPre[n] = new Float64Array(T * hs);
  const whhStepNorm = new Float64Array(T);
  const dWHhSteps = new Float64Array(T * G * hs * hs);

  const zeros = new Float64Array(hs);
  let dhNext: Float64Array = new Float64Array(hs); // ∂L/∂h_t arriving from step t+1
  let dcNext: Float64Array = new Float64Array(hs); // lstm: ∂L/∂c_t arriving from step t+1 (through f_{t+1})
  for (let t = T - 1; t >= 0; t--) {
    const dyt = rowOf(dy, t, os);
    const ht = rowOf(fwd.h, t, hs);
    addOuterRows(dWOut, hs, 0, dyt, ht);
    for (let o = 0; o < os; o++) dBOut[o] += dyt[o];
    const dh = dhNext.slice();
    addMatTVecRows(dh, w.wOut, hs, 0, dyt);
    gradH.set(dh, t * hs);

    const hPrev = t > 0 ? rowOf(fwd.h, t - 1, hs) : zeros;
    const at = (name: string) => rowOf(fwd.gates[name], t, hs);
    const preAt = (name: string) => rowOf(fwd.pre[name], t, hs);
    let step: StepGrads;

    if (cell === 'elman') {
      const a = preAt('h');
      const relu = spec.activation === 'relu';
      const da = dh.map((g, j) => g * (relu ? (a[j] > 0 ? 1 : 0) : 1 - Math.tanh(a[j]) ** 2));
      const dhPrev = new Float64Array(hs);
      addMatTVecRows(dhPrev, w.wHh, hs, 0, da);
      step = { dA: [da], dB: [da], hIn: [hPrev], dhPrev };
    } else if (cell === 'lstm') {
      const [ig, fg, gg, og] = names.map(at);
      const ct = rowOf(fwd.c!, t, hs);
      const cPrev = t > 0 ? rowOf(fwd.c!, t - 1, hs) : zeros;
      const tc = ct.map(Math.tanh);
      const dc = dh.map((g, j) => g * og[j] * (1 - tc[j] ** 2) + dcNext[j]);
      gradC!.set(dc, t * hs);
      const di = dc.map((g, j) => g * gg[j] * ig[j] * (1 - ig[j]));
      const df = dc.map((g, j) => g * cPrev[j] * fg[j] * (1 - fg[j]));
      const dg = dc.map((g, j) => g * ig[j] * (1 - gg[j] ** 2));
      const dO = dh.map((g, j) => g * tc[j] * og[j] * (1 - og[j]));
      const dpre = [di, df, dg, dO];
      const dhPrev = new Float64Array(hs);
      dpre.forEach((d, k) => addMatTVecRows(dhPrev, w.wHh, hs, k * hs, d));
      dcNext = dc.map((g, j) => g * fg[j]);
      step = { dA: dpre, dB: dpre, hIn: [hPrev, hPrev, hPrev, hPrev], dhPrev };
    } else {
      const [r, z, n] = names.map(at);
      const dn = dh.map((g, j) => g * (1 - z[j]) * (1 - n[j] ** 2));
      const dz = dh.map((g, j) => g * (hPrev[j] - n[j]) * z[j] * (1 - z[j]));
      const dhPrev = dh.map((g, j) => g * z[j]); // direct path through z ⊙ h_{t-1}
      if (resetAfter) {
        const hn = rowOf(fwd.gruHn!, t, hs);
        const dr = dn.map((g, j) => g * hn[j] * r[j] * (1 - r[j]));
        const dHn = dn.map((g, j) => g * r[j]); // gradient reaching W_hn h + b_hn
        const dB = [dr, dz, dHn];
        dB.forEach((d, k) => addMatTVecRows(dhPrev, w.wHh, hs, k * hs, d));
        step = { dA: [dr, dz, dn], dB, hIn: [hPrev, hPrev, hPrev], dhPrev };
      } else {
        const dRh = new Float64Array(hs); // ∂L/∂(r ⊙ h_{t-1})
        addMatTVecRows(dRh, w.wHh, hs, 2 * hs, dn);
        const dr = dRh.map((g, j) => g * hPrev[j] * r[j] * (1 - r[j]));
        addMatTVecRows(dhPrev, w.wHh, hs, 0, dr);
        addMatTVecRows(dhPrev, w.wHh, hs, hs, dz);
        for (let j = 0; j < hs; j++) dhPrev[j] += dRh[j] * r[j];
        const rh = hPrev.map((v, j) => r[j] * v);
        step = { dA: [dr, dz, dn], dB: [dr, dz, dn], hIn: [hPrev, hPrev, rh], dhPrev };
      }
    }

    // Shared accumulation: gate k's x-side and h-side gradients become weight gradients.
    const x = rowOf(seq.inputs, t, is);
    const stepWhh = new Float64Array(G * hs * hs);
    const dx = new Float64Array(is);
    for (let k = 0; k < G; k++) {
      addOuterRows(dWIh, is, k * hs, step.dA[k], x);
      addOuterRows(stepWhh, hs, k * hs, step.dB[k], step.hIn[k]);
      addMatTVecRows(dx, w.wIh, is, k * hs, step.dA[k]);
      for (let j = 0; j < hs; j++) {
        dBIh[k * hs + j] += step.dA[k][j];
        dBHh[k * hs + j] += step.dB[k][j];
      }
      // dA is exactly ∂L/∂(full gate pre-activation) for every gate (x-side enters it with weight 1)
      gradPre[names[k]].set(step.dA[k], t * hs);
    }
    for (let e = 0; e < stepWhh.length; e++) dWHh[e] += stepWhh[e];
    dWHhSteps.set(stepWhh, t * stepWhh.length);
    whhStepNorm[t] = frobenius(stepWhh);
    gradX.set(dx, t * is);
    dhNext = step.dhPrev;
  }

  return {
    ...fwd,
    gradH,
    gradC,
    gradX,
    gradPre,
    dWIh,
    dWHh,
    dBIh,
    dBHh,
    dWOut,
    dBOut,
    whhStepNorm,
    dWHhSteps,
  };
}
