/**
 * The vector work of the fused cpu/wasm loops — matrix products, sigmoid and tanh — and the
 * memory it happens in.
 *
 * It runs in the SIMD WebAssembly module of gemm-wasm.ts and activation-wasm.ts where the JS
 * engine has WebAssembly SIMD (Node ≥ 16, Chromium ≥ 91, Firefox ≥ 89, Safari ≥ 16.4),
 * otherwise in the plain JS below with the same meaning. Either way the operands live in one
 * Float32Array, the arena: the module's own memory, or an ordinary buffer for the JS loops,
 * so the fused loops address every array by a float offset and never copy between the two.
 */
import { sigmoidFunction, tanhFunction } from './activation-wasm';
import { gemmFunction } from './gemm-wasm';
import { moduleBytes } from './wasm-encode';

/** The module's bytes: gemm, sigmoid, tanh and the memory "mem". */
export function simdModuleBytes(): Uint8Array<ArrayBuffer> {
  return moduleBytes([gemmFunction, sigmoidFunction, tanhFunction]);
}

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

/** In place: f[p..p+n) ← σ or tanh of itself. */
export type Activation = (p: number, n: number) => void;

export function sigmoidLoop(f: Float32Array): Activation {
  return (p, n) => {
    for (let i = p; i < p + n; i++) f[i] = 1 / (1 + Math.exp(-f[i]!));
  };
}

export function tanhLoop(f: Float32Array): Activation {
  return (p, n) => {
    for (let i = p; i < p + n; i++) f[i] = Math.tanh(f[i]!);
  };
}

const PAGE = 65536;

interface SimdModule {
  memory: WebAssembly.Memory;
  gemm: (...args: number[]) => void;
  sigmoid: Activation;
  tanh: Activation;
}

let compiled: WebAssembly.Module | null = null;

function instantiate(): SimdModule | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    if (!compiled) {
      const bytes = simdModuleBytes();
      if (!WebAssembly.validate(bytes)) return null; // no SIMD in this engine
      // Synchronous compile: the module is 3.4 KB, under the main thread's 4 KB limit (a test guards it).
      compiled = new WebAssembly.Module(bytes);
    }
    const e = new WebAssembly.Instance(compiled, {}).exports;
    return {
      memory: e.mem as WebAssembly.Memory,
      gemm: e.gemm as SimdModule['gemm'],
      sigmoid: e.sigmoid as Activation,
      tanh: e.tanh as Activation,
    };
  } catch {
    // e.g. a Content-Security-Policy without 'wasm-unsafe-eval': the JS loop does the work.
    return null;
  }
}

let wasm: SimdModule | null | undefined;
let useWasm = true;

/** Turns the WebAssembly module off (tests compare it with the JS loops) or back on. */
export function setWasmSimd(on: boolean): void {
  useWasm = on;
}

/** Whether the vector work currently runs in WebAssembly SIMD. */
export function wasmSimdActive(): boolean {
  if (wasm === undefined) wasm = instantiate();
  return useWasm && wasm !== null;
}

/** An arena and the vector operations that work in it. */
export interface Arena {
  f: Float32Array;
  gemm: Gemm;
  sigmoid: Activation;
  tanh: Activation;
  /** Float offsets of consecutive blocks of the given lengths, each 16-byte aligned. */
  offsets: number[];
}

let jsBuffer = new Float32Array(0);

/** Memory past which small calls let the arena go (a WebAssembly memory cannot shrink). */
const KEEP_BYTES = 64 * 2 ** 20;
/**
 * Calls in a row that must each need under a quarter of a memory over KEEP_BYTES before it is
 * let go: more than one pass's worth (a training update makes three calls of different sizes),
 * so alternating large and small kernels never rebuild the memory every step.
 */
const SMALL_CALLS_BEFORE_SHRINK = 8;
let smallCalls = 0;

/** Whether a memory of `held` bytes should be let go for a call needing `bytes`. */
function shrinkFor(held: number, bytes: number): boolean {
  smallCalls = held > KEEP_BYTES && bytes < held / 4 ? smallCalls + 1 : 0;
  if (smallCalls < SMALL_CALLS_BEFORE_SHRINK) return false;
  smallCalls = 0;
  return true;
}

/**
 * An arena holding blocks of these lengths. The memory is reused by the next call (the
 * kernels copy their results out before returning) and grows as needed; a memory of more than
 * 64 MB is let go after 8 calls in a row that each need under a quarter of it. Where the
 * WebAssembly memory cannot grow any more, the call runs in the JS loops.
 */
export function arena(lengths: number[]): Arena {
  const offsets: number[] = [];
  let top = 0;
  for (const n of lengths) {
    offsets.push(top);
    top += Math.ceil(n / 4) * 4;
  }
  if (wasmSimdActive()) {
    if (shrinkFor(wasm!.memory.buffer.byteLength, top * 4)) wasm = instantiate() ?? wasm;
    const { memory, gemm, sigmoid, tanh } = wasm!;
    const need = top * 4 - memory.buffer.byteLength;
    let grown = true;
    try {
      if (need > 0) memory.grow(Math.ceil(need / PAGE));
    } catch {
      grown = false; // past the 4 GB of a 32-bit memory, or out of memory: the JS loops try
    }
    if (grown) {
      const f = new Float32Array(memory.buffer, 0, top);
      const run: Gemm = (a, sam, sak, b, ldb, c, ldc, M, N, K, acc) =>
        gemm(a, sam, sak, b, ldb, c, ldc, M, N, K, acc ? 1 : 0);
      return { f, gemm: run, sigmoid, tanh, offsets };
    }
  }
  if (jsBuffer.length < top || shrinkFor(jsBuffer.byteLength, top * 4))
    jsBuffer = new Float32Array(top);
  const f = jsBuffer.subarray(0, top);
  return { f, gemm: gemmLoop(f), sigmoid: sigmoidLoop(f), tanh: tanhLoop(f), offsets };
}
