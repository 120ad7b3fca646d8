/**
 * Compiling WebGL's shader programs for some work in short main-thread tasks, so a warm-up
 * never freezes the page for the whole compile.
 *
 * The first run of a trace on WebGL compiles every program it uses (TF.js's ops and the fused
 * cell kernels; programs are keyed by shape, so a new size compiles again). TF.js asks for each
 * program's compile status right after issuing it, and each such question waits for the GPU
 * process to finish everything queued before it. The last one, for the program the read-back
 * starts with, waits for the whole run's draws too, and a software renderer (SwiftShader) builds
 * each program's pipeline at its first draw: most of a second in all. So the first run was one
 * main-thread task of ~1 s.
 *
 * Here the work is dispatched with TF.js's ENGINE_COMPILE_ONLY flag (programs are compiled and
 * linked, none runs, nothing asks for a status) in passes that each compile programs for at most
 * {@link SLICE_MS} and skip the rest, yielding between passes. A WebGL 2 fence, polled between
 * tasks, then says the GPU process is done with the compiles (TF.js's
 * checkCompileCompletionAsync needs KHR_parallel_shader_compile, which SwiftShader lacks), and
 * the programs are checked and given their uniform locations, again a slice at a time. The first
 * real run then asks nothing synchronously: its draws and its read-back wait off the main thread.
 *
 * This reaches into MathBackendWebGL's private parts (binaryCache, getAndSaveBinary, decode),
 * stable across TF.js 4.x and pinned to 4.22.0 here; where they are missing it does nothing and
 * the first run compiles as before.
 */
import * as tf from '@tensorflow/tfjs-core';
import { nextTask } from '../util';

/** What a warm-up did, for reports and tests. */
export interface ShaderWarmUp {
  /** programs compiled */
  programs: number;
  /** compile-only passes over the work */
  passes: number;
  /** wall time, ms */
  ms: number;
}

/** One compiled program in TF.js's cache. */
interface Binary {
  webGLProgram: WebGLProgram;
}

/** The parts of MathBackendWebGL used here (private in its typings). */
interface WebglInternals {
  binaryCache: Record<string, Binary>;
  getAndSaveBinary(key: string, compile: () => Binary): Binary;
  gpgpu: {
    gl: WebGLRenderingContext | WebGL2RenderingContext;
    deleteProgram(program: WebGLProgram): void;
  };
  /** TF.js's own last step after ENGINE_COMPILE_ONLY: uniform locations of every program */
  getUniformLocations(): void;
  /** the program a read-back of `dataId` runs first (MathBackendWebGL.read) */
  decode(dataId: object): tf.TensorInfo;
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}

/**
 * Main-thread time per slice of checks, and for compiling in one pass, before yielding, ms. A
 * pass also runs the rest of the work without compiling (10–40 ms for an LSTM 50×32 on a loaded
 * 2-core machine, the first pass more), so passes take 30–90 ms there.
 */
const SLICE_MS = 20;

/** Stop waiting for the fence after this long and let the checks wait instead, ms. */
const FENCE_TIMEOUT_MS = 20_000;

function internals(): WebglInternals | undefined {
  if (tf.getBackend() !== 'webgl') return undefined;
  const b = tf.backend() as unknown as Partial<WebglInternals>;
  const ok =
    typeof b.binaryCache === 'object' &&
    typeof b.getAndSaveBinary === 'function' &&
    typeof b.getUniformLocations === 'function' &&
    typeof b.decode === 'function' &&
    b.gpgpu?.gl !== undefined;
  return ok ? (b as WebglInternals) : undefined;
}

/**
 * Compiles the programs `dispatch` and a read-back of its result need, on the active WebGL
 * backend; undefined (nothing done) on other backends. `dispatch` must run its kernels
 * synchronously, free what it makes and return the result a run would read (disposed here).
 * It is called once per pass. A program that fails to compile or link is not reported here:
 * every program compiled here is dropped again, and the real run compiles them the usual way
 * and throws the usual error.
 *
 * Until it resolves nothing else may run WebGL kernels (the new programs have no uniform
 * locations yet): the page runs backend work one piece at a time (store/backend.ts).
 */
