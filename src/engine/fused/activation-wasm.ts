/**
 * The gate nonlinearities in WebAssembly SIMD (encoded with wasm-encode.ts): sigmoid(p, n) and
 * tanh(p, n) overwrite n floats at float offset p of the module's memory. In the fused
 * loops these were most of the forward pass: Math.exp and Math.tanh cost ~10–15 ns each, five
 * per LSTM unit and step.
 *
 * exp follows the classic single-precision scheme of the Cephes library (S. L. Moshier):
 * x = n·ln2 + r with ln2 split in two so that n·ln2 is exact, e^r from a degree-6 polynomial,
 * 2ⁿ built in the exponent bits. tanh uses an odd polynomial near 0, where 1 − 2/(e^{2|x|} + 1)
 * would cancel, and that formula elsewhere; the coefficients are Cephes's. Errors stay within a
 * few float32 ulps (tests/unit/engine/simd.test.ts checks them against Math.exp and
 * Math.tanh); NaN stays NaN, so a diverging network is still caught downstream.
 */
import {
  I32,
  V128,
  type WasmFunction,
  addTo,
  f32x4,
  get,
  i32,
  i32x4,
  mem,
  op,
  set,
  simd,
  whileLoop,
} from './wasm-encode';

// Locals: parameters p (float offset) and n, then registers.
const [P, COUNT] = [0, 1];
const [I, ADDR] = [2, 3]; // i32
const [X, NV, R, E, AB, BIG, SMALL, HALF] = [4, 5, 6, 7, 8, 9, 10, 11]; // v128
const LOCALS: [number, number][] = [
  [2, I32],
  [8, V128],
];

const { f32x4Add: add, f32x4Sub: sub, f32x4Mul: mul, f32x4Div: div } = simd;

/** Horner's rule: ((c0·z + c1)·z + …)·z + c_last, z a local. */
const horner = (z: number, coeffs: number[]) => [
  ...f32x4(coeffs[0]!),
  ...coeffs.slice(1).flatMap((c) => [...get(z), ...mul, ...f32x4(c), ...add]),
];

/** out = e^x (x is clobbered). */
function exp(x: number, out: number): number[] {
  return [
    // Below e^−104 every float32 rounds to 0; above e^88.3 ≈ 2.2e38 lies overflow.
    ...get(x),
    ...f32x4(-104),
    ...simd.f32x4Max,
    ...f32x4(88.3),
    ...simd.f32x4Min,
    ...set(x),
    ...get(x),
    ...f32x4(Math.LOG2E),
    ...mul,
    ...simd.f32x4Nearest,
    ...set(NV),
    // r = x − n·ln2, ln2 = 0.693359375 − 2.12194440e−4 (the first part exact in n·ln2)
    ...get(x),
    ...get(NV),
    ...f32x4(0.693359375),
    ...mul,
    ...sub,
    ...get(NV),
    ...f32x4(-2.1219444e-4),
    ...mul,
    ...sub,
    ...set(R),
    // e^r ≈ 1 + r + r²·poly(r)
    ...horner(
      R,
      [
        1.98756915e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1,
        5.0000001201e-1,
      ],
    ),
    ...get(R),
    ...mul,
    ...get(R),
    ...mul,
    ...get(R),
    ...add,
    ...f32x4(1),
    ...add,
    // × 2ⁿ as 2^⌊n/2⌋ · 2^(n−⌊n/2⌋), each a normal float (n + 127 in the exponent field)
    // even where e^x itself is subnormal (n < −126).
    ...get(NV),
    ...simd.i32x4TruncSatF32x4S,
    ...set(NV),
    ...get(NV),
    ...i32(1),
    ...simd.i32x4ShrS,
    ...set(HALF),
    ...power2(HALF),
    ...mul,
    ...get(NV),
    ...get(HALF),
    ...simd.i32x4Sub,
    ...set(HALF),
    ...power2(HALF),
    ...mul,
    ...set(out),
  ];
}

