/**
 * Float64 reference for the "memory path" gain: how strongly h_t (or c_t) still reaches
 * the state at `lossStep`, as an RMS gain ‖M_t‖_F / sqrt(H).
 *   lstm: M_t = diag(Π_{s=t+1..L} f_s)     (the cell-state highway)
 *   gru:  M_t = diag(Π_{s=t+1..L} z_s)     (the carry-over path h_{t-1} → h_t)
 *   elman: M_t = ∂h_L/∂h_t = Π_{s=L..t+1} diag(act'(a_s)) W_hh  (full Jacobian)
 */
import type { ModelSpec } from '../src/engine/types';
import { referenceForward } from './forward64';
import { rowOf, toF64, type SequenceLike, type WeightsLike } from './math64';

export function memoryPath(
  spec: ModelSpec,
  weights: WeightsLike,
  seq: SequenceLike,
  lossStep: number,
): Float64Array {
  const T = seq.length;
  const hs = spec.hiddenSize;
  if (!Number.isInteger(lossStep) || lossStep < 0 || lossStep >= T)
    throw new Error('lossStep out of range');
  const fwd = referenceForward(spec, weights, seq);
  const out = new Float64Array(T); // t > lossStep stays 0: the future cannot affect the past
  const rms = (sumSq: number) => Math.sqrt(sumSq / hs);

  if (spec.cell !== 'elman') {
    const gate = spec.cell === 'lstm' ? fwd.gates.forget : fwd.gates.update;
    const prod = new Float64Array(hs).fill(1);
    out[lossStep] = 1;
    for (let t = lossStep - 1; t >= 0; t--) {
      // M_t = M_{t+1} · diag(gate_{t+1})
      const g = rowOf(gate, t + 1, hs);
      let s = 0;
      for (let j = 0; j < hs; j++) {
        prod[j] *= g[j];
        s += prod[j] ** 2;
      }
      out[t] = rms(s);
    }
    return out;
  }

  const wHh = toF64(weights.wHh);
  const relu = spec.activation === 'relu';
  // M starts as the identity at lossStep and is extended one step back at a time.
  let m = new Float64Array(hs * hs);
  for (let j = 0; j < hs; j++) m[j * hs + j] = 1;
  out[lossStep] = 1;
  for (let t = lossStep - 1; t >= 0; t--) {
    const a = rowOf(fwd.pre.h, t + 1, hs);
    const d = a.map((v) => (relu ? (v > 0 ? 1 : 0) : 1 - Math.tanh(v) ** 2));
    const next = new Float64Array(hs * hs);
    let s = 0;
    for (let i = 0; i < hs; i++) {
      for (let c = 0; c < hs; c++) {
        let v = 0;
        for (let j = 0; j < hs; j++) v += m[i * hs + j] * d[j] * wHh[j * hs + c];
        next[i * hs + c] = v;
        s += v * v;
      }
    }
    m = next;
    out[t] = rms(s);
  }
  return out;
}
