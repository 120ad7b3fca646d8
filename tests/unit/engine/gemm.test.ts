/**
 * The fused loops' matrix product (src/engine/fused/gemm*.ts): the SIMD WebAssembly module,
 * assembled byte by byte in gemm-wasm.ts, and the plain JS loop, each against a float64
 * product, over every column tail (16-, 4- and 1-wide passes), transposed A, strides,
 * accumulation and K = 0.
 */
import { describe, expect, it } from 'vitest';
import { gemmModuleBytes } from '../../../src/engine/fused/gemm-wasm';
import {
  type Gemm,
  arena,
  gemmLoop,
  setWasmGemm,
  wasmGemmActive,
} from '../../../src/engine/fused/gemm';

interface Case {
  M: number;
  N: number;
  K: number;
  transposed: boolean;
  accumulate: boolean;
}

/**
 * Runs one product in `f` (operands at odd offsets, padded strides) and returns the worst
 * error in units of the float32 rounding a sum of these terms may carry: |error| over
 * ε·(K + 1)·Σ|terms| with ε = 2⁻²⁴. Below 1 is a correct float32 sum; a wrong index or a
 * missed term is off by whole terms, millions of units.
 */
function worstError(f: Float32Array, gemm: Gemm, c: Case): number {
  const { M, N, K, transposed, accumulate } = c;
  const ldb = N + 3;
  const ldc = N + 1;
  const a = 5;
  const b = a + M * K + 7;
  const out = b + K * ldb + 2;
  for (let i = 0; i < out + M * ldc; i++) f[i] = Math.sin(i * 1.37 + M) * 2;
  const before = f.slice(out, out + M * ldc);
  const [sam, sak] = transposed ? [1, M] : [K, 1];
  gemm(a, sam, sak, b, ldb, out, ldc, M, N, K, accumulate);
  let worst = 0;
  for (let m = 0; m < M; m++) {
    for (let n = 0; n < N; n++) {
      let s = accumulate ? before[m * ldc + n]! : 0;
      let size = Math.abs(s);
      for (let k = 0; k < K; k++) {
        const term = f[a + m * sam + k * sak]! * f[b + k * ldb + n]!;
        s += term;
        size += Math.abs(term);
      }
      const unit = 2 ** -24 * (K + 1) * size;
      const err = Math.abs(s - f[out + m * ldc + n]!);
      worst = Math.max(worst, err === 0 ? 0 : err / unit);
    }
    // Padding between rows of C is never written.
    for (let n = N; n < ldc && m < M - 1; n++)
      expect(f[out + m * ldc + n]).toBe(before[m * ldc + n]);
  }
  return worst;
}

const CASES: Case[] = [];
for (const M of [1, 3, 8])
  for (const N of [1, 3, 4, 7, 16, 21, 36])
    for (const K of [0, 1, 6, 33])
      for (const transposed of [false, true])
        for (const accumulate of [false, true]) CASES.push({ M, N, K, transposed, accumulate });

describe('gemm', () => {
  it('the module is valid WebAssembly, small enough to compile on a main thread', () => {
    const bytes = gemmModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
  });

  it(`WebAssembly SIMD equals a float64 product in all ${CASES.length} shapes`, () => {
    expect(wasmGemmActive()).toBe(true);
    const { f, gemm } = arena([20000]);
    for (const c of CASES) expect(worstError(f, gemm, c), JSON.stringify(c)).toBeLessThan(1);
  });

  it('the JS loop equals a float64 product in the same shapes', () => {
    const f = new Float32Array(20000);
    for (const c of CASES) expect(worstError(f, gemmLoop(f), c), JSON.stringify(c)).toBeLessThan(1);
  });

  it('an arena grows past the module memory it started with, and products work at its far end', () => {
    const big = 3_000_000; // 12 MB: many more 64 KiB pages than the module starts with
    const { f, gemm, offsets } = arena([big, 64]);
    expect(f.length).toBeGreaterThanOrEqual(big + 64);
    const at = offsets[1]!;
    f.fill(2, at, at + 32);
    gemm(at, 4, 1, at + 16, 4, at + 32, 4, 4, 4, 4, false); // [4,4]·[4,4] of 2s
    expect(Array.from(f.subarray(at + 32, at + 48))).toEqual(new Array(16).fill(16));
  });

  it('switched off, the same arena call runs the JS loop', () => {
    setWasmGemm(false);
    try {
      expect(wasmGemmActive()).toBe(false);
      const { f, gemm } = arena([100]);
      expect(
        worstError(f, gemm, { M: 2, N: 5, K: 3, transposed: true, accumulate: true }),
      ).toBeLessThan(1);
    } finally {
      setWasmGemm(true);
    }
  });
});