export async function compileShaders(dispatch: () => tf.Tensor): Promise<ShaderWarmUp | undefined> {
  const backend = internals();
  if (!backend) return undefined;
  const { binaryCache: cache, gpgpu } = backend;
  const gl = gpgpu.gl;
  const before = new Set(Object.keys(cache));
  const t0 = performance.now();
  let passes = 0;
  let fresh: string[] = [];
  try {
    for (let skipped = 1; skipped > 0; passes++) {
      skipped = compilePass(backend, dispatch, performance.now() + SLICE_MS);
      await nextTask();
    }
    fresh = Object.keys(cache).filter((k) => !before.has(k));
    await commandsDone(gl);
    for (let from = 0; from < fresh.length;) {
      const start = performance.now();
      // Programs whose compile is done answer at once; one still compiling waits for it.
      while (from < fresh.length && performance.now() - start < SLICE_MS) {
        const program = cache[fresh[from]!]!.webGLProgram;
        if (gl.getProgramParameter(program, gl.LINK_STATUS) !== true) throw new Error('link');
        from++;
      }
      await nextTask();
    }
    backend.getUniformLocations(); // quick now that every program is linked
    await nextTask(); // the caller's first run is a task of its own
  } catch {
    // A failed program, or a context lost meanwhile: forget them all (see above).
    for (const k of Object.keys(cache).filter((k) => !before.has(k))) {
      gpgpu.deleteProgram(cache[k]!.webGLProgram);
      delete cache[k];
    }
    fresh = [];
  }
  return { programs: fresh.length, passes, ms: performance.now() - t0 };
}

/**
 * One compile-only pass over `dispatch` and the read-back's decode: compiles new programs until
 * `deadline` (performance.now() ms), at least one, then skips the rest (not cached: the next
 * pass compiles them). With ENGINE_COMPILE_ONLY no program runs, so a skipped one is never
 * needed. Returns how many requests for a program it skipped (0: nothing left to compile).
 */
function compilePass(backend: WebglInternals, dispatch: () => tf.Tensor, deadline: number) {
  let compiled = 0;
  let skipped = 0;
  const { getAndSaveBinary } = backend;
  const own = Object.getOwnPropertyDescriptor(backend, 'getAndSaveBinary');
  // An own property shadows the prototype's method for this pass only (restored below).
  backend.getAndSaveBinary = (key, compile) => {
    if (key in backend.binaryCache) return getAndSaveBinary.call(backend, key, compile);
    if (compiled === 0 || performance.now() < deadline) {
      compiled++;
      return getAndSaveBinary.call(backend, key, compile);
    }
    skipped++;
    return { webGLProgram: null as unknown as WebGLProgram };
  };
  tf.env().set('ENGINE_COMPILE_ONLY', true);
  try {
    const result = dispatch();
    try {
      // A read-back starts with a program of its own; compiled during the first run, its
      // status query would wait for the GPU process to get through that whole run.
      backend.disposeIntermediateTensorInfo(backend.decode(result.dataId));
    } finally {
      result.dispose();
    }
  } finally {
    tf.env().set('ENGINE_COMPILE_ONLY', false);
    if (own) Object.defineProperty(backend, 'getAndSaveBinary', own);
    else delete (backend as Partial<WebglInternals>).getAndSaveBinary;
  }
  return skipped;
}

/**
 * Resolves once the GPU process has handled every command issued so far (the compiles and links
 * included), polling a fence between tasks; at once on WebGL 1, which has no fences.
 */
async function commandsDone(gl: WebGLRenderingContext | WebGL2RenderingContext): Promise<void> {
  if (!('fenceSync' in gl)) return;
  const sync = gl.fenceSync(gl.SYNC_GPU_COMMANDS_COMPLETE, 0);
  if (!sync) return;
  gl.flush();
  const t0 = performance.now();
  try {
    while (performance.now() - t0 < FENCE_TIMEOUT_MS) {
      const status = gl.clientWaitSync(sync, 0, 0);
      if (status !== gl.TIMEOUT_EXPIRED) return; // signalled, or WAIT_FAILED (lost context)
      await nextTask();
    }
  } finally {
    gl.deleteSync(sync);
  }
}
