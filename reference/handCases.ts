/**
 * Hand-computed and scalar closed-form cases for the reference oracle. Finite differences
 * only prove forward and backward agree; these pin the forward itself to the equations
 * (gate order, GRU z convention and variants, loss scaling). Called from
 * tests/unit/reference.test.ts, which keeps the file count of the test suite at one.
 */
import { describe, expect, it } from 'vitest';
import type { ModelSpec, Sequence, Weights } from '../src/engine/types';
import { memoryPath, referenceBackward, referenceForward } from './rnn64';

export function describeHandComputedCases(): void {
  describe('reference hand-computed cases', () => {
    /**
     * Elman relu, H = I = O = 1, T = 2, mse on both steps.
     *   w_ih = 2, w_hh = 0.5, b_ih = 0.25, b_hh = −0.25 (biases cancel), w_out = 3, b_out = 1
     *   x = [1, 2], targets = [6, 15]
     * Forward:  a0 = 2·1 = 2 → h0 = 2;  a1 = 2·2 + 0.5·2 = 5 → h1 = 5
     *           y0 = 3·2 + 1 = 7;  y1 = 3·5 + 1 = 16;  L = ((7−6)² + (16−15)²)/2 = 1
     * Backward: dy_t = 2(y−target)/(K·O) = 1 for both steps
     *           dh1 = 3·1 = 3 → da1 = 3;  dh0 = 3·1 + 0.5·3 = 4.5 → da0 = 4.5
     *           dW_ih = 4.5·1 + 3·2 = 10.5;  dW_hh = 3·h0 = 6;  db_ih = db_hh = 7.5
     *           dW_out = 1·2 + 1·5 = 7;  db_out = 2;  gradX = [2·4.5, 2·3] = [9, 6]
     *           whhStepNorm = [0, 6];  memoryPath(L=1) = [relu'(a1)·|w_hh| = 0.5, 1]
     */
    const spec: ModelSpec = {
      cell: 'elman',
      inputSize: 1,
      hiddenSize: 1,
      outputSize: 1,
      activation: 'relu',
    };
    const f32 = (...v: number[]) => Float32Array.from(v);
    const weights: Weights = {
      wIh: f32(2),
      wHh: f32(0.5),
      bIh: f32(0.25),
      bHh: f32(-0.25),
      wOut: f32(3),
      bOut: f32(1),
    };
    const seq: Sequence = {
      length: 2,
      inputSize: 1,
      inputs: f32(1, 2),
      loss: 'mse',
      mask: Uint8Array.from([1, 1]),
      targets: f32(6, 15),
    };

    it('elman relu forward, backward and memory path equal the hand computation', () => {
      const b = referenceBackward(spec, weights, seq);
      expect([...b.h]).toEqual([2, 5]);
      expect([...b.y]).toEqual([7, 16]);
      expect([...b.stepLoss]).toEqual([1, 1]);
      expect(b.loss).toBe(1);
      expect([...b.gradH]).toEqual([4.5, 3]);
      expect([...b.gradPre.h]).toEqual([4.5, 3]);
      expect([...b.dWIh, ...b.dWHh, ...b.dBIh, ...b.dBHh]).toEqual([10.5, 6, 7.5, 7.5]);
      expect([...b.dWOut, ...b.dBOut]).toEqual([7, 2]);
      expect([...b.gradX]).toEqual([9, 6]);
      expect([...b.whhStepNorm]).toEqual([0, 6]);
      expect([...memoryPath(spec, weights, seq, 1)]).toEqual([0.5, 1]);
      expect([...memoryPath(spec, weights, seq, 0)]).toEqual([1, 0]);
    });

    it('softmax-xent with equal logits gives log(O) and the uniform-minus-onehot gradient', () => {
      // w_out = 0 and b_out = 0 make y = 0, so p = 1/2 each: L = log 2, dL/db_out = p − onehot(1) = [0.5, −0.5].
      const s2: ModelSpec = { ...spec, outputSize: 2 };
      const w2: Weights = { ...weights, wOut: f32(0, 0), bOut: f32(0, 0) };
      const q: Sequence = {
        ...seq,
        loss: 'softmax-xent',
        mask: Uint8Array.from([0, 1]),
        targets: f32(0, 1),
      };
      const b = referenceBackward(s2, w2, q);
      expect(b.loss).toBeCloseTo(Math.log(2), 15);
      expect([...b.stepLoss]).toEqual([0, b.loss]);
      expect([...b.dBOut]).toEqual([0.5, -0.5]);
      expect([...b.dWOut]).toEqual([0.5 * 5, -0.5 * 5]);
    });
  });

  describe('reference scalar closed forms pin the conventions (gate order, z, GRU variants)', () => {
    // H = I = O = 1, T = 2; every gate gets distinct weights so a swapped block or a
    // flipped z convention changes the numbers.
    const sig = (v: number) => 1 / (1 + Math.exp(-v));
    const [wx, wh, bx, bh] = [
      [0.5, -0.75, 1.25, 0.375],
      [-0.25, 0.625, 0.875, -1.5],
      [0.125, 0.5, -0.625, 0.25],
      [0.75, -0.375, 0.5, -0.125],
    ];
    const xs = [0.8, -1.1];
    const pre = (k: number, x: number, h: number) => wx[k] * x + bx[k] + wh[k] * h + bh[k];
    const seqOf = (): Sequence => ({
      length: 2,
      inputSize: 1,
      inputs: Float32Array.from(xs),
      loss: 'mse',
      mask: Uint8Array.from([1, 1]),
      targets: new Float32Array(2),
    });
    const weightsOf = (G: number): Weights => ({
      wIh: Float32Array.from(wx.slice(0, G)),
      wHh: Float32Array.from(wh.slice(0, G)),
      bIh: Float32Array.from(bx.slice(0, G)),
      bHh: Float32Array.from(bh.slice(0, G)),
      wOut: Float32Array.from([1]),
      bOut: Float32Array.from([0]),
    });
    const f32 = (v: number) => Math.fround(v); // the sequence stores inputs as float32

    it('lstm: i, f, g, o order; c = f c + i g; h = o tanh(c)', () => {
      const spec: ModelSpec = { cell: 'lstm', inputSize: 1, hiddenSize: 1, outputSize: 1 };
      const fwd = referenceForward(spec, weightsOf(4), seqOf());
      let [h, c] = [0, 0];
      xs.map(f32).forEach((x, t) => {
        const [i, f, g, o] = [
          sig(pre(0, x, h)),
          sig(pre(1, x, h)),
          Math.tanh(pre(2, x, h)),
          sig(pre(3, x, h)),
        ];
        c = f * c + i * g;
        h = o * Math.tanh(c);
        expect(fwd.gates.input[t]).toBeCloseTo(i, 14);
        expect(fwd.gates.forget[t]).toBeCloseTo(f, 14);
        expect(fwd.gates.candidate[t]).toBeCloseTo(g, 14);
        expect(fwd.gates.output[t]).toBeCloseTo(o, 14);
        expect(fwd.c![t]).toBeCloseTo(c, 14);
        expect(fwd.h[t]).toBeCloseTo(h, 14);
      });
    });

    it.each(['reset-after', 'reset-before'] as const)(
      'gru %s: r, z, n order; h = (1−z) n + z h',
      (variant) => {
        const spec: ModelSpec = {
          cell: 'gru',
          inputSize: 1,
          hiddenSize: 1,
          outputSize: 1,
          gruVariant: variant,
        };
        const fwd = referenceForward(spec, weightsOf(3), seqOf());
        let h = 0;
        xs.map(f32).forEach((x, t) => {
          const [r, z] = [sig(pre(0, x, h)), sig(pre(1, x, h))];
          const xn = wx[2] * x + bx[2];
          const n = Math.tanh(
            variant === 'reset-after' ? xn + r * (wh[2] * h + bh[2]) : xn + wh[2] * (r * h) + bh[2],
          );
          h = (1 - z) * n + z * h;
          expect(fwd.gates.reset[t]).toBeCloseTo(r, 14);
          expect(fwd.gates.update[t]).toBeCloseTo(z, 14);
          expect(fwd.gates.candidate[t]).toBeCloseTo(n, 14);
          expect(fwd.h[t]).toBeCloseTo(h, 14);
        });
        expect(fwd.c).toBeUndefined();
      },
    );
  });
}
