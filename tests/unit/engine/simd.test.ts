/**
 * The fused loops' vector work (src/engine/fused/simd.ts): the WebAssembly SIMD module,
 * assembled byte by byte (wasm-encode.ts, gemm-wasm.ts, activation-wasm.ts), and the plain JS
 * loops. The product against a float64 product over every column tail (16-, 4- and 1-wide
 * passes), transposed A, strides, accumulation and K = 0; sigmoid and tanh against Math in
 * float32 ulps over a dense grid, the vector and the one-at-a-time tails, and special values.
 */
import { describe, expect, it } from 'vitest';
import {
  type Gemm,
  arena,
  simdModuleBytes,
  gemmLoop,
  setWasmSimd,
  wasmSimdActive,
} from '../../../src/engine/fused/simd';

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
    expect(wasmSimdActive()).toBe(true);
    const bytes = simdModuleBytes();
    expect(WebAssembly.validate(bytes)).toBe(true);
    expect(bytes.length).toBeLessThan(4096);
  });

  it(`WebAssembly SIMD equals a float64 product in all ${CASES.length} shapes`, () => {
    expect(wasmSimdActive()).toBe(true);
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

  it('a memory over 64 MB is let go after 8 small calls in a row, not when large and small alternate', () => {
    const held = () => arena([1000]).f.buffer.byteLength;
    arena([20_000_000]); // 80 MB
    for (let k = 0; k < 20; k++) {
      // a training update's pattern: a large kernel between small ones
      expect(arena([1000]).f.buffer.byteLength).toBeGreaterThanOrEqual(80_000_000);
      arena([20_000_000]);
    }
    for (let k = 0; k < 7; k++) expect(held()).toBeGreaterThanOrEqual(80_000_000);
    expect(held()).toBeLessThan(1_000_000); // the 8th small call in a row
    const { f, gemm } = arena([1000]);
    expect(
      worstError(f, gemm, { M: 3, N: 9, K: 5, transposed: false, accumulate: false }),
    ).toBeLessThan(1);
  });

  it('switched off, the same arena call runs the JS loop', () => {
    setWasmSimd(false);
    try {
      expect(wasmSimdActive()).toBe(false);
      const { f, gemm } = arena([100]);
      expect(
        worstError(f, gemm, { M: 2, N: 5, K: 3, transposed: true, accumulate: true }),
      ).toBeLessThan(1);
    } finally {
      setWasmSimd(true);
    }
  });
});

/** The float32 spacing at |v| (subnormals: the smallest step). */
function ulp(v: number): number {
  const a = Math.abs(Math.fround(v));
  if (a < 2 ** -126) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

const SPECIAL = [
  0,
  -0,
  1e-30,
  -1e-30,
  1e-8,
  -1e-4,
  0.625,
  -0.625,
  88,
  89,
  -88,
  -89,
  -103,
  -104,
  -150,
  1e9,
  -1e9,
  Infinity,
  -Infinity,
];

describe.each([
  { name: 'sigmoid', exact: (x: number) => 1 / (1 + Math.exp(-x)), bound: 3 },
  { name: 'tanh', exact: Math.tanh, bound: 2 },
] as const)('$name in WebAssembly SIMD', ({ name, exact, bound }) => {
  // −100..100 in steps of 1/1024 (exact in float32), then the specials and NaN; an odd count
  // so the last three go through the one-at-a-time tail.
  const xs = Float32Array.from([
    ...Array.from({ length: 204801 }, (_, i) => -100 + i / 1024),
    ...SPECIAL,
    NaN,
    0.3,
    -0.3,
  ]);

  it(`is within ${bound} float32 ulps of Math at every point`, () => {
    const { f, offsets, ...ops } = arena([xs.length]);
    f.set(xs, offsets[0]);
    ops[name](offsets[0]!, xs.length);
    let worst = 0;
    for (let i = 0; i < xs.length; i++) {
      const want = exact(xs[i]!);
      const got = f[offsets[0]! + i]!;
      if (Number.isNaN(want)) expect(got).toBeNaN();
      else worst = Math.max(worst, Math.abs(got - want) / ulp(want));
    }
    expect(worst).toBeLessThanOrEqual(bound);
    expect(worst).toBeGreaterThan(0); // a different computation from Math's, not a copy of it
  });

  it('gives the exact limits and signs at the ends', () => {
    const ends = Float32Array.from([Infinity, -Infinity, 50, -0]);
    const { f, offsets, ...ops } = arena([4]);
    f.set(ends, offsets[0]);
    ops[name](offsets[0]!, 4);
    const got = Array.from(f.subarray(offsets[0]!, offsets[0]! + 4));
    expect(got).toEqual(name === 'sigmoid' ? [1, 0, 1, 0.5] : [1, -1, 1, -0]);
  });
});
