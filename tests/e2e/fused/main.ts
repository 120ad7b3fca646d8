/**
 * Test page for the WebGL fused kernels (not part of the app build): tests/e2e/fused.spec.ts
 * builds it with Vite, opens it in Chromium and calls `window.gatescopeFused.run()`, which
 * checks the kernels against the cpu loops and whole passes against the op-by-op path on the
 * WebGL backend, counts leaked tensors, times two LSTM sizes and checks the shader warm-up.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { initBackend } from '../../../src/engine/backend/activate';
import { registerFusedWebgl } from '../../../src/engine/fused/webgl';
import { type KernelCase, type Timing, kernelCases, timeLstm } from './kernels';
import { type PassCase, passCases, timePass } from './pass';
import { type BrokenProgramCase, type WarmUpCase, brokenProgramCase, warmUpCases } from './warmup';

export interface FusedReport {
  backend: string;
  webglVersion?: number;
  renderer?: string;
  kernels: KernelCase[];
  passes: PassCase[];
  timings: Timing[];
  /** whole forwardBackward passes of an LSTM, median ms, fused vs op path */
  passTimings: { T: number; H: number; fusedMs: number; opsMs: number }[];
  /** tensors and backend data ids alive after everything minus before */
  leakedTensors: number;
  leakedDataIds: number;
  /** the same, across a kernel call that throws (a missing input) */
  leakedOnError: number;
  /** the shader warm-up: warmed-up traces against cpu, and a program that fails to compile */
  warmUps: WarmUpCase[];
  broken: BrokenProgramCase;
}

export interface RunOptions {
  /** also time two LSTM sizes (slow on SwiftShader) */
  timings: boolean;
  /** make TF.js create a WebGL 1 context */
  webgl1?: boolean;
}

export interface FusedPageApi {
  run(opts: RunOptions): Promise<FusedReport>;
}

declare global {
  interface Window {
    gatescopeFused?: FusedPageApi;
  }
}

// deep TF.js call chains: keep enough frames to see which check threw
Error.stackTraceLimit = 60;

const dataIds = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();

async function run(opts: RunOptions): Promise<FusedReport> {
  // before the backend exists: TF.js picks the context version when it creates the backend
  if (opts.webgl1) tf.env().set('WEBGL_VERSION', 1);
  const info = await initBackend({ preferred: 'webgl' });
  if (info.name !== 'webgl') throw new Error(`WebGL unavailable: ${info.fallbackReason}`);
  registerFusedWebgl();
  registerFusedWebgl(); // idempotent
  const tensors0 = tf.memory().numTensors;
  const ids0 = dataIds();
  const kernels = kernelCases(!opts.webgl1); // WebGL 1 only differs in shader dialect
  const passes = passCases();
  const sizes = opts.timings ? [100, 500].map((T) => [T, T === 100 ? 32 : 128] as const) : [];
  const timings: Timing[] = [];
  const passTimings: FusedReport['passTimings'] = [];
  for (const [T, H] of sizes) {
    timings.push(await timeLstm(T, H));
    passTimings.push({
      T,
      H,
      fusedMs: await timePass(T, H, 'fused'),
      opsMs: await timePass(T, H, 'ops'),
    });
  }
  const leakedTensors = tf.memory().numTensors - tensors0;
  const leakedDataIds = dataIds() - ids0;

  const ids1 = dataIds();
  try {
    tf.engine().runKernel('GatescopeRnnForward', {}, { cell: 'lstm', T: 2, B: 1, H: 2 });
  } catch {
    // expected: no inputs
  }
  const leakedOnError = dataIds() - ids1;
  // last: the broken program's real run leaves TF.js's output behind (not counted above)
  const warmUps = await warmUpCases();
  const broken = await brokenProgramCase();
  return {
    warmUps,
    broken,
    backend: tf.getBackend(),
    webglVersion: info.webglVersion,
    renderer: info.renderer,
    kernels,
    passes,
    timings,
    passTimings,
    leakedTensors,
    leakedDataIds,
    leakedOnError,
  };
}

window.gatescopeFused = { run };
