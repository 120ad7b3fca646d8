/**
 * The GPGPU programs of the WebGL fused kernels, except the per-cell step arithmetic
 * (webgl-cells.ts): the frame every step program shares, the preparation of the inputs, the
 * gathers that assemble the steps into the kernels' block-major result, and BLOCK_COLUMNS.
 *
 * Inside the kernels everything is a packed (RGBA) texture: one texel holds a 2×2 block of a
 * matrix, so a step fragment computes two quantities of two neighbouring units at once and
 * every weight fetch feeds four multiply-adds. SwiftShader (and any GPU) pays per fetch, and
 * the unpacked alternative needs two fetches per multiply-add. For the pairs to line up, H is
 * padded to an even Hp inside the kernels (zero weights, inputs and biases, so a padded unit
 * stays inert: its h is 0 and nothing reads it with a nonzero weight).
 *
 * A step's output ("pair layout") is a packed [B·2P, Hp] matrix: row b·2P + q holds quantity q
 * (h, c, a gate, a gradient ...) of batch row b, so texel (b·P + p, u) is quantities 2p, 2p+1
 * of units 2u, 2u+1 — exactly what one fragment computes.
 */
import type { GPGPUProgram } from '@tensorflow/tfjs-backend-webgl';
import type { FusedAttrs } from './contract';

export const evenH = (H: number): number => H + (H % 2);

/**
 * Test and bench hooks: `chunk` below the shader texture limit exercises multi-level assembly;
 * `split` forces the one- or two-program form of a step (webgl-cells.ts splitSteps).
 */
export const webglFusedTuning: { chunk: number; split?: boolean } = { chunk: 0 };

/** GLSL helpers of a step program, each only where its sampler exists. */
function helpers(a: FusedAttrs, names: string[], prevPairs: number, midPairs: number): string {
  const has = (n: string) => names.includes(n);
  const lines = [
    // a packed texel holds rows r (xy) and r+1 (zw) of two neighbouring columns
    'vec2 rowOf(vec4 t, int r) { return imod(r, 2) == 0 ? t.xy : t.zw; }',
    'vec2 sigm(vec2 x) { return 1.0 / (1.0 + exp(-x)); }',
    // GLSL ES 1.0 has no tanh; exp of a non-positive argument cannot overflow.
    'vec2 tanhF(vec2 x) { vec2 e = exp(-2.0 * abs(x)); return sign(x) * (1.0 - e) / (1.0 + e); }',
    has('keep')
      ? 'vec2 kp(int r, int c) { return rowOf(getKeep(r, c), r); }'
      : 'vec2 kp(int r, int c) { return vec2(1.0); }',
    // the what-if clamp: gate·keep + value
    has('value')
      ? 'vec2 clampG(vec2 v, int r, int c) { return v * kp(r, c) + rowOf(getValue(r, c), r); }'
      : 'vec2 clampG(vec2 v, int r, int c) { return v; }',
  ];
  if (has('xProj')) lines.push('vec2 xp(int r, int c) { return rowOf(getXProj(r, c), r); }');
  if (has('bHh')) lines.push('vec2 bh(int c) { return getBHh(0, c).xy; }');
  if (has('dHout')) lines.push('vec2 dho(int r, int j) { return rowOf(getDHout(r, j), r); }');
  if (has('state')) {
    // block-major [S·T·B, Hp]: block s of time-major row r
    lines.push(
      `vec2 st(int s, int r, int j) { int R = s * ${a.T * a.B} + r; return rowOf(getState(R, j), R); }`,
    );
  }
  if (has('prevRow')) {
    lines.push(
      `vec2 pv(int q, int b, int k) { return rowOf(getPrevRow(b * ${2 * prevPairs} + q, k), q); }`,
    );
  }
  if (has('mid')) {
    // the output of the step's previous program, pair layout with midPairs pairs
    lines.push(
      `vec2 md(int q, int b, int k) { return rowOf(getMid(b * ${2 * midPairs} + q, k), q); }`,
      `vec4 midPair(int b, int p, int j) { return getMid(b * ${2 * midPairs} + 2 * p, j); }`,
    );
  }
  return lines.join('\n');
}

