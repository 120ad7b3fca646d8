/**
 * The per-step arithmetic of each cell kind as WebGL step programs (frame and layouts in
 * webgl-programs.ts; math as in loops.ts and src/engine/cells). One program per step and
 * direction, two for reset-before GRU, whose candidate needs r at every unit (forward) and
 * whose drh = W_nᵀ dA_n needs dh at every unit (backward) first.
 *
 * Each fragment computes one pair of quantities for two units; pairs that need the same dot
 * product recompute it (one program per step beats a second dispatch). Dot products run over
 * k in steps of 2: one W texel is W[m..m+1, k..k+1], one step texel two units of a quantity.
 * Sampler names: xProj wHh bHh prevRow keep value | state dHout wHh prevRow keep, plus rzRow
 * and dhRow for the two-program steps. Quantity order of every step output is the contract's
 * block order, padded to an even count (the pad quantity is 0).
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { type FusedAttrs, gradBlocks, stateBlocks } from './contract';
import { stepProgram } from './webgl-programs';

/** Pairs of quantities in the output of a step's last program, per direction. */
export const forwardPairs = (a: FusedAttrs): number => Math.ceil(stateBlocks(a.cell) / 2);
export const backwardPairs = (a: FusedAttrs): number =>
  a.cell === 'gru-before' ? 3 : Math.ceil(gradBlocks(a.cell) / 2); // + drh for reset-before

/**
 * Σ_k W[row..row+1, k] · h_{t-1}[k], h being quantity q of the previous step; wDotH2 does two
 * such rows at once, sharing each fetch of h.
 */
const wDotH = (q: number) => `
  vec2 wDotH(int b, int row) {
    vec2 acc = vec2(0.0);
    for (int k = 0; k < nHp; k += 2) {
      vec4 w = getWHh(row, k);
      vec2 h = pv(${q}, b, k);
      acc += vec2(dot(w.xy, h), dot(w.zw, h));
    }
    return acc;
  }
  vec4 wDotH2(int b, int row0, int row1) {
    vec4 acc = vec4(0.0);
    for (int k = 0; k < nHp; k += 2) {
      vec4 w0 = getWHh(row0, k);
      vec4 w1 = getWHh(row1, k);
      vec2 h = pv(${q}, b, k);
      acc += vec4(dot(w0.xy, h), dot(w0.zw, h), dot(w1.xy, h), dot(w1.zw, h));
    }
    return acc;
  }`;

const FWD = ['xProj', 'wHh', 'bHh', 'prevRow', 'keep', 'value'];

export function forwardPrograms(a: FusedAttrs): GPGPUProgram[] {
  const P = forwardPairs(a);
  const step = (code: string, names = FWD, pairs = P) => stepProgram(a, names, pairs, P, code);
  switch (a.cell) {
    case 'elman-tanh':
    case 'elman-relu':
      return [
        step(`${wDotH(0)}
          vec4 pairValue(int b, int r, int p, int j) {
            vec2 s = xp(r, j) + bh(j) + wDotH(b, j);
            return vec4(${a.cell === 'elman-relu' ? 'max(s, 0.0)' : 'tanhF(s)'}, 0.0, 0.0);
          }`),
      ];
    case 'lstm':
      return [
        step(`${wDotH(5)}
          vec2 act(int r, int g, int col, vec2 s) {
            return clampG(g == 2 ? tanhF(s) : sigm(s), r, col);
          }
          // gates g and g+1 at units j, j+1
          vec4 gates2(int b, int r, int g, int j) {
            int c0 = g * nHp + j;
            int c1 = c0 + nHp;
            vec4 d = wDotH2(b, c0, c1);
            return vec4(act(r, g, c0, xp(r, c0) + bh(c0) + d.xy), act(r, g + 1, c1, xp(r, c1) + bh(c1) + d.zw));
          }
          vec4 pairValue(int b, int r, int p, int j) {
            if (p < 2) return gates2(b, r, 2 * p, j);
            vec4 iff = gates2(b, r, 0, j);
            vec4 go = gates2(b, r, 2, j);
            vec2 c = iff.zw * pv(4, b, j) + iff.xy * go.xy;
            return vec4(c, go.zw * tanhF(c));
          }`),
      ];
    case 'gru-after':
      // quantities r z | n hn | h (pad)
      return [
        step(`${wDotH(4)}
          vec2 sg(int r, int col, vec2 d) { return clampG(sigm(xp(r, col) + bh(col) + d), r, col); }
          vec4 pairValue(int b, int r, int p, int j) {
            int cz = nHp + j;
            int cn = 2 * nHp + j;
            vec4 d = wDotH2(b, j, p == 1 ? cn : cz); // r and (z or hn)
            vec2 rg = sg(r, j, d.xy);
            if (p == 0) return vec4(rg, sg(r, cz, d.zw));
            vec2 hn = (p == 1 ? d.zw : wDotH(b, cn)) + bh(cn);
            vec2 n = clampG(tanhF(xp(r, cn) + rg * hn), r, cn);
            if (p == 1) return vec4(n, hn);
            return vec4(n + sg(r, cz, d.zw) * (pv(4, b, j) - n), 0.0, 0.0);
          }`),
      ];
    case 'gru-before':
      return [
        // r z at every unit first: the candidate multiplies W_n by r ⊙ h_{t-1}
        step(
          `${wDotH(3)}
          vec4 pairValue(int b, int r, int p, int j) {
            int cz = nHp + j;
            vec4 d = wDotH2(b, j, cz);
            return vec4(clampG(sigm(xp(r, j) + bh(j) + d.xy), r, j), clampG(sigm(xp(r, cz) + bh(cz) + d.zw), r, cz));
          }`,
          FWD,
          1,
        ),
        step(
          `vec4 pairValue(int b, int r, int p, int j) {
            if (p == 0) return vec4(rzv(0, b, j), rzv(1, b, j));
            int col = 2 * nHp + j;
            vec2 s = xp(r, col) + bh(col);
            for (int k = 0; k < nHp; k += 2) {
              vec4 w = getWHh(col, k);
              vec2 rh = rzv(0, b, k) * pv(3, b, k);
              s += vec2(dot(w.xy, rh), dot(w.zw, rh));
            }
            vec2 n = clampG(tanhF(s), r, col);
            return vec4(n, n + rzv(1, b, j) * (pv(3, b, j) - n));
          }`,
          ['xProj', 'wHh', 'bHh', 'prevRow', 'rzRow', 'keep', 'value'],
        ),
      ];
  }
}

