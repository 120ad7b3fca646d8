/** Array plumbing for weight files: nesting, transposes and gate-block reordering. */
import { EngineInputError } from '../spec';

export type Layout = 'pytorch' | 'keras';
export type Nested = number | Nested[];

/** Gate-block permutations between the internal order and another framework's. */
export interface BlockOrder {
  /** toInternal[g] = index in the file of internal block g */
  toInternal: readonly number[];
  /** fromInternal[g] = internal index of file block g */
  fromInternal: readonly number[];
}
export const keepOrder: BlockOrder = { toInternal: [0, 1, 2, 3], fromInternal: [0, 1, 2, 3] };
/** Keras GRU z,r,h ↔ internal r,z,n: swap the first two blocks. */
export const kerasGruOrder: BlockOrder = { toInternal: [1, 0, 2], fromInternal: [1, 0, 2] };

/** Reorders G contiguous blocks of `block` values: out block g = in block order[g]. */
export function permuteBlocks(
  a: Float32Array,
  G: number,
  block: number,
  order: readonly number[],
): Float32Array {
  const out = new Float32Array(G * block);
  for (let g = 0; g < G; g++)
    out.set(a.subarray(order[g]! * block, (order[g]! + 1) * block), g * block);
  return out;
}

/** Row-major [rows, cols] → [cols, rows]. */
export function transpose(a: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++)
    for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}

/** Flat row-major values → nested arrays of the given shape. */
export function nest(a: Float32Array, shape: readonly number[]): Nested {
  if (shape.length === 1) return Array.from(a);
  const inner = shape.slice(1).reduce((x, y) => x * y, 1);
  return Array.from({ length: shape[0]! }, (_, i) =>
    nest(a.subarray(i * inner, (i + 1) * inner), shape.slice(1)),
  );
}

/**
 * Nested arrays → flat Float32Array, checking the exact shape and that every entry is a finite
 * number that survives the cast to float32 (a value above ~3.4e38 would become Infinity).
 */
export function flatten(value: unknown, shape: readonly number[], name: string): Float32Array {
  const out = new Float32Array(shape.reduce((x, y) => x * y, 1));
  let at = 0;
  const want = `[${shape.join(', ')}]`;
  const walk = (v: unknown, depth: number, path: string) => {
    if (depth === shape.length) {
      if (typeof v !== 'number' || !Number.isFinite(v) || !Number.isFinite(Math.fround(v))) {
        throw new EngineInputError(
          `tensor "${name}"${path} must be a finite float32 number (got ${JSON.stringify(v) ?? String(v)})`,
        );
      }
      out[at++] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== shape[depth]) {
      const got = Array.isArray(v) ? `length ${v.length}` : typeof v;
      throw new EngineInputError(
        `tensor "${name}" must have shape ${want}; at ${path || 'the top level'} expected length ${shape[depth]}, got ${got}`,
      );
    }
    v.forEach((x, i) => walk(x, depth + 1, `${path}[${i}]`));
  };
  walk(value, 0, '');
  return out;
}
