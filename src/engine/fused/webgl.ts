/**
 * The fused recurrence kernels (contract.ts) on the WebGL backend: per timestep one or two
 * shader programs (webgl-cells.ts says which), the step index passed as a uniform so each
 * program compiles once and is reused for all T steps. BLOCK_COLUMNS lives here too.
 *
 * A kernel call first brings its inputs into packed, even-H textures (webgl-programs.ts): an
 * input already in that form (a packed matrix with even H, such as the forward's own output or
 * a matMul's) is read as it is, anything else copied once. No step converts or slices anything.
 * Each step then writes its own small texture, which the next step reads as h_{t-1} (c_{t-1},
 * ∂L/∂h_{t+1}, ...). The steps are assembled as they go: every C steps (C ≤ textures a shader
 * may sample) one gather program copies the chunk's steps into a packed block-major chunk and
 * frees them; at the end gathers of up to C chunks repeat until one is left. So assembly copies
 * each value once per level (1 + log_C(T/C) levels), never O(T²) texels, and only about C
 * steps and T/C chunks are alive. The result is packed: on software WebGL a program costs
 * about the same per fragment whatever it does, and a packed fragment writes four values.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { GPGPUProgram, MathBackendWebGL } from '@tensorflow/tfjs-backend-webgl';
import {
  BLOCK_COLUMNS,
  FUSED_BACKWARD,
  FUSED_FORWARD,
  type FusedAttrs,
  fusedStats,
  gateBlocks,
  gradBlocks,
  stateBlocks,
} from './contract';
import { backwardPairs, forwardPairs, forwardPrograms } from './webgl-cells';
import { backwardPrograms } from './webgl-cells-backward';
import {
  type StepInput,
  blockColumnsProgram,
  evenH,
  gatherChunksProgram,
  gatherStepsProgram,
  prepareProgram,
  webglFusedTuning,
  zeroProgram,
} from './webgl-programs';

export { webglFusedTuning };

function chunkSize(): number {
  const limit = Math.min(16, tf.env().getNumber('WEBGL_MAX_TEXTURES_IN_SHADER'));
  const c = webglFusedTuning.chunk > 0 ? Math.min(webglFusedTuning.chunk, limit) : limit;
  return Math.max(2, c);
}

/** Runs a program (counted in fusedStats), with the step index as its uniform if given. */
function run(
  gl: MathBackendWebGL,
  prog: GPGPUProgram,
  inputs: tf.TensorInfo[],
  t?: number,
): tf.TensorInfo {
  fusedStats.programs++;
  return gl.runWebGLProgram(prog, inputs, 'float32', t === undefined ? undefined : [[t]]);
}

/** Gathers chunks C at a time, level by level, into one tensor; frees every chunk it copies. */
function assemble(gl: MathBackendWebGL, chunks: tf.TensorInfo[], blocks: number, a: FusedAttrs) {
  const C = chunkSize();
  let level = chunks;
  while (level.length > 1) {
    const next: tf.TensorInfo[] = [];
    for (let i = 0; i < level.length; i += C) {
      const group = level.slice(i, i + C);
      if (group.length === 1) {
        next.push(group[0]!);
        continue;
      }
      const rows = group.map((g) => g.shape[0]! / blocks);
      next.push(run(gl, gatherChunksProgram(rows, blocks, a.H), group));
      for (const g of group) gl.disposeIntermediateTensorInfo(g);
    }
    level = next;
  }
  return level[0]!;
}

/**
 * Runs `step` for t = 0 … T−1 (or T−1 … 0) and assembles its outputs (pair layout, `pairs`
 * pairs) into [blocks·T·B, H], time ascending within each block. `step` gets the previous
 * step's output (zeros first) and must free its own intermediates; the step outputs
 * themselves are freed here.
 */
function runSteps(
  gl: MathBackendWebGL,
  a: FusedAttrs,
  pairs: number,
  blocks: number,
  descending: boolean,
  step: (t: number, prev: tf.TensorInfo) => tf.TensorInfo,
): tf.TensorInfo {
  const { T } = a;
  const C = chunkSize();
  const zero = run(gl, zeroProgram(a, pairs), []);
  const chunks: tf.TensorInfo[] = [];
  let pending: tf.TensorInfo[] = [];
  let prev = zero;
  try {
    for (let i = 0; i < T; i++) {
      const t = descending ? T - 1 - i : i;
      const out = step(t, prev);
      // prev's last reader was this step unless its chunk has not been gathered yet
      if (prev !== zero && !pending.includes(prev)) gl.disposeIntermediateTensorInfo(prev);
      prev = out;
      pending.push(out);
      // Chunks are aligned to t / C, so chunks[k] holds steps kC … kC+C−1 either way.
      if (descending ? t % C === 0 : t % C === C - 1 || t === T - 1) {
        const steps = descending ? pending.reverse() : pending;
        const prog = gatherStepsProgram(a, steps.length, pairs, blocks);
        chunks[Math.floor(t / C)] = run(gl, prog, steps);
        for (const p of pending) if (p !== out) gl.disposeIntermediateTensorInfo(p);
        pending = [];
      }
    }
    return assemble(gl, chunks, blocks, a);
  } catch (e) {
    for (const p of [...pending, ...chunks.filter(Boolean)]) gl.disposeIntermediateTensorInfo(p);
    throw e;
  } finally {
    if (prev !== zero && !pending.includes(prev)) gl.disposeIntermediateTensorInfo(prev);
    gl.disposeIntermediateTensorInfo(zero);
  }
}

type Grouping = [number, number, number];

