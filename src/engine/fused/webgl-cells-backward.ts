/**
 * The backward step programs of each cell kind (the forward ones, the step forms and the
 * layouts are described in webgl-cells.ts).
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { FusedAttrs } from './contract';
import { backwardPairs, splitSteps } from './webgl-cells';
import { type StepInput, stepProgram } from './webgl-programs';

/**
 * acc += Σ_k W[g·Hp + k, j..j+1] · d[k] for the k pair whose d is `d` (vec2): one W texel
 * holds rows k, k+1 of columns j, j+1. The d of step t+1 come from prevRow texels read whole
 * (getPrevRow(b·2P + q, k): quantities q, q+1 of units k, k+1), each feeding two blocks.
 */
const wT = (g: number, d: string) =>
  `{ vec4 w = getWHh(${g} * nHp + k, j); vec2 d = ${d}; acc += d.x * w.xy + d.y * w.zw; }`;

const BWD: StepInput[] = ['state', 'dHout', 'wHh', 'prevRow', 'keep'];

/**
 * Backward programs for t = T−1 … 0; prevRow is step t+1's output. Rows t+1 and t−1 of the
 * state are read only where they exist (never 0·garbage).
 */
export function backwardPrograms(a: FusedAttrs): GPGPUProgram[] {
  const P = backwardPairs(a);
  const step = (code: string, names = BWD, pairs = P) => stepProgram(a, names, pairs, P, code);
  const split = splitSteps(a);
  const before = (s: number) => `(tStep > 0 ? st(${s}, r - nB, j) : vec2(0.0))`;
  /** dh = dHout + (recurrent terms of step t+1, `body` adding to acc per k pair, then `tail`) */
  const dh = (body: string, tail = '') => `
    vec2 dhAt(int b, int r, int j) {
      vec2 acc = dho(r, j);
      if (tStep < nT - 1) {
        int rn = r + nB;
        for (int k = 0; k < nHp; k += 2) { ${body} }
        ${tail}
      }
      return acc;
    }`;
  switch (a.cell) {
    case 'elman-tanh':
    case 'elman-relu':
      return [
        step(`${dh(`vec4 a = getPrevRow(b * ${2 * P}, k); ${wT(0, 'a.zw')}`)}
          vec4 pairValue(int b, int r, int p, int j) {
            vec2 dh = dhAt(b, r, j);
            vec2 h = st(0, r, j);
            return vec4(dh, dh * ${a.cell === 'elman-relu' ? 'vec2(h.x > 0.0 ? 1.0 : 0.0, h.y > 0.0 ? 1.0 : 0.0)' : '(1.0 - h * h)'});
          }`),
      ];
    case 'lstm': {
      // dh and dc of units j, j+1
      const dhdc = `${dh(`vec4 a = getPrevRow(b * ${2 * P} + 2, k); vec4 c = getPrevRow(b * ${2 * P} + 4, k); ${wT(0, 'a.xy')} ${wT(1, 'a.zw')} ${wT(2, 'c.xy')} ${wT(3, 'c.zw')}`)}
          vec4 dhdc(int b, int r, int j) {
            vec2 dh = dhAt(b, r, j);
            vec2 tc = tanhF(st(4, r, j));
            vec2 dc = dh * st(3, r, j) * (1.0 - tc * tc);
            if (tStep < nT - 1) dc += pv(1, b, j) * st(1, r + nB, j);
            return vec4(dh, dc);
          }`;
      // the gate pre-activation gradients, pair p = 1 (i f) or 2 (g o), from dh and dc
      const gatePair = `vec4 gatePair(int r, int p, int j, vec4 d) {
            vec2 dh = d.xy;
            vec2 dc = d.zw;
            vec2 i = st(0, r, j);
            vec2 g = st(2, r, j);
            if (p == 1) {
              vec2 f = st(1, r, j);
              return vec4(dc * g * i * (1.0 - i) * kp(r, j), dc * ${before(4)} * f * (1.0 - f) * kp(r, nHp + j));
            }
            vec2 o = st(3, r, j);
            vec2 tc = tanhF(st(4, r, j));
            return vec4(dc * i * (1.0 - g * g) * kp(r, 2 * nHp + j), dh * tc * o * (1.0 - o) * kp(r, 3 * nHp + j));
          }`;
      if (split) {
        return [
          step(
            `${dhdc}
            vec4 pairValue(int b, int r, int p, int j) { return dhdc(b, r, j); }`,
            ['state', 'dHout', 'wHh', 'prevRow'],
            1,
          ),
          step(
            `${gatePair}
            vec4 pairValue(int b, int r, int p, int j) {
              vec4 d = midPair(b, 0, j);
              return p == 0 ? d : gatePair(r, p, j, d);
            }`,
            ['state', 'mid', 'keep'],
          ),
        ];
      }
      return [
        step(`${dhdc}
          ${gatePair}
          vec4 pairValue(int b, int r, int p, int j) {
            vec4 d = dhdc(b, r, j);
            return p == 0 ? d : gatePair(r, p, j, d);
          }`),
      ];
    }
    case 'gru-after': {
      // W_hhᵀ [dA_r, dA_z, dA_n ⊙ r] of step t+1, then the direct path through z
      const dhCode = dh(
        `vec4 a = getPrevRow(b * ${2 * P}, k); vec4 c = getPrevRow(b * ${2 * P} + 2, k); ${wT(0, 'a.zw')} ${wT(1, 'c.xy')} ${wT(2, 'c.zw * st(0, rn, k)')}`,
        'acc += pv(0, b, j) * st(1, rn, j);',
      );
      const gradPair = `vec4 gradPair(int r, int p, int j, vec2 dh) {
            vec2 z = st(1, r, j);
            vec2 n = st(2, r, j);
            vec2 dAn = dh * (1.0 - z) * (1.0 - n * n) * kp(r, 2 * nHp + j);
            if (p == 1) return vec4(dh * (${before(4)} - n) * z * (1.0 - z) * kp(r, nHp + j), dAn);
            vec2 rr = st(0, r, j);
            return vec4(dh, dAn * st(3, r, j) * rr * (1.0 - rr) * kp(r, j));
          }`;
      if (split) {
        return [
          step(
            `${dhCode}
            vec4 pairValue(int b, int r, int p, int j) { return vec4(dhAt(b, r, j), 0.0, 0.0); }`,
            ['state', 'dHout', 'wHh', 'prevRow'],
            1,
          ),
          step(
            `${gradPair}
            vec4 pairValue(int b, int r, int p, int j) { return gradPair(r, p, j, md(0, b, j)); }`,
            ['state', 'mid', 'keep'],
          ),
        ];
      }
      return [
        step(`${dhCode}
          ${gradPair}
          vec4 pairValue(int b, int r, int p, int j) { return gradPair(r, p, j, dhAt(b, r, j)); }`),
      ];
    }
    case 'gru-before':
      // quantities of the step output: dh dA_r | dA_z dA_n | drh (pad); drh = W_nᵀ dA_n is
      // what step t−1 needs besides the contract's blocks, and is dropped on assembly
      return [
        step(
          `${dh(`vec4 a = getPrevRow(b * ${2 * P}, k); vec4 c = getPrevRow(b * ${2 * P} + 2, k); ${wT(0, 'a.zw')} ${wT(1, 'c.xy')}`, 'acc += pv(0, b, j) * st(1, rn, j) + pv(4, b, j) * st(0, rn, j);')}
          vec4 pairValue(int b, int r, int p, int j) { return vec4(dhAt(b, r, j), 0.0, 0.0); }`,
          ['state', 'dHout', 'wHh', 'prevRow'],
          1,
        ),
        step(
          `vec2 dAnAt(int b, int r, int k) {
            vec2 z = st(1, r, k);
            vec2 n = st(2, r, k);
            return md(0, b, k) * (1.0 - z) * (1.0 - n * n) * kp(r, 2 * nHp + k);
          }
          vec4 pairValue(int b, int r, int p, int j) {
            vec2 dh = md(0, b, j);
            vec2 hPrev = ${before(3)};
            if (p == 1) {
              vec2 z = st(1, r, j);
              return vec4(dh * (hPrev - st(2, r, j)) * z * (1.0 - z) * kp(r, nHp + j), dAnAt(b, r, j));
            }
            vec2 acc = vec2(0.0);
            for (int k = 0; k < nHp; k += 2) ${wT(2, 'dAnAt(b, r, k)')}
            if (p == 2) return vec4(acc, 0.0, 0.0);
            vec2 rr = st(0, r, j);
            return vec4(dh, acc * hPrev * rr * (1.0 - rr) * kp(r, j));
          }`,
          ['state', 'wHh', 'mid', 'keep'],
        ),
      ];
  }
}
