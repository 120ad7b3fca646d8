/**
 * The per-step arithmetic of each cell kind as WebGL step programs (frame and layouts in
 * webgl-programs.ts; math as in loops.ts and src/engine/cells); the backward ones are in
 * webgl-cells-backward.ts.
 *
 * Each fragment computes one pair of quantities for two units. In the one-program form of a
 * step, pairs that need the same dot product recompute it: LSTM's forward computes its gate
 * products twice, its backward its dh product three times, GRU's about twice. That is the right
 * trade while the step is small (a dispatch costs more than the repeated arithmetic); for larger
 * steps (splitSteps) the step takes two programs instead,
 * the first computing each product once (the gates; dh and dc), the second the rest elementwise.
 * Reset-before GRU always takes two: its candidate needs r at every unit (forward) and its
 * drh = W_nᵀ dA_n needs dh at every unit (backward). Both forms write the same step output.
 *
 * Dot products run over k in steps of 2: one W texel is W[m..m+1, k..k+1], one step texel two
 * units of a quantity. Quantity order of every step output is the contract's block order,
 * padded to an even count (the pad quantity is 0).
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import { type FusedAttrs, gradBlocks, stateBlocks } from './contract';
import { type StepInput, evenH, stepProgram, webglFusedTuning } from './webgl-programs';

/** Pairs of quantities in the output of a step's last program, per direction. */
export const forwardPairs = (a: FusedAttrs): number => Math.ceil(stateBlocks(a.cell) / 2);
export const backwardPairs = (a: FusedAttrs): number =>
  a.cell === 'gru-before' ? 3 : Math.ceil(gradBlocks(a.cell) / 2); // + drh for reset-before

/**
 * Steps whose products take at least this many multiply-adds per weight block (B·Hp²) take the
 * two-program form where a cell has one. Measured on SwiftShader, LSTM T = 100, forward +
 * backward kernels, one- vs two-program form: B·Hp² = 1024 (B 1, H 32) 24.0 vs 25.7 ms,
 * 2048 30.0 vs 35.9, 4096 and 8192 within noise of each other, 16384 (B 1, H 128) 89 vs 66,
 * 32768 (B 32, H 32) 142 vs 101. A GPU runs the repeated products side by side and would favour
 * one program further up; none was at hand to measure.
 */
const SPLIT_MIN_WORK = 8192;

/** Whether LSTM and reset-after GRU steps take two programs (see the header). */
export function splitSteps(a: FusedAttrs): boolean {
  const Hp = evenH(a.H);
  return webglFusedTuning.split ?? a.B * Hp * Hp >= SPLIT_MIN_WORK;
}

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

const FWD: StepInput[] = ['xProj', 'wHh', 'bHh', 'prevRow', 'keep', 'value'];