/**
 * Runs `body` with a reader for the kernel inputs: `input(name, rows, cols)` returns the input
 * in the kernels' packed even-H form (see prepareProgram): the input itself where it already
 * is in that form (never freed here), else a copy made once per call and freed after.
 */
function kernel(
  body: (
    gl: MathBackendWebGL,
    a: FusedAttrs,
    input: (name: string, rows: Grouping, cols: Grouping) => tf.TensorInfo,
  ) => tf.TensorInfo,
): tf.KernelFunc {
  return ({ inputs, backend, attrs }) => {
    const gl = backend as unknown as MathBackendWebGL;
    const owned: tf.TensorInfo[] = [];
    const input = (name: string, rows: Grouping, cols: Grouping) => {
      const x = (inputs as Record<string, tf.TensorInfo | undefined>)[name];
      if (!x) throw new Error(`${FUSED_FORWARD}/${FUSED_BACKWARD}: input ${name} is missing`);
      // Already in the kernels' form (even H, a packed matrix: e.g. the forward's state or a
      // matMul's output): read it as it is.
      const same = rows[1] === rows[2] && cols[1] === cols[2] && x.shape.length === 2;
      if (same && gl.texData.get(x.dataId)?.isPacked) return x;
      // a vector (bHh) is read as one row
      const x2 = x.shape.length === 1 ? { ...x, shape: [1, x.shape[0]!] } : x;
      const out = run(gl, prepareProgram(rows, cols), [x2]);
      owned.push(out);
      return out;
    };
    try {
      return body(gl, attrs as unknown as FusedAttrs, input);
    } finally {
      for (const o of owned) gl.disposeIntermediateTensorInfo(o);
    }
  };
}

/** Axis groupings of the inputs: [groups, size, padded size]. */
function groupings(a: FusedAttrs) {
  const { T, B, H } = a;
  const Hp = evenH(H);
  const G = gateBlocks(a.cell);
  return {
    timeRows: [1, T * B, T * B] as Grouping,
    gateCols: [G, H, Hp] as Grouping,
    gateRows: [G, H, Hp] as Grouping,
    units: [1, H, Hp] as Grouping,
    one: [1, 1, 1] as Grouping,
  };
}

/**
 * Runs a step's programs in turn, each given its inputs by name (webgl-programs.ts StepInput);
 * a program's `mid` is the output of the one before it, freed once the next has run.
 */
function runStep(
  gl: MathBackendWebGL,
  progs: GPGPUProgram[],
  named: Partial<Record<StepInput, tf.TensorInfo>>,
  t: number,
): tf.TensorInfo {
  let mid: tf.TensorInfo | undefined;
  try {
    for (const prog of progs) {
      const inputs = prog.variableNames.map((n) => {
        const x = n === 'mid' ? mid : named[n as StepInput];
        if (!x) throw new Error(`fused WebGL step: no input ${n}`);
        return x;
      });
      const out = run(gl, prog, inputs, t);
      if (mid) gl.disposeIntermediateTensorInfo(mid);
      mid = out;
    }
    const out = mid!;
    mid = undefined;
    return out;
  } finally {
    if (mid) gl.disposeIntermediateTensorInfo(mid);
  }
}

const forwardKernel = kernel((gl, a, input) => {
  const g = groupings(a);
  const named: Partial<Record<StepInput, tf.TensorInfo>> = {
    xProj: input('xProj', g.timeRows, g.gateCols),
    wHh: input('wHh', g.gateRows, g.units),
    bHh: input('bHh', g.one, g.gateCols),
  };
  if (a.clamped) {
    named.keep = input('keep', g.timeRows, g.gateCols);
    named.value = input('value', g.timeRows, g.gateCols);
  }
  const progs = forwardPrograms(a);
  return runSteps(gl, a, forwardPairs(a), stateBlocks(a.cell), false, (t, prev) =>
    runStep(gl, progs, { ...named, prevRow: prev }, t),
  );
});

const backwardKernel = kernel((gl, a, input) => {
  const g = groupings(a);
  const S = stateBlocks(a.cell);
  const named: Partial<Record<StepInput, tf.TensorInfo>> = {
    state: input('state', [1, S * a.T * a.B, S * a.T * a.B], g.units),
    dHout: input('dHout', g.timeRows, g.units),
    wHh: input('wHh', g.gateRows, g.units),
  };
  if (a.clamped) named.keep = input('keep', g.timeRows, g.gateCols);
  const progs = backwardPrograms(a);
  return runSteps(gl, a, backwardPairs(a), gradBlocks(a.cell), true, (t, prev) =>
    runStep(gl, progs, { ...named, prevRow: prev }, t),
  );
});

const blockColumnsKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const gl = backend as unknown as MathBackendWebGL;
  const x = (inputs as { x: tf.TensorInfo }).x;
  const a = attrs as unknown as { first: number; rows: number; n: number; shift: number };
  return run(gl, blockColumnsProgram(x.shape[1]!, a), [x]);
};

/** Registers the kernels for the 'webgl' backend (again: no-op). */
export function registerFusedWebgl(): void {
  if (tf.getKernel(FUSED_FORWARD, 'webgl')) return;
  tf.registerKernel({
    kernelName: BLOCK_COLUMNS,
    backendName: 'webgl',
    kernelFunc: blockColumnsKernel,
  });
  tf.registerKernel({ kernelName: FUSED_FORWARD, backendName: 'webgl', kernelFunc: forwardKernel });
  tf.registerKernel({
    kernelName: FUSED_BACKWARD,
    backendName: 'webgl',
    kernelFunc: backwardKernel,
  });
}