/** 2^k for the integers k of a local (−126 ≤ k ≤ 127), built in the exponent bits. */
const power2 = (k: number) => [
  ...get(k),
  ...i32x4(127),
  ...simd.i32x4Add,
  ...i32(23),
  ...simd.i32x4Shl,
];

/** σ(X), left on the stack: with e = e^−|x|, 1/(1 + e) for x ≥ 0 and e/(1 + e) below, never overflowing. */
const sigmoid = [
  ...get(X),
  ...simd.f32x4Abs,
  ...simd.f32x4Neg,
  ...set(SMALL),
  ...exp(SMALL, E),
  ...f32x4(1),
  ...get(E),
  ...add,
  ...set(AB),
  ...get(E),
  ...get(AB),
  ...div,
  ...f32x4(1),
  ...get(AB),
  ...div,
  ...get(X),
  ...f32x4(0),
  ...simd.f32x4Lt,
  ...simd.bitselect,
];

/** tanh(X), left on the stack. */
const tanh = [
  ...get(X),
  ...simd.f32x4Abs,
  ...set(AB),
  // |x| > 0.625: 1 − 2/(e^{2|x|} + 1), |x| capped at 10 (from 9.01 on, tanh rounds to 1 in float32)
  ...get(AB),
  ...f32x4(10),
  ...simd.f32x4Min,
  ...f32x4(2),
  ...mul,
  ...set(BIG),
  ...exp(BIG, E),
  ...f32x4(1),
  ...f32x4(2),
  ...get(E),
  ...f32x4(1),
  ...add,
  ...div,
  ...sub,
  ...set(BIG),
  // |x| ≤ 0.625: x + x·z·poly(z), z = x²
  ...get(X),
  ...get(X),
  ...mul,
  ...set(R),
  ...horner(
    R,
    [-5.70498872745e-3, 2.06390887954e-2, -5.37397155531e-2, 1.33314422036e-1, -3.33332819422e-1],
  ),
  ...get(R),
  ...mul,
  ...get(X),
  ...mul,
  ...get(X),
  ...add,
  ...set(SMALL),
  // the branch for |x|, then the sign bit of x (so tanh(−0) = −0 too)
  ...get(X),
  ...get(BIG),
  ...get(SMALL),
  ...get(AB),
  ...f32x4(0.625),
  ...simd.f32x4Gt,
  ...simd.bitselect,
  ...i32x4(-0x80000000),
  ...simd.bitselect,
];

/** In place over n floats at p: four at a time, then one at a time (in lane 0 of a vector). */
function mapFunction(name: string, value: number[]): WasmFunction {
  const vectors = whileLoop(
    [...get(I), ...i32(4), op.i32Add, ...get(COUNT), op.i32LeS],
    [
      ...get(ADDR),
      ...get(ADDR),
      ...simd.load,
      ...mem(0),
      ...set(X),
      ...value,
      ...simd.store,
      ...mem(0),
      ...addTo(I, i32(4)),
      ...addTo(ADDR, i32(16)),
    ],
  );
  const scalars = whileLoop(
    [...get(I), ...get(COUNT), op.i32LtS],
    [
      ...get(ADDR),
      ...get(ADDR),
      op.f32Load,
      ...mem(0),
      ...simd.f32x4Splat,
      ...set(X),
      ...value,
      ...simd.f32x4ExtractLane,
      0,
      op.f32Store,
      ...mem(0),
      ...addTo(I, i32(1)),
      ...addTo(ADDR, i32(4)),
    ],
  );
  const start = [...get(P), ...i32(2), op.i32Shl, ...set(ADDR), ...i32(0), ...set(I)];
  return { name, params: [I32, I32], locals: LOCALS, body: [...start, ...vectors, ...scalars] };
}

export const sigmoidFunction = mapFunction('sigmoid', sigmoid);
export const tanhFunction = mapFunction('tanh', tanh);
