/**
 * The GPGPU programs of the WebGL fused kernels, except the per-cell step arithmetic
 * (webgl-cells.ts): the frame every step program shares, the preparation of the inputs, and
 * the gathers that assemble the steps into the kernels' block-major result.
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

/** GLSL helpers of a step program, each only where its sampler exists. */
function helpers(a: FusedAttrs, names: string[], prevPairs: number): string {
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
  if (has('rzRow'))
    lines.push('vec2 rzv(int q, int b, int k) { return rowOf(getRzRow(b * 2 + q, k), q); }');
  if (has('dhRow')) lines.push('vec2 dhv(int b, int k) { return getDhRow(b * 2, k).xy; }');
  return lines.join('\n');
}

/**
 * A step program: reads `names` (clamp masks dropped when not clamped), writes the pair layout
 * with `pairs` pairs for step tStep; `prevPairs` is the pair count of its prevRow input. The
 * cell code defines `vec4 pairValue(int b, int r, int p, int j)`: quantities 2p, 2p+1 of units
 * j, j+1 of batch row b (r = t·B + b, the time-major row), as (q0[j], q0[j+1], q1[j], q1[j+1]).
 */
export function stepProgram(
  a: FusedAttrs,
  names: string[],
  pairs: number,
  prevPairs: number,
  code: string,
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
      ${helpers(a, used, prevPairs)}
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
    userCode: `
      float at(int r, int c) {
        int gr = r / ${ro};
        int jr = r - gr * ${ro};
        int gc = c / ${co};
        int jc = c - gc * ${co};
        if (gr >= ${rg} || jr >= ${ri} || gc >= ${cg} || jc >= ${ci}) return 0.0;
        int R = gr * ${ri} + jr;
        int C = gc * ${ci} + jc;
        vec4 t = getX(R, C);
        vec2 row = imod(R, 2) == 0 ? t.xy : t.zw;
        return imod(C, 2) == 0 ? row.x : row.y;
      }
      void main() {
        ivec2 rc = getOutputCoords();
        setOutput(vec4(at(rc.x, rc.y), at(rc.x, rc.y + 1), at(rc.x + 1, rc.y), at(rc.x + 1, rc.y + 1)));
      }`,
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
 * Steps (pair layout, `pairs` pairs, B rows each) → one unpacked block-major chunk
 * [blocks·n·B, H] in the given order: row s·n·B + i·B + b is quantity s of step i, row b.
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
    packedOutput: false,
    userCode: `
      void main() {
        ivec2 rc = getOutputCoords();
        int s = rc.x / ${N};
        int i = (rc.x - s * ${N}) / ${a.B};
        int row = (rc.x - s * ${N} - i * ${a.B}) * ${2 * pairs} + s;
        int j = rc.y;
        vec4 t;
        ${cases.join('')}
        vec2 r2 = imod(row, 2) == 0 ? t.xy : t.zw;
        setOutput(imod(j, 2) == 0 ? r2.x : r2.y);
      }`,
  };
}

/**
 * Unpacked block-major chunks → one, in order: chunk i holds `rows[i]` rows per block, the
 * output [blocks·Σ rows, H] holds block s of every chunk in turn, then block s + 1, ...
 */
export function gatherChunksProgram(rows: number[], blocks: number, H: number): GPGPUProgram {
  const N = rows.reduce((x, y) => x + y, 0);
  let start = 0;
  const cases = rows.map((n, i) => {
    const read = `setOutput(getS${i}(s * ${n} + rr - ${start}, rc.y));`;
    start += n;
    return i === rows.length - 1 ? `{ ${read} }` : `if (rr < ${start}) { ${read} } else `;
  });
  return {
    variableNames: rows.map((_, i) => `S${i}`),
    outputShape: [blocks * N, H],
    packedInputs: false,
    packedOutput: false,
    userCode: `
      void main() {
        ivec2 rc = getOutputCoords();
        int s = rc.x / ${N};
        int rr = rc.x - s * ${N}; // row within the block, in time-major order
        ${cases.join('')}
      }`,
  };
}