/**
 * acc += Σ_k W[g·Hp + k, j..j+1] · d[k] for the k pair whose d is `d` (vec2): one W texel
 * holds rows k, k+1 of columns j, j+1. The d of step t+1 come from prevRow texels read whole
 * (getPrevRow(b·2P + q, k): quantities q, q+1 of units k, k+1), each feeding two blocks.
 */
const wT = (g: number, d: string) =>
  `{ vec4 w = getWHh(${g} * nHp + k, j); vec2 d = ${d}; acc += d.x * w.xy + d.y * w.zw; }`;

const BWD = ['state', 'dHout', 'wHh', 'prevRow', 'keep'];

/**
 * Backward programs for t = T−1 … 0; prevRow is step t+1's output. Rows t+1 and t−1 of the
 * state are read only where they exist (never 0·garbage).
 */
export function backwardPrograms(a: FusedAttrs): GPGPUProgram[] {
  const P = backwardPairs(a);
  const step = (code: string, names = BWD, pairs = P) => stepProgram(a, names, pairs, P, code);
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
    case 'lstm':
      return [
        step(`${dh(`vec4 a = getPrevRow(b * ${2 * P} + 2, k); vec4 c = getPrevRow(b * ${2 * P} + 4, k); ${wT(0, 'a.xy')} ${wT(1, 'a.zw')} ${wT(2, 'c.xy')} ${wT(3, 'c.zw')}`)}
          vec4 pairValue(int b, int r, int p, int j) {
            vec2 dh = dhAt(b, r, j);
            vec2 i = st(0, r, j);
            vec2 f = st(1, r, j);
            vec2 g = st(2, r, j);
            vec2 o = st(3, r, j);
            vec2 tc = tanhF(st(4, r, j));
            vec2 dc = dh * o * (1.0 - tc * tc);
            if (tStep < nT - 1) dc += pv(1, b, j) * st(1, r + nB, j);
            if (p == 0) return vec4(dh, dc);
            if (p == 1)
              return vec4(dc * g * i * (1.0 - i) * kp(r, j), dc * ${before(4)} * f * (1.0 - f) * kp(r, nHp + j));
            return vec4(dc * i * (1.0 - g * g) * kp(r, 2 * nHp + j), dh * tc * o * (1.0 - o) * kp(r, 3 * nHp + j));
          }`),
      ];
    case 'gru-after':
      // W_hhᵀ [dA_r, dA_z, dA_n ⊙ r] of step t+1, then the direct path through z
      return [
        step(`${dh(
          `vec4 a = getPrevRow(b * ${2 * P}, k); vec4 c = getPrevRow(b * ${2 * P} + 2, k); ${wT(0, 'a.zw')} ${wT(1, 'c.xy')} ${wT(2, 'c.zw * st(0, rn, k)')}`,
          'acc += pv(0, b, j) * st(1, rn, j);',
        )}
          vec4 pairValue(int b, int r, int p, int j) {
            vec2 dh = dhAt(b, r, j);
            vec2 z = st(1, r, j);
            vec2 n = st(2, r, j);
            vec2 dAn = dh * (1.0 - z) * (1.0 - n * n) * kp(r, 2 * nHp + j);
            if (p == 1) return vec4(dh * (${before(4)} - n) * z * (1.0 - z) * kp(r, nHp + j), dAn);
            vec2 rr = st(0, r, j);
            return vec4(dh, dAn * st(3, r, j) * rr * (1.0 - rr) * kp(r, j));
          }`),
      ];
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
            return dhv(b, k) * (1.0 - z) * (1.0 - n * n) * kp(r, 2 * nHp + k);
          }
          vec4 pairValue(int b, int r, int p, int j) {
            vec2 dh = dhv(b, j);
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
          ['state', 'wHh', 'dhRow', 'keep'],
        ),
      ];
  }
}
