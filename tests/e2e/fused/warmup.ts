/**
 * The WebGL warm-up (src/engine/webgl-warmup.ts) in real Chromium WebGL: after compileShaders,
 * the first trace of that size must compile nothing more, and it must equal the same trace on
 * the cpu backend (the warm-up leaves every program with its uniform locations: a program
 * without them would run and give wrong numbers silently). A program that fails to compile
 * must be dropped, so the real run reports the failure as usual. Nothing may leak.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import type { GateClamp } from '../../../src/engine/interventions';
import { type Trace, dispatchTrace, runTrace } from '../../../src/engine/trace';
import type { Model } from '../../../src/engine/types';
import { compileShaders } from '../../../src/engine/backend/webgl-warmup';
import { TEST_CLAMPS } from '../../../reference/batches';
import { mulberry32, randomSequence, randomSpec, randomWeights } from '../../../reference/random';
import { compare } from './pass';

export interface WarmUpCase {
  cell: string;
  clamped: boolean;
  /** programs the warm-up compiled, and compile-only passes it took */
  programs: number;
  passes: number;
  /** programs the first real run still had to compile (0 when the warm-up covered it) */
  compiledByFirstRun: number;
  /** worst scaled error of the warmed-up WebGL trace against cpu, and where */
  error: number;
  worstArray: string;
  /** tensors and backend data ids alive after the case minus before */
  leaked: number;
  /** ENGINE_COMPILE_ONLY left set afterwards */
  flagLeftOn: boolean;
}

export interface BrokenProgramCase {
  /** what compileShaders reported compiling (0: the broken program was dropped) */
  programs: number;
  /** the real run's error afterwards: TF.js's usual compile failure */
  realRunError: string;
  /** tensors and backend data ids left by the warm-up */
  leaked: number;
  flagLeftOn: boolean;
}

const cacheSize = () =>
  Object.keys((tf.backend() as unknown as { binaryCache: object }).binaryCache).length;
const alive = () =>
  tf.memory().numTensors + (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
const flagOn = () => tf.env().getBool('ENGINE_COMPILE_ONLY');

/** Every array of a trace by name (sizes and series included). */
function arrays(t: Trace): Record<string, Float32Array | Float64Array> {
  const out: Record<string, Float32Array | Float64Array> = { x: t.x, h: t.h, y: t.y };
  if (t.c) out.c = t.c;
  out.stepLoss = t.stepLoss;
  out.loss = Float32Array.of(t.loss);
  for (const [k, v] of Object.entries(t.gates)) out[`gate.${k}`] = v;
  out['grad.h'] = t.grad.h;
  out['grad.x'] = t.grad.x;
  if (t.grad.c) out['grad.c'] = t.grad.c;
  for (const [k, v] of Object.entries(t.grad.pre)) out[`grad.pre.${k}`] = v;
  for (const [k, v] of Object.entries(t.grad.weights)) out[`grad.w.${k}`] = v as Float32Array;
  for (const [k, v] of Object.entries(t.series)) if (v) out[`series.${k}`] = v;
  return out;
}

/** Sizes no other check on this page uses, so their programs are new to the warm-up. */
const CASES: { spec: Parameters<typeof randomSpec>[2] & { cell: Model['spec']['cell'] } }[] = [
  { spec: { cell: 'lstm' } },
  { spec: { cell: 'gru', gruVariant: 'reset-before' } },
  { spec: { cell: 'elman' } },
];

export async function warmUpCases(): Promise<WarmUpCase[]> {
  const out: WarmUpCase[] = [];
  for (const [k, { spec: s }] of CASES.entries()) {
    const { cell, ...extra } = s;
    const clampSets: GateClamp[][] = cell === 'elman' ? [[]] : [[], TEST_CLAMPS[cell]];
    for (const clamps of clampSets) {
      const spec = randomSpec(cell, { inputSize: 3, hiddenSize: 6 + k, outputSize: 2 }, extra);
      const model = { spec, weights: randomWeights(spec, mulberry32(5 + k), 0.7) };
      const seq = randomSequence(spec, 13 + 2 * k, 'mse', mulberry32(9 + k));
      await tf.setBackend('cpu');
      const ref = arrays(await runTrace(model, seq, { clamps }));
      await tf.setBackend('webgl');
      const before = alive();
      const warm = await compileShaders(() => dispatchTrace(model, seq, { clamps }));
      const cached = cacheSize();
      const got = arrays(await runTrace(model, seq, { clamps }));
      let error = 0;
      let worstArray = '';
      for (const name of new Set([...Object.keys(ref), ...Object.keys(got)])) {
        const [a, b] = [got[name], ref[name]];
        const e = a && b ? compare(Float32Array.from(a), Float32Array.from(b)).error : Infinity;
        if (e >= error && e > 0) [error, worstArray] = [e, name];
      }
      out.push({
        cell: cell === 'gru' ? 'gru-before' : cell,
        clamped: clamps.length > 0,
        programs: warm?.programs ?? -1,
        passes: warm?.passes ?? -1,
        compiledByFirstRun: cacheSize() - cached,
        error,
        worstArray,
        leaked: alive() - before,
        flagLeftOn: flagOn(),
      });
    }
  }
  return out;
}

/** A program with a GLSL error, run through the warm-up and then for real. */
export async function brokenProgramCase(): Promise<BrokenProgramCase> {
  const gl = tf.backend() as MathBackendWebGL;
  const program: GPGPUProgram = {
    variableNames: ['x'],
    outputShape: [3, 5],
    userCode: 'void main() { setOutput(notDeclaredAnywhere); }',
  };
  const broken = () =>
    tf.tidy(() => {
      const x = tf.fill([3, 5], 2);
      const info = gl.runWebGLProgram(program, [x], 'float32');
      return tf.engine().makeTensorFromTensorInfo(info);
    });
  const before = alive();
  const warm = await compileShaders(broken);
  const leaked = alive() - before;
  const flagLeftOn = flagOn();
  let realRunError = '';
  try {
    // TF.js logs the failing shader's source with console.log: expected here
    broken().dispose();
  } catch (e) {
    realRunError = e instanceof Error ? e.message : String(e);
  }
  return { programs: warm?.programs ?? -1, realRunError, leaked, flagLeftOn };
}
