/**
 * The matrix products of the fused cpu/wasm loops, and the memory they work in.
 *
 * Products run in the SIMD WebAssembly module of gemm-wasm.ts where the JS engine has
 * WebAssembly SIMD (Node ≥ 16, Chromium ≥ 91, Firefox ≥ 89, Safari ≥ 16.4), otherwise in the
 * plain loop below with the same meaning. Either way the operands live in one Float32Array,
 * the arena: the module's own memory, or an ordinary buffer for the JS loop, so the loops
 * address every matrix by a float offset and never copy between the two.
 */
import { gemmModuleBytes } from './gemm-wasm';

/**
 * C[m, n] (+)= Σ_k A(m, k)·B[k, n] for m < M, n < N, k < K, with A(m, k) at a + m·sam + k·sak,
 * B[k, n] at b + k·ldb + n and C[m, n] at c + m·ldc + n (float offsets into the arena).
 */
export type Gemm = (
  a: number,
  sam: number,
  sak: number,
  b: number,
  ldb: number,
  c: number,
  ldc: number,
  M: number,
  N: number,
  K: number,
  accumulate: boolean,
) => void;

/** The same product in plain JS, over any Float32Array: the fallback and the tests' reference. */
export function gemmLoop(f: Float32Array): Gemm {
  return (a, sam, sak, b, ldb, c, ldc, M, N, K, accumulate) => {
    for (let m = 0; m < M; m++) {
      const cRow = c + m * ldc;
      if (!accumulate) f.fill(0, cRow, cRow + N);
      for (let k = 0; k < K; k++) {
        const s = f[a + m * sam + k * sak]!;
        const bRow = b + k * ldb;
        for (let n = 0; n < N; n++) f[cRow + n]! += s * f[bRow + n]!;
      }
    }
  };
}

const PAGE = 65536;

interface WasmGemm {
  memory: WebAssembly.Memory;
  gemm: (...args: number[]) => void;
}

function instantiate(): WasmGemm | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = gemmModuleBytes();
    if (!WebAssembly.validate(bytes)) return null; // no SIMD in this engine
    // Synchronous compile: the module is ~0.8 KB, under the main thread's 4 KB limit.
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports;
    return { memory: exports.mem as WebAssembly.Memory, gemm: exports.gemm as WasmGemm['gemm'] };
  } catch {
    // e.g. a Content-Security-Policy without 'wasm-unsafe-eval': the JS loop does the work.
    return null;
  }
}

let wasm: WasmGemm | null | undefined;
let useWasm = true;

/** Turns the WebAssembly products off (tests compare them with the JS loop) or back on. */
export function setWasmGemm(on: boolean): void {
  useWasm = on;
}

/** Whether the products currently run in WebAssembly SIMD. */
export function wasmGemmActive(): boolean {
  if (wasm === undefined) wasm = instantiate();
  return useWasm && wasm !== null;
}

/** An arena of `floats` floats and the product that works in it. */
export interface Arena {
  f: Float32Array;
  gemm: Gemm;
  /** Float offsets of consecutive blocks of the given lengths, each 16-byte aligned. */
  offsets: number[];
}

let jsBuffer = new Float32Array(0);

/**
 * An arena holding blocks of these lengths. The memory is reused by the next call (the
 * kernels copy their results out before returning) and only ever grows: the largest pass
 * the page has run stays allocated.
 */
export function arena(lengths: number[]): Arena {
  const offsets: number[] = [];
  let top = 0;
  for (const n of lengths) {
    offsets.push(top);
    top += Math.ceil(n / 4) * 4;
  }
  if (wasmGemmActive()) {
    const { memory, gemm } = wasm!;
    const need = top * 4 - memory.buffer.byteLength;
    if (need > 0) memory.grow(Math.ceil(need / PAGE));
    const f = new Float32Array(memory.buffer, 0, top);
    const run: Gemm = (a, sam, sak, b, ldb, c, ldc, M, N, K, acc) =>
      gemm(a, sam, sak, b, ldb, c, ldc, M, N, K, acc ? 1 : 0);
    return { f, gemm: run, offsets };
  }
  if (jsBuffer.length < top) jsBuffer = new Float32Array(top);
  const f = jsBuffer.subarray(0, top);
  return { f, gemm: gemmLoop(f), offsets };
}
