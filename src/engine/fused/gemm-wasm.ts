/**
 * A matrix product in WebAssembly with 128-bit SIMD (encoded with wasm-encode.ts).
 *
 * gemm(a, sam, sak, b, ldb, c, ldc, M, N, K, accumulate) computes
 *   C[m, n] (+)= Σ_k A(m, k) · B[k, n]     (m < M, n < N, k < K)
 * where A(m, k) sits at a + m·sam + k·sak (so A or Aᵀ), B is row-major with row length ldb and
 * C with ldc; a, b, c are float offsets into the module's memory. Each output row is built
 * sixteen columns at a time in four f32x4 accumulators (the row of A is broadcast, a row of B
 * is loaded once per four products), then four at a time, then one at a time. Sums are
 * float32, as TF.js's own matMul keeps them.
 */
import {
  F32,
  I32,
  V128,
  type WasmFunction,
  addTo,
  bytes,
  f32,
  f32x4,
  get,
  i32,
  ifElse,
  mem,
  op,
  set,
  simd,
  whileLoop,
} from './wasm-encode';

// Locals: the eleven parameters, then working registers.
const [A, SAM, SAK, B, LDB, C, LDC, M, N, K, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [ROW, COL, KK, PA, PB, PC] = [11, 12, 13, 14, 15, 16]; // i32
const [V0, V1, V2, V3, S] = [17, 18, 19, 20, 21]; // v128
const [F0, FS] = [22, 23]; // f32: the scalar pass's sum and broadcast value

/** One pass over columns COL.. of the current row, `lanes` vectors (or 0: one scalar) at a time. */
function columnPass(lanes: number): number[] {
  const width = lanes === 0 ? 1 : 4 * lanes;
  const regs = lanes === 0 ? [F0] : [V0, V1, V2, V3].slice(0, lanes);
  const scale = lanes === 0 ? FS : S;
  /** Byte address of float offset base + ROW·stride (+ COL): the start of this pass's operands. */
  const address = (base: number, stride: number | null, withCol: boolean) => [
    ...get(base),
    ...(stride === null ? [] : [...get(ROW), ...get(stride), op.i32Mul, op.i32Add]),
    ...(withCol ? [...get(COL), op.i32Add] : []),
    ...i32(2),
    op.i32Shl,
  ];
  // PC = C[ROW, COL]; PA = A(ROW, 0); PB = B[0, COL].
  const start = [
    ...address(C, LDC, true),
    ...set(PC),
    ...address(A, SAM, false),
    ...set(PA),
    ...address(B, null, true),
    ...set(PB),
  ];
  const load = (r: number, k: number) =>
    lanes === 0
      ? [...get(PC), op.f32Load, ...mem(0), ...set(r)]
      : [...get(PC), ...simd.load, ...mem(16 * k), ...set(r)];
  const zero = (r: number) => [...(lanes === 0 ? f32(0) : f32x4(0)), ...set(r)];
  const init = [...get(ACC), ...ifElse(regs.flatMap(load), regs.flatMap(zero))];
  const multiplyAdd = (r: number, k: number) =>
    lanes === 0
      ? [...get(r), ...get(PB), op.f32Load, ...mem(0), ...get(FS), op.f32Mul, op.f32Add, ...set(r)]
      : [
          ...get(r),
          ...get(PB),
          ...simd.load,
          ...mem(16 * k),
          ...get(scale),
          ...simd.f32x4Mul,
          ...simd.f32x4Add,
          ...set(r),
        ];
  const inner = whileLoop(
    [...get(KK), ...get(K), op.i32LtS], // KK < K
    [
      ...get(PA),
      op.f32Load,
      ...mem(0),
      ...(lanes === 0 ? [] : simd.f32x4Splat),
      ...set(scale),
      ...regs.flatMap((r, k) => multiplyAdd(r, k)),
      ...addTo(PA, bytes(SAK)),
      ...addTo(PB, bytes(LDB)),
      ...addTo(KK, i32(1)),
    ],
  );
  const store = regs.flatMap((r, k) =>
    lanes === 0
      ? [...get(PC), ...get(r), op.f32Store, ...mem(0)]
      : [...get(PC), ...get(r), ...simd.store, ...mem(16 * k)],
  );
  // while (COL + width <= N) { ...; COL += width }
  return whileLoop(
    [...get(COL), ...i32(width), op.i32Add, ...get(N), op.i32LeS],
    [...start, ...init, ...i32(0), ...set(KK), ...inner, ...store, ...addTo(COL, i32(width))],
  );
}

export const gemmFunction: WasmFunction = {
  name: 'gemm',
  params: new Array(11).fill(I32),
  locals: [
    [6, I32],
    [5, V128],
    [2, F32],
  ],
  body: whileLoop(
    [...get(M), ...get(ROW), op.i32GtS], // ROW < M
    [
      ...i32(0),
      ...set(COL),
      ...columnPass(4),
      ...columnPass(1),
      ...columnPass(0),
      ...addTo(ROW, i32(1)),
    ],
  ),
};
