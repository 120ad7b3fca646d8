/**
 * A matrix product in WebAssembly with 128-bit SIMD, written out byte by byte here: the
 * project has no C or WAT toolchain, and the module is small enough (well under Chromium's
 * 4 KB limit for compiling on the main thread) to build at start-up from this file alone.
 *
 * The one export, gemm(a, sam, sak, b, ldb, c, ldc, M, N, K, accumulate), computes
 *   C[m, n] (+)= Σ_k A(m, k) · B[k, n]     (m < M, n < N, k < K)
 * where A(m, k) sits at a + m·sam + k·sak (so A or Aᵀ), B is row-major with row length ldb and
 * C with ldc; a, b, c are float offsets into the exported memory "mem". Each output row is
 * built sixteen columns at a time in four f32x4 accumulators (the row of A is broadcast, a row
 * of B is loaded once per four products), then four at a time, then one at a time. Sums are
 * float32, as TF.js's own matMul keeps them.
 */

// Value types and opcodes of the WebAssembly binary format (core spec, SIMD proposal).
const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;
const op = {
  block: 0x02,
  loop: 0x03,
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  br: 0x0c,
  brIf: 0x0d,
  get: 0x20,
  set: 0x21,
  tee: 0x22,
  f32Load: 0x2a,
  f32Store: 0x38,
  i32Const: 0x41,
  i32Eqz: 0x45,
  i32GtS: 0x4a,
  i32LeS: 0x4c,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  f32Add: 0x92,
  f32Mul: 0x94,
} as const;
const VOID = 0x40;
/** SIMD instructions: the 0xfd prefix, then the opcode as unsigned LEB128. */
const simd = {
  load: [0xfd, 0x00],
  store: [0xfd, 0x0b],
  splat: [0xfd, 0x13],
  add: [0xfd, 0xe4, 0x01],
  mul: [0xfd, 0xe6, 0x01],
};

function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    const done = (n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];

// Locals: the eleven parameters, then working registers.
const [A, SAM, SAK, B, LDB, C, LDC, M, N, K, ACC] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
const [ROW, COL, KK, PA, PB, PC] = [11, 12, 13, 14, 15, 16]; // i32
const [V0, V1, V2, V3, S] = [17, 18, 19, 20, 21]; // v128
const [F0, FS] = [22, 23]; // f32: the scalar pass's sum and broadcast value

const get = (l: number) => [op.get, l];
const set = (l: number) => [op.set, l];
const i32 = (n: number) => [op.i32Const, ...sleb(n)];
/** Byte address of float offset `l`: l << 2. */
const bytes = (l: number) => [...get(l), ...i32(2), op.i32Shl];
const addTo = (l: number, code: number[]) => [...get(l), ...code, op.i32Add, ...set(l)];
/** memarg: alignment 4 bytes (rows need not be 16-byte aligned), then a byte offset. */
const mem = (offset: number) => [2, ...uleb(offset)];
/** while (cond) { body }: cond must leave an i32 on the stack. */
const whileLoop = (cond: number[], body: number[]) => [
  op.block,
  VOID,
  op.loop,
  VOID,
  ...cond,
  op.i32Eqz,
  op.brIf,
  1,
  ...body,
  op.br,
  0,
  op.end,
  op.end,
];

/** One pass over columns COL.. of the current row, `lanes` vectors (or 0: one scalar) at a time. */
function columnPass(lanes: number): number[] {
  const width = lanes === 0 ? 1 : 4 * lanes;
  const regs = lanes === 0 ? [F0] : [V0, V1, V2, V3].slice(0, lanes);
  const scale = lanes === 0 ? FS : S;
  // PC = byte address of C[ROW, COL]; PA of A(ROW, 0); PB of B[0, COL].
  const start = [
    ...get(C),
    ...get(ROW),
    ...get(LDC),
    op.i32Mul,
    op.i32Add,
    ...get(COL),
    op.i32Add,
    ...i32(2),
    op.i32Shl,
    ...set(PC),
    ...get(A),
    ...get(ROW),
    ...get(SAM),
    op.i32Mul,
    op.i32Add,
    ...i32(2),
    op.i32Shl,
    ...set(PA),
    ...get(B),
    ...get(COL),
    op.i32Add,
    ...i32(2),
    op.i32Shl,
    ...set(PB),
  ];
  const load = (r: number, k: number) =>
    lanes === 0
      ? [...get(PC), op.f32Load, ...mem(0), ...set(r)]
      : [...get(PC), ...simd.load, ...mem(16 * k), ...set(r)];
  const zero = (r: number) =>
    lanes === 0
      ? [0x43, 0, 0, 0, 0, ...set(r)] // f32.const 0
      : [0xfd, 0x0c, ...new Array(16).fill(0), ...set(r)]; // v128.const 0
  const init = [
    ...get(ACC),
    op.if,
    VOID,
    ...regs.flatMap((r, k) => load(r, k)),
    op.else,
    ...regs.flatMap(zero),
    op.end,
  ];
  const multiplyAdd = (r: number, k: number) =>
    lanes === 0
      ? [...get(r), ...get(PB), op.f32Load, ...mem(0), ...get(FS), op.f32Mul, op.f32Add, ...set(r)]
      : [
          ...get(r),
          ...get(PB),
          ...simd.load,
          ...mem(16 * k),
          ...get(scale),
          ...simd.mul,
          ...simd.add,
          ...set(r),
        ];
  const inner = whileLoop(
    [...get(KK), ...get(K), 0x48], // KK < K (i32.lt_s)
    [
      ...get(PA),
      op.f32Load,
      ...mem(0),
      ...(lanes === 0 ? [] : simd.splat),
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

function gemmBody(): number[] {
  const rows = whileLoop(
    [...get(M), ...get(ROW), op.i32GtS], // ROW < M
    [
      ...i32(0),
      ...set(COL),
      ...columnPass(4),
      ...columnPass(1),
      ...columnPass(0),
      ...addTo(ROW, i32(1)),
    ],
  );
  return rows;
}

/** The module's bytes. Locals after the 11 i32 parameters: 6 i32, 5 v128, 2 f32. */
export function gemmModuleBytes(): Uint8Array<ArrayBuffer> {
  const params = new Array(11).fill(I32);
  const type = [0x60, ...uleb(params.length), ...params, 0];
  const locals = vec([
    [...uleb(6), I32],
    [...uleb(5), V128],
    [...uleb(2), F32],
  ]);
  const body = [...locals, ...gemmBody(), op.end];
  const code = [...uleb(body.length), ...body];
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec([type])),
    ...section(3, vec([uleb(0)])),
    ...section(5, vec([[0x00, ...uleb(1)]])), // memory: 1 page to start, grown by the caller
    ...section(
      7,
      vec([
        [...name('gemm'), 0x00, ...uleb(0)],
        [...name('mem'), 0x02, ...uleb(0)],
      ]),
    ),
    ...section(10, vec([code])),
  ]);
}