/**
 * The inputs a step program may read, by name: the kernel's inputs (in their packed, even-H
 * form), `prevRow` (the previous step's output: step t−1 forward, t+1 backward) and `mid` (the
 * output of the same step's previous program, where a step takes two).
 */
export type StepInput =
  'xProj' | 'wHh' | 'bHh' | 'keep' | 'value' | 'state' | 'dHout' | 'prevRow' | 'mid';

/**
 * A step program: reads `names` (clamp masks dropped when not clamped), writes the pair layout
 * with `pairs` pairs for step tStep; `prevPairs` and `midPairs` are the pair counts of its
 * prevRow and mid inputs. The cell code defines `vec4 pairValue(int b, int r, int p, int j)`:
 * quantities 2p, 2p+1 of units j, j+1 of batch row b (r = t·B + b, the time-major row), as
 * (q0[j], q0[j+1], q1[j], q1[j+1]).
 */
export function stepProgram(
  a: FusedAttrs,
  names: StepInput[],
  pairs: number,
  prevPairs: number,
  code: string,
  midPairs = 1,
): GPGPUProgram {
  const used = names.filter((n) => a.clamped || (n !== 'keep' && n !== 'value'));
  return {
    variableNames: used,
    outputShape: [a.B * 2 * pairs, evenH(a.H)],
    packedInputs: true,
    packedOutput: true,
    customUniforms: [{ name: 'tStep', type: 'int' }],
    userCode: `
      const int nB = ${a.B};
      const int nT = ${a.T};
      const int nHp = ${evenH(a.H)};
      ${helpers(a, used, prevPairs, midPairs)}
      ${code}
      void main() {
        ivec2 rc = getOutputCoords(); // top-left element of this texel
        int b = rc.x / ${2 * pairs};
        int p = (rc.x - b * ${2 * pairs}) / 2;
        setOutput(pairValue(b, tStep * nB + b, p, rc.y));
      }`,
  };
}

/**
 * A packed copy's shader: `index` maps output element (r, c) to input element (R, C), or
 * returns 0.0 where the output is zero; each fragment fills its texel with four such reads.
 */
const elementCopy = (index: string) => `
      float at(int r, int c) {
        ${index}
        vec4 t = getX(R, C);
        vec2 row = imod(R, 2) == 0 ? t.xy : t.zw;
        return imod(C, 2) == 0 ? row.x : row.y;
      }
      void main() {
        ivec2 rc = getOutputCoords();
        setOutput(vec4(at(rc.x, rc.y), at(rc.x, rc.y + 1), at(rc.x + 1, rc.y), at(rc.x + 1, rc.y + 1)));
      }`;

/**
 * Copies an input into the kernels' packed, even-H form: `rows` and `cols` say how each axis
 * is grouped ([groups, size in, size out]); within a group, entries past the input size are 0.
 * E.g. W_hh [G·H, H] → [G·Hp, Hp], xProj [T·B, G·H] → [T·B, G·Hp].
 */
export function prepareProgram(
  rows: [number, number, number],
  cols: [number, number, number],
): GPGPUProgram {
  const [rg, ri, ro] = rows;
  const [cg, ci, co] = cols;
  return {
    variableNames: ['x'],
    outputShape: [rg * ro, cg * co],
    packedInputs: true,
    packedOutput: true,
    userCode: elementCopy(`
        int gr = r / ${ro};
        int jr = r - gr * ${ro};
        int gc = c / ${co};
        int jc = c - gc * ${co};
        if (gr >= ${rg} || jr >= ${ri} || gc >= ${cg} || jc >= ${ci}) return 0.0;
        int R = gr * ${ri} + jr;
        int C = gc * ${ci} + jc;`),
  };
}

/** Zeros in the pair layout: the "previous step" of the first step. */
export function zeroProgram(a: FusedAttrs, pairs: number): GPGPUProgram {
  return {
    variableNames: [],
    outputShape: [a.B * 2 * pairs, evenH(a.H)],
    packedInputs: true,
    packedOutput: true,
    userCode: 'void main() { setOutput(vec4(0.0)); }',
  };
}

