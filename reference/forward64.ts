/**
 * Float64 reference forward pass for Elman / LSTM / GRU, written straight from the
 * equations (PyTorch layout). It is the oracle the TF.js engine is tested against,
 * so it favours obviousness over speed.
 */
import type { ModelSpec } from '../src/engine/types';
import {
  countTargeted,
  gateCount,
  gateNames,
  logSoftmax,
  matVecRows,
  rowOf,
  sigmoid,
  weightsToF64,
  type SequenceLike,
  type WeightsLike,
} from './math64';

/**
 * Additive perturbations injected inside the forward ([T, H] each). They exist only so
 * tests can take finite differences w.r.t. hidden states, cell states and gate
 * pre-activations, which are not free parameters of the model.
 */
export interface ForwardProbe {
  /** added to h_t right after it is computed (seen by the readout at t and by step t+1) */
  h?: Float64Array;
  /** lstm: added to c_t before h_t = o ⊙ tanh(c_t) */
  c?: Float64Array;
  /** added to a gate's pre-activation, keyed by gate name (elman: 'h') */
  pre?: Record<string, Float64Array>;
}

export interface ForwardResult {
  /** [T, H] */
  h: Float64Array;
  /** [T, H], lstm only */
  c?: Float64Array;
  /** gate activations [T, H] by name; {} for elman */
  gates: Record<string, Float64Array>;
  /** gate pre-activations [T, H] by name (elman: 'h' = a_t); kept for the backward pass */
  pre: Record<string, Float64Array>;
  /** gru reset-after only: [T, H] the n block of W_hh h_{t-1} + b_hh, needed for ∂L/∂r */
  gruHn?: Float64Array;
  /** [T, O] */
  y: Float64Array;
  /** [T]; 0 at untargeted steps */
  stepLoss: Float64Array;
  loss: number;
}

type W64 = ReturnType<typeof weightsToF64>;

/** Pre-activation of gate block k: W_ih[k] x + b_ih[k] + W_hh[k] h + b_hh[k]. */
function fullPre(w: W64, k: number, hs: number, is: number, x: Float64Array, hPrev: Float64Array) {
  const a = matVecRows(w.wIh, is, k * hs, hs, x, w.bIh);
  const b = matVecRows(w.wHh, hs, k * hs, hs, hPrev, w.bHh);
  return a.map((v, j) => v + b[j]);
}

function addProbe(v: Float64Array, probe: Float64Array | undefined, t: number): void {
  if (!probe) return;
  for (let j = 0; j < v.length; j++) v[j] += probe[t * v.length + j];
}

