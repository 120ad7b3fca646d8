/**
 * A trace as one compact binary file, so the page can draw a shipped, precomputed trace before
 * TF.js has loaded (public/precomputed/, written by scripts/precompute-trace.ts).
 *
 * Layout: "GSTR", a uint32 header length, the header as UTF-8 JSON (what the trace was computed
 * from, its sizes and scalars, and a table of arrays), zero padding to 8 bytes, then every
 * array's raw bytes, each padded to 8. Arrays are stored in the platform's byte order, which
 * is little-endian on every browser and Node platform we target; the magic word is checked.
 *
 * The reader uses every part of the file or refuses it: only Gatescope writes these files, so a
 * field or array it does not expect (or one it lacks) means the file is not what was written.
 *
 * TF.js-free: the page shell imports it.
 */
import { CELLS } from './cellKinds';
import { blockNames, normalizeSpec, weightSizes } from './spec';
import type { Trace } from './trace';
import type { ModelSpec } from './types';
import { type UnusedPart, describeParts, unknownFields } from './unused';

const MAGIC = 'GSTR';
export const TRACE_FILE_FORMAT = 'gatescope.trace/1';

type Kind = 'f32' | 'f64' | 'u8';
type Arr = Float32Array | Float64Array | Uint8Array;

const HEADER_FIELDS = ['format', 'about', 'spec', 'T', 'I', 'H', 'O', 'loss', 'lossStep', 'arrays'];
const SPEC_FIELDS = ['cell', 'inputSize', 'hiddenSize', 'outputSize', 'gruVariant', 'activation'];

interface Header<About> {
  format: typeof TRACE_FILE_FORMAT;
  /** what the trace was computed from (the app stores its config and the weights' fingerprint) */
  about: About;
  spec: Required<ModelSpec>;
  T: number;
  I: number;
  H: number;
  O: number;
  loss: number;
  lossStep: number;
  /** [path, kind, length] in file order */
  arrays: [string, Kind, number][];
}

function kindOf(a: Arr): Kind {
  return a instanceof Float64Array ? 'f64' : a instanceof Uint8Array ? 'u8' : 'f32';
}

/** Every array of a trace under a dotted path, in the trace's own key order. */
function traceArrays(tr: Trace): [string, Arr][] {
  const out: [string, Arr][] = [];
  const put = (path: string, a: Arr | undefined) => {
    if (a) out.push([path, a]);
  };
  const putAll = (prefix: string, rec: object) => {
    for (const [k, v] of Object.entries(rec)) put(`${prefix}.${k}`, v as Arr | undefined);
  };
  put('x', tr.x);
  put('h', tr.h);
  put('c', tr.c);
  putAll('gates', tr.gates);
  put('y', tr.y);
  put('stepLoss', tr.stepLoss);
  put('mask', tr.mask);
  put('grad.h', tr.grad.h);
  put('grad.c', tr.grad.c);
  put('grad.x', tr.grad.x);
  putAll('grad.pre', tr.grad.pre);
  putAll('grad.weights', tr.grad.weights);
  putAll('series', tr.series);
  return out;
}

const pad8 = (n: number) => (n + 7) & ~7;