/**
 * A gather's main(): the texel of rows R, R+1 from at(row, j) (units j, j+1), with zeros in the
 * texture's padding (a row past `rows`, the column past an odd H), which would otherwise hold
 * the padded unit's values (a gate of 0.5), and TF.js's packed matMul reads padding.
 */
const zeroPadding = (rows: number, H: number) => `
      void main() {
        ivec2 rc = getOutputCoords();
        bool pastH = rc.y + 1 >= ${H};
        vec2 a = at(rc.x, rc.y);
        vec2 b = rc.x + 1 < ${rows} ? at(rc.x + 1, rc.y) : vec2(0.0);
        setOutput(pastH ? vec4(a.x, 0.0, b.x, 0.0) : vec4(a, b));
      }`;

/**
 * Steps (pair layout, `pairs` pairs, B rows each) → one block-major chunk [blocks·n·B, H] in the
 * given order: row s·n·B + i·B + b is quantity s of step i, row b. Packed, like everything the
 * gathers write: a fragment fills a 2×2 texel with two lookups, a quarter of the fragments of
 * an unpacked copy, and the result is what TF.js's packed ops and the backward kernel read.
 */
export function gatherStepsProgram(
  a: FusedAttrs,
  n: number,
  pairs: number,
  blocks: number,
): GPGPUProgram {
  const N = n * a.B;
  const cases = Array.from({ length: n }, (_, i) =>
    i === n - 1 ? `t = getS${i}(row, j);` : `if (i == ${i}) t = getS${i}(row, j); else `,
  );
  return {
    variableNames: cases.map((_, i) => `S${i}`),
    outputShape: [blocks * N, a.H],
    packedInputs: true,
    packedOutput: true,
    userCode: `
      // units j, j+1 of output row R
      vec2 at(int R, int j) {
        int s = R / ${N};
        int i = (R - s * ${N}) / ${a.B};
        int row = (R - s * ${N} - i * ${a.B}) * ${2 * pairs} + s;
        vec4 t;
        ${cases.join('')}
        return imod(row, 2) == 0 ? t.xy : t.zw;
      }
      ${zeroPadding(blocks * N, a.H)}`,
  };
}

/**
 * Block-major chunks → one, in order (packed in and out): chunk i holds `rows[i]` rows per
 * block, the output [blocks·Σ rows, H] holds block s of every chunk in turn, then block s + 1.
 */
export function gatherChunksProgram(rows: number[], blocks: number, H: number): GPGPUProgram {
  const N = rows.reduce((x, y) => x + y, 0);
  let start = 0;
  const cases = rows.map((n, i) => {
    const read = `row = s * ${n} + rr - ${start}; t = getS${i}(row, j);`;
    start += n;
    return i === rows.length - 1 ? `{ ${read} }` : `if (rr < ${start}) { ${read} } else `;
  });
  return {
    variableNames: rows.map((_, i) => `S${i}`),
    outputShape: [blocks * N, H],
    packedInputs: true,
    packedOutput: true,
    userCode: `
      vec2 at(int R, int j) {
        int s = R / ${N};
        int rr = R - s * ${N}; // row within the block, in time-major order
        int row;
        vec4 t;
        ${cases.join('')}
        return imod(row, 2) == 0 ? t.xy : t.zw;
      }
      ${zeroPadding(blocks * N, H)}`,
  };
}

/** The BLOCK_COLUMNS kernel (contract.ts) for x [·, W]: packed in and out. */
export function blockColumnsProgram(
  W: number,
  a: { first: number; rows: number; n: number; shift: number },
): GPGPUProgram {
  return {
    variableNames: ['x'],
    outputShape: [a.rows, a.n * W],
    packedInputs: true,
    packedOutput: true,
    userCode: elementCopy(`
        if (r < ${a.shift} || r >= ${a.rows} || c >= ${a.n * W}) return 0.0;
        int g = c / ${W};
        int C = c - g * ${W};
        int R = ${a.first} + g * ${a.rows} + r - ${a.shift};`),
  };
}
