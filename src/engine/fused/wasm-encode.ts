/**
 * Just enough of the WebAssembly binary format (core spec plus 128-bit SIMD) to write the fused
 * loops' module by hand: the project has no C or WAT toolchain, and the module (3.4 KB, under
 * Chromium's 4 KB limit for compiling on the main thread) is built at start-up from this code.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
const VOID = 0x40;

export const op = {
  if: 0x04,
  else: 0x05,
  end: 0x0b,
  get: 0x20,
  set: 0x21,
  f32Load: 0x2a,
  f32Store: 0x38,
  i32Const: 0x41,
  f32Const: 0x43,
  i32Eqz: 0x45,
  i32LtS: 0x48,
  i32GtS: 0x4a,
  i32LeS: 0x4c,
  i32Add: 0x6a,
  i32Mul: 0x6c,
  i32Shl: 0x74,
  f32Add: 0x92,
  f32Mul: 0x94,
} as const;

/** SIMD instructions: the 0xfd prefix, then the opcode as unsigned LEB128. */
const simdOp = (code: number): number[] => [0xfd, ...uleb(code)];
export const simd = {
  load: simdOp(0x00),
  store: simdOp(0x0b),
  f32x4Splat: simdOp(0x13),
  f32x4ExtractLane: simdOp(0x1f), // followed by the lane index
  f32x4Gt: simdOp(0x44),
  bitselect: simdOp(0x52),
  f32x4Nearest: simdOp(0x6a),
  f32x4Lt: simdOp(0x43),
  i32x4Shl: simdOp(0xab),
  i32x4ShrS: simdOp(0xac),
  i32x4Add: simdOp(0xae),
  i32x4Sub: simdOp(0xb1),
  f32x4Abs: simdOp(0xe0),
  f32x4Neg: simdOp(0xe1),
  f32x4Add: simdOp(0xe4),
  f32x4Sub: simdOp(0xe5),
  f32x4Mul: simdOp(0xe6),
  f32x4Div: simdOp(0xe7),
  f32x4Min: simdOp(0xe8),
  f32x4Max: simdOp(0xe9),
  i32x4TruncSatF32x4S: simdOp(0xf8),
};

export function uleb(n: number): number[] {
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

const littleEndian = (bits: ArrayBufferLike): number[] => [...new Uint8Array(bits)];

export const get = (l: number) => [op.get, l];
export const set = (l: number) => [op.set, l];
export const i32 = (n: number) => [op.i32Const, ...sleb(n)];
export const f32 = (x: number) => [op.f32Const, ...littleEndian(new Float32Array([x]).buffer)];
/** v128.const with the same float32 in all four lanes. */
export const f32x4 = (x: number) => [
  ...simdOp(0x0c),
  ...littleEndian(new Float32Array([x, x, x, x]).buffer),
];
/** v128.const with the same 32-bit integer in all four lanes. */
export const i32x4 = (n: number) => [
  ...simdOp(0x0c),
  ...littleEndian(new Int32Array([n, n, n, n]).buffer),
];
/** Byte address of the float offset in local l: l << 2. */
export const bytes = (l: number) => [...get(l), ...i32(2), op.i32Shl];
export const addTo = (l: number, code: number[]) => [...get(l), ...code, op.i32Add, ...set(l)];
/** memarg: alignment 4 bytes (rows need not be 16-byte aligned), then a byte offset. */
export const mem = (offset: number) => [2, ...uleb(offset)];
/** if (cond on the stack) { yes } else { no } */
export const ifElse = (yes: number[], no: number[]) => [
  op.if,
  VOID,
  ...yes,
  op.else,
  ...no,
  op.end,
];
/** while (cond) { body }: cond must leave an i32 on the stack. */
export const whileLoop = (cond: number[], body: number[]) => [
  ...[0x02, VOID, 0x03, VOID], // block, loop
  ...cond,
  op.i32Eqz,
  ...[0x0d, 1], // br_if 1: leave the block
  ...body,
  ...[0x0c, 0], // br 0: back to the loop
  op.end,
  op.end,
];

export interface WasmFunction {
  name: string;
  params: number[];
  /** Local declarations after the parameters, in order: [count, type]. */
  locals: [number, number][];
  body: number[];
}

const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
const name = (s: string): number[] => [...uleb(s.length), ...[...s].map((ch) => ch.charCodeAt(0))];

/** A module of these functions (no results) and one memory, all exported; memory as "mem". */
export function moduleBytes(fns: WasmFunction[]): Uint8Array<ArrayBuffer> {
  const types = fns.map((f) => [0x60, ...uleb(f.params.length), ...f.params, 0]);
  const codes = fns.map((f) => {
    const body = [...vec(f.locals.map(([n, t]) => [...uleb(n), t])), ...f.body, op.end];
    return [...uleb(body.length), ...body];
  });
  return new Uint8Array([
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(3, vec(fns.map((_, k) => uleb(k)))),
    ...section(5, vec([[0x00, ...uleb(1)]])), // memory: 1 page to start, grown by the caller
    ...section(
      7,
      vec([
        ...fns.map((f, k) => [...name(f.name), 0x00, ...uleb(k)]),
        [...name('mem'), 0x02, ...uleb(0)],
      ]),
    ),
    ...section(10, vec(codes)),
  ]);
}