export function forwardPrograms(a: FusedAttrs): GPGPUProgram[] {
  const P = forwardPairs(a);
  const step = (code: string, names = FWD, pairs = P, midPairs = 1) =>
    stepProgram(a, names, pairs, P, code, midPairs);
  const split = splitSteps(a);
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
    case 'lstm': {
      // gates g and g+1 at units j, j+1
      const gates2 = `${wDotH(5)}
          vec2 act(int r, int g, int col, vec2 s) {
            return clampG(g == 2 ? tanhF(s) : sigm(s), r, col);
          }
          vec4 gates2(int b, int r, int g, int j) {
            int c0 = g * nHp + j;
            int c1 = c0 + nHp;
            vec4 d = wDotH2(b, c0, c1);
            return vec4(act(r, g, c0, xp(r, c0) + bh(c0) + d.xy), act(r, g + 1, c1, xp(r, c1) + bh(c1) + d.zw));
          }`;
      // c and h from the gates (i f, g o) and c_{t-1}
      const cellPair = `vec4 cellPair(vec4 iff, vec4 go, vec2 cPrev) {
            vec2 c = iff.zw * cPrev + iff.xy * go.xy;
            return vec4(c, go.zw * tanhF(c));
          }`;
      if (split) {
        return [
          step(
            `${gates2}
            vec4 pairValue(int b, int r, int p, int j) { return gates2(b, r, 2 * p, j); }`,
            FWD,
            2,
          ),
          step(
            `${cellPair}
            vec4 pairValue(int b, int r, int p, int j) {
              if (p < 2) return midPair(b, p, j);
              return cellPair(midPair(b, 0, j), midPair(b, 1, j), pv(4, b, j));
            }`,
            ['prevRow', 'mid'],
            P,
            2,
          ),
        ];
      }
      return [
        step(`${gates2}
          ${cellPair}
          vec4 pairValue(int b, int r, int p, int j) {
            if (p < 2) return gates2(b, r, 2 * p, j);
            return cellPair(gates2(b, r, 0, j), gates2(b, r, 2, j), pv(4, b, j));
          }`),
      ];
    }
    case 'gru-after': {
      // quantities r z | n hn | h (pad)
      const sg = `${wDotH(4)}
          vec2 sg(int r, int col, vec2 d) { return clampG(sigm(xp(r, col) + bh(col) + d), r, col); }`;
      const nOf = `vec2 nOf(int r, int cn, vec2 rg, vec2 hn) { return clampG(tanhF(xp(r, cn) + rg * hn), r, cn); }`;
      if (split) {
        // first r z | hn (pad), each product once; then n and h
        return [
          step(
            `${sg}
            vec4 pairValue(int b, int r, int p, int j) {
              if (p == 1) return vec4(wDotH(b, 2 * nHp + j) + bh(2 * nHp + j), 0.0, 0.0);
              vec4 d = wDotH2(b, j, nHp + j);
              return vec4(sg(r, j, d.xy), sg(r, nHp + j, d.zw));
            }`,
            FWD,
            2,
          ),
          step(
            `${nOf}
            vec4 pairValue(int b, int r, int p, int j) {
              vec4 rz = midPair(b, 0, j);
              if (p == 0) return rz;
              vec2 hn = md(2, b, j);
              vec2 n = nOf(r, 2 * nHp + j, rz.xy, hn);
              if (p == 1) return vec4(n, hn);
              return vec4(n + rz.zw * (pv(4, b, j) - n), 0.0, 0.0);
            }`,
            ['xProj', 'prevRow', 'mid', 'keep', 'value'],
            P,
            2,
          ),
        ];
      }
      return [
        step(`${sg}
          ${nOf}
          vec4 pairValue(int b, int r, int p, int j) {
            int cz = nHp + j;
            int cn = 2 * nHp + j;
            vec4 d = wDotH2(b, j, p == 1 ? cn : cz); // r and (z or hn)
            vec2 rg = sg(r, j, d.xy);
            if (p == 0) return vec4(rg, sg(r, cz, d.zw));
            vec2 hn = (p == 1 ? d.zw : wDotH(b, cn)) + bh(cn);
            vec2 n = nOf(r, cn, rg, hn);
            if (p == 1) return vec4(n, hn);
            return vec4(n + sg(r, cz, d.zw) * (pv(4, b, j) - n), 0.0, 0.0);
          }`),
      ];
    }
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
            if (p == 0) return midPair(b, 0, j);
            int col = 2 * nHp + j;
            vec2 s = xp(r, col) + bh(col);
            for (int k = 0; k < nHp; k += 2) {
              vec4 w = getWHh(col, k);
              vec2 rh = md(0, b, k) * pv(3, b, k);
              s += vec2(dot(w.xy, rh), dot(w.zw, rh));
            }
            vec2 n = clampG(tanhF(s), r, col);
            return vec4(n, n + md(1, b, j) * (pv(3, b, j) - n));
          }`,
          ['xProj', 'wHh', 'bHh', 'prevRow', 'mid', 'keep', 'value'],
        ),
      ];
  }
}