export function encodeTraceFile<About>(tr: Trace, about: About): Uint8Array {
  const arrays = traceArrays(tr);
  const header: Header<About> = {
    format: TRACE_FILE_FORMAT,
    about,
    spec: tr.spec,
    T: tr.T,
    I: tr.I,
    H: tr.H,
    O: tr.O,
    loss: tr.loss,
    lossStep: tr.lossStep,
    arrays: arrays.map(([p, a]) => [p, kindOf(a), a.length]),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  let size = pad8(8 + json.length);
  for (const [, a] of arrays) size += pad8(a.byteLength);
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(4, json.length, true);
  bytes.set(json, 8);
  let at = pad8(8 + json.length);
  for (const [, a] of arrays) {
    bytes.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
    at += pad8(a.byteLength);
  }
  return bytes;
}

export class TraceFileError extends Error {
  override name = 'TraceFileError';
}

const CTORS = { f32: Float32Array, f64: Float64Array, u8: Uint8Array } as const;

/** Every array a trace of this spec and size holds: path → [kind, length]. */
function expectedArrays(h: Header<unknown>): Map<string, [Kind, number]> {
  const { spec, T, I, H, O } = h;
  const lstm = spec.cell === 'lstm';
  const out = new Map<string, [Kind, number]>();
  const f32 = (path: string, n: number) => out.set(path, ['f32', n]);
  f32('x', T * I);
  f32('h', T * H);
  if (lstm) f32('c', T * H);
  for (const g of CELLS[spec.cell].gates) f32(`gates.${g}`, T * H);
  f32('y', T * O);
  f32('stepLoss', T);
  out.set('mask', ['u8', T]);
  f32('grad.h', T * H);
  if (lstm) f32('grad.c', T * H);
  f32('grad.x', T * I);
  for (const b of blockNames(spec.cell)) f32(`grad.pre.${b}`, T * H);
  for (const [k, shape] of Object.entries(weightSizes(spec)))
    f32(
      `grad.weights.${k}`,
      shape.reduce((a: number, b: number) => a * b, 1),
    );
  const series = ['gradHNorm', ...(lstm ? ['gradCNorm'] : []), 'gradXNorm', 'memoryPath'];
  for (const k of [...series, 'whhStepNorm']) out.set(`series.${k}`, ['f64', T]);
  return out;
}

/**
 * Refuses a header with a field or array the reader would not use, or without one it needs,
 * naming each; the sizes must agree with the spec and every array have its kind and length.
 */
function checkParts(h: Header<unknown>) {
  const extra: UnusedPart[] = [];
  const need = (obj: object, known: string[], where: string) => {
    const { skipped, refused } = unknownFields(obj, known);
    extra.push(...[...skipped, ...refused].map((p) => ({ ...p, name: `${where}${p.name}` })));
    const missing = known.filter((k) => !Object.hasOwn(obj, k));
    if (missing.length > 0)
      throw new TraceFileError(
        `trace file header lacks ${missing.map((k) => where + k).join(', ')}`,
      );
  };
  need(h, HEADER_FIELDS, '');
  if (typeof h.spec !== 'object' || h.spec === null)
    throw new TraceFileError('trace file header has no spec');
  need(h.spec, SPEC_FIELDS, 'spec.');
  let spec: Required<ModelSpec>;
  try {
    spec = normalizeSpec(h.spec);
  } catch (e) {
    throw new TraceFileError(`trace file spec: ${(e as Error).message}`);
  }
  const sizes = { I: spec.inputSize, H: spec.hiddenSize, O: spec.outputSize };
  for (const [k, v] of Object.entries(sizes))
    if (h[k as keyof typeof sizes] !== v)
      throw new TraceFileError(`trace file ${k} is ${String(h[k as 'I'])}, its spec says ${v}`);
  if (!Number.isInteger(h.T) || h.T < 1) throw new TraceFileError('trace file T is not a length');
  if (!Array.isArray(h.arrays)) throw new TraceFileError('trace file header lists no arrays');
  const expected = expectedArrays(h);
  for (const entry of h.arrays as unknown[]) {
    const [path, kind, n] = Array.isArray(entry) ? (entry as unknown[]) : [];
    const want = expected.get(String(path));
    if (!want) extra.push({ kind: 'array', name: String(path) });
    else if (want[0] !== kind || want[1] !== n)
      throw new TraceFileError(
        `trace file array ${String(path)} is ${String(kind)}[${String(n)}], expected ${want[0]}[${want[1]}]`,
      );
    expected.delete(String(path));
  }
  if (extra.length > 0)
    throw new TraceFileError(`trace file has parts it does not use: ${describeParts(extra)}`);
  if (expected.size > 0)
    throw new TraceFileError(`trace file lacks ${[...expected.keys()].join(', ')}`);
}

/** Reads a file written by {@link encodeTraceFile}; throws TraceFileError saying what is wrong. */
export function decodeTraceFile<About>(buffer: ArrayBuffer): { trace: Trace; about: About } {
  if (buffer.byteLength < 8 || new TextDecoder().decode(buffer.slice(0, 4)) !== MAGIC)
    throw new TraceFileError('not a Gatescope trace file');
  const length = new DataView(buffer).getUint32(4, true);
  if (8 + length > buffer.byteLength) throw new TraceFileError('trace file is truncated');
  let header: Header<About>;
  try {
    header = JSON.parse(
      new TextDecoder().decode(new Uint8Array(buffer, 8, length)),
    ) as Header<About>;
  } catch {
    throw new TraceFileError('trace file header is not valid JSON');
  }
  if (header?.format !== TRACE_FILE_FORMAT)
    throw new TraceFileError(
      `trace file format ${String(header?.format)} is not ${TRACE_FILE_FORMAT}`,
    );
  checkParts(header);
  const parts: Record<string, Arr> = {};
  let at = pad8(8 + length);
  for (const [path, kind, n] of header.arrays) {
    const Ctor = CTORS[kind];
    if (!Ctor || at + n * Ctor.BYTES_PER_ELEMENT > buffer.byteLength)
      throw new TraceFileError(`trace file array ${path} is missing or malformed`);
    parts[path] = new Ctor(buffer, at, n);
    at += pad8(n * Ctor.BYTES_PER_ELEMENT);
  }
  const group = (prefix: string) =>
    Object.fromEntries(
      Object.entries(parts)
        .filter(([p]) => p.startsWith(prefix))
        .map(([p, a]) => [p.slice(prefix.length), a]),
    );
  const need = <A extends Arr>(path: string) => {
    const a = parts[path];
    if (!a) throw new TraceFileError(`trace file lacks ${path}`);
    return a as A;
  };
  const f32 = (path: string) => parts[path] as Float32Array | undefined;
  const series = group('series.') as Record<string, Float64Array>;
  const trace: Trace = {
    spec: header.spec,
    T: header.T,
    I: header.I,
    H: header.H,
    O: header.O,
    x: need('x'),
    h: need('h'),
    c: f32('c'),
    gates: group('gates.') as Record<string, Float32Array>,
    y: need('y'),
    stepLoss: need('stepLoss'),
    mask: need('mask'),
    loss: header.loss,
    lossStep: header.lossStep,
    grad: {
      h: need('grad.h'),
      c: f32('grad.c'),
      x: need('grad.x'),
      pre: group('grad.pre.') as Record<string, Float32Array>,
      weights: group('grad.weights.') as unknown as Trace['grad']['weights'],
    },
    series: {
      gradHNorm: need('series.gradHNorm'),
      gradCNorm: series.gradCNorm,
      gradXNorm: need('series.gradXNorm'),
      memoryPath: need('series.memoryPath'),
      whhStepNorm: need('series.whhStepNorm'),
    },
  };
  return { trace, about: header.about };
}