export function referenceForward(
  spec: ModelSpec,
  weights: WeightsLike,
  seq: SequenceLike,
  probe: ForwardProbe = {},
): ForwardResult {
  const { cell, inputSize: is, hiddenSize: hs, outputSize: os } = spec;
  const T = seq.length;
  const w = weightsToF64(weights);
  const names = gateNames(cell);
  if (w.wIh.length !== gateCount(cell) * hs * is) throw new Error('wIh has the wrong size');
  if (seq.inputSize !== is) throw new Error('sequence inputSize does not match spec');

  const h = new Float64Array(T * hs);
  const c = cell === 'lstm' ? new Float64Array(T * hs) : undefined;
  const pre: Record<string, Float64Array> = {};
  for (const n of names) pre[n] = new Float64Array(T * hs);
  const gates: Record<string, Float64Array> = {};
  if (cell !== 'elman') for (const n of names) gates[n] = new Float64Array(T * hs);
  const resetAfter = (spec.gruVariant ?? 'reset-after') === 'reset-after';
  const gruHn = cell === 'gru' && resetAfter ? new Float64Array(T * hs) : undefined;

  let hPrev: Float64Array = new Float64Array(hs);
  let cPrev: Float64Array = new Float64Array(hs);
  for (let t = 0; t < T; t++) {
    const x = rowOf(seq.inputs, t, is);
    let hNew: Float64Array;
    if (cell === 'elman') {
      const a = fullPre(w, 0, hs, is, x, hPrev);
      addProbe(a, probe.pre?.h, t);
      pre.h.set(a, t * hs);
      const relu = spec.activation === 'relu';
      hNew = a.map((v) => (relu ? Math.max(0, v) : Math.tanh(v)));
    } else if (cell === 'lstm') {
      const acts = names.map((name, k) => {
        const p = fullPre(w, k, hs, is, x, hPrev);
        addProbe(p, probe.pre?.[name], t);
        pre[name].set(p, t * hs);
        // candidate g is the only tanh block; i, f, o are sigmoid gates
        const act = name === 'candidate' ? p.map(Math.tanh) : p.map(sigmoid);
        gates[name].set(act, t * hs);
        return act;
      });
      const [ig, fg, gg, og] = acts;
      const cNew = fg.map((f, j) => f * cPrev[j] + ig[j] * gg[j]);
      addProbe(cNew, probe.c, t);
      c!.set(cNew, t * hs);
      hNew = og.map((o, j) => o * Math.tanh(cNew[j]));
      cPrev = cNew;
    } else {
      // x-side and h-side blocks are kept apart because reset-after applies r to the h-side only
      const xs = [0, 1, 2].map((k) => matVecRows(w.wIh, is, k * hs, hs, x, w.bIh));
      const hsBlocks = [0, 1, 2].map((k) => matVecRows(w.wHh, hs, k * hs, hs, hPrev, w.bHh));
      const rz = [0, 1].map((k) => {
        const p = xs[k].map((v, j) => v + hsBlocks[k][j]);
        addProbe(p, probe.pre?.[names[k]], t);
        pre[names[k]].set(p, t * hs);
        const act = p.map(sigmoid);
        gates[names[k]].set(act, t * hs);
        return act;
      });
      const [r, z] = rz;
      let pn: Float64Array;
      if (resetAfter) {
        gruHn!.set(hsBlocks[2], t * hs);
        pn = xs[2].map((v, j) => v + r[j] * hsBlocks[2][j]);
      } else {
        const rh = hPrev.map((v, j) => r[j] * v);
        const rec = matVecRows(w.wHh, hs, 2 * hs, hs, rh, w.bHh);
        pn = xs[2].map((v, j) => v + rec[j]);
      }
      addProbe(pn, probe.pre?.candidate, t);
      pre.candidate.set(pn, t * hs);
      const n = pn.map(Math.tanh);
      gates.candidate.set(n, t * hs);
      hNew = n.map((nj, j) => (1 - z[j]) * nj + z[j] * hPrev[j]);
    }
    addProbe(hNew, probe.h, t);
    h.set(hNew, t * hs);
    hPrev = hNew;
  }

  const { y, stepLoss, loss } = readoutAndLoss(w, h, T, hs, os, seq);
  return { h, c, gates, pre, gruHn, y, stepLoss, loss };
}

/** y_t = W_out h_t + b_out and the masked mean loss over targeted steps. */
function readoutAndLoss(
  w: W64,
  h: Float64Array,
  T: number,
  hs: number,
  os: number,
  seq: SequenceLike,
) {
  const y = new Float64Array(T * os);
  const stepLoss = new Float64Array(T);
  let total = 0;
  for (let t = 0; t < T; t++) {
    const yt = matVecRows(w.wOut, hs, 0, os, rowOf(h, t, hs), w.bOut);
    y.set(yt, t * os);
    if (!seq.mask[t]) continue;
    if (seq.loss === 'mse') {
      let s = 0;
      for (let o = 0; o < os; o++) s += (yt[o] - seq.targets[t * os + o]) ** 2;
      stepLoss[t] = s / os;
    } else {
      stepLoss[t] = -logSoftmax(yt)[seq.targets[t]];
    }
    total += stepLoss[t];
  }
  const k = countTargeted(seq.mask);
  // No targeted step means nothing to learn: define L = 0 rather than 0/0.
  return { y, stepLoss, loss: k > 0 ? total / k : 0 };
}

/** Forward-only loss; accepts float64 weights/inputs so finite differences can perturb them. */
export function referenceLoss(
  spec: ModelSpec,
  weights: WeightsLike,
  seq: SequenceLike,
  probe?: ForwardProbe,
): number {
  return referenceForward(spec, weights, seq, probe).loss;
}
