/**
 * Nothing silently ignored, fuzzed (issue 22), for the shipped trace file and the custom text:
 * seeded edits that add, rename and drop header fields and arrays, or items and characters.
 * Each result is the same numbers with every added part listed, or a refusal naming a part that
 * changed (./unused.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCustom } from '../../../src/engine/tasks/custom';
import { decodeTraceFile } from '../../../src/engine/trace-file';
import { type Rand, randomString, report, rng } from './gen';
import { type Counts, type Edit, expectNamed, misspell } from './unused';

// The trace file's header as the fuzz edits it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
type Arrays = Map<string, Uint8Array>;

const pad8 = (n: number) => (n + 7) & ~7;

/** Splits a trace file into its header and each array's bytes (the layout of trace-file.ts). */
function split(bytes: Uint8Array): { header: Json; arrays: Arrays } {
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(4, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(8, 8 + length))) as Json;
  const arrays: Arrays = new Map();
  const size = { f32: 4, f64: 8, u8: 1 } as Record<string, number>;
  let at = pad8(8 + length);
  for (const [path, kind, n] of header.arrays as [string, string, number][]) {
    arrays.set(path, bytes.slice(at, at + n * size[kind]!));
    at += pad8(n * size[kind]!);
  }
  return { header, arrays };
}

/** Writes a header and arrays back in that layout, arrays in the order the header lists them. */
function join(header: Json, arrays: Arrays): ArrayBuffer {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const parts = (header.arrays as [string][]).map(([path]) => arrays.get(path) ?? new Uint8Array());
  const out = new Uint8Array(pad8(8 + json.length) + parts.reduce((n, p) => n + pad8(p.length), 0));
  out.set(new TextEncoder().encode('GSTR'));
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  let at = pad8(8 + json.length);
  for (const p of parts) {
    out.set(p, at);
    at += pad8(p.length);
  }
  return out.buffer;
}

const OWN_FIELDS = ['format', 'about', 'T', 'I', 'H', 'O', 'loss', 'lossStep'];
const OWN_SPEC = ['cell', 'inputSize', 'hiddenSize', 'outputSize', 'gruVariant', 'activation'];

/**
 * One edit of the header (a field, a spec field) or of its arrays, applied in place; renames and
 * drops touch the file's own parts only (`own`: its array paths).
 */
function editTrace(r: Rand, h: Json, arrays: Arrays, own: readonly string[]): Edit {
  const where = r.pick(['', 'spec.', 'array']);
  const obj = where === 'spec.' ? h.spec : h;
  const op = r.int(0, 2);
  if (where === 'array') {
    const list = h.arrays as [string, string, number][];
    if (op === 0) {
      const path = r.pick(['series.bogus', 'gates.peephole', 'grad.weights.wHr', 'h0', 'c0']);
      if (arrays.has(path)) return { touched: [] };
      list.push([path, 'f32', 2]);
      arrays.set(path, new Uint8Array(8));
      return { touched: [path], listed: path };
    }
    const entry = list.find(([path]) => path === r.pick(own));
    if (!entry) return { touched: [] };
    const from = entry[0];
    if (op === 2) {
      list.splice(list.indexOf(entry), 1);
      return { touched: [from] };
    }
    entry[0] = misspell(r.pick, from);
    arrays.set(entry[0], arrays.get(from)!);
    return { touched: [from, entry[0]], listed: entry[0] };
  }
  if (op === 0) {
    const name = r.pick(['note', 'comment', 'scale', 'version', randomString(r, r.int(1, 5))]);
    if (Object.hasOwn(obj, name)) return { touched: [] };
    obj[name] = 1;
    return { touched: [where + name], listed: where + name };
  }
  const name = r.pick(where === 'spec.' ? OWN_SPEC : OWN_FIELDS);
  if (!Object.hasOwn(obj, name)) return { touched: [] };
  const to = misspell(r.pick, name);
  if (op === 1) obj[to] = obj[name];
  delete obj[name];
  return op === 1
    ? { touched: [where + name, where + to], listed: where + to }
    : { touched: [where + name] };
}

describe('the trace file: every added, renamed or dropped part is refused, named', () => {
  it('600 edited copies of the shipped trace', () => {
    const shipped = new Uint8Array(readFileSync('public/precomputed/default-trace.bin'));
    const r = rng(33);
    const counts: Counts = { accepted: 0, rejected: 0 };
    for (let i = 0; i < 600; i++) {
      const { header, arrays } = split(shipped);
      const own = [...arrays.keys()];
      const edits: Edit[] = [];
      for (let n = r.int(1, 3); n > 0; n--) edits.push(editTrace(r, header, arrays, own));
      // The reader lists nothing: only Gatescope writes these files, so it refuses every change.
      expectNamed(
        header,
        edits,
        () => decodeTraceFile(join(header, arrays)),
        () => [],
        counts,
      );
    }
    report('unused/trace-file', counts.accepted, counts.rejected);
    expect(counts.rejected).toBeGreaterThan(550);
  });
});

const JUNK = ['x', 'NaN', 'inf', '1e999', '½', '0x10', '1..2'];
const quote = (s: string) => `'${s}'`;

describe('custom text: every item and character is used or named', () => {
  it('800 number lists with items added, changed, emptied or dropped', () => {
    const r = rng(34);
    const counts: Counts = { accepted: 0, rejected: 0 };
    for (let i = 0; i < 800; i++) {
      const items = Array.from({ length: r.int(6, 30) }, () => String(r.int(-99, 99)));
      const sep = r.pick([', ', ',', ' ', '\n', '; ', ' , ']);
      const edits: Edit[] = [];
      for (let n = r.int(1, 3); n > 0; n--) {
        const at = r.int(1, items.length - 1); // inside the list: an end is punctuation
        const op = r.int(0, 3);
        if (op === 0) items.splice(at, 0, r.pick(JUNK));
        // Two commas or semicolons in a row (spaces alone are one separator, however many).
        else if (op === 1 && /[,;]/.test(sep)) items.splice(at, 0, '');
        else if (op === 2) items[at] = r.pick(['+3', '3.0', '.5', '-0', '1e2']);
        else items.splice(at, 1);
      }
      while (items.at(-1) === '') items.pop(); // a separator at the end is punctuation
      // Which items a refusal may name: each junk token by its text, each empty one by number.
      items.forEach((item, k) =>
        edits.push({
          touched: item === '' ? [`item ${k + 1} is empty`] : [quote(item)],
        }),
      );
      const text = (r.chance(0.3) ? sep : '') + items.join(sep) + (r.chance(0.3) ? sep : '');
      expectNamed(
        text,
        edits.filter((_, k) => items[k] === '' || JUNK.includes(items[k]!)),
        () => parseCustom(text),
        (p) => {
          expect(p.kind === 'numbers' && p.values).toEqual(items.map(Number));
          return p.skipped.map((s) => s.name);
        },
        counts,
      );
    }
    report('unused/custom-numbers', counts.accepted, counts.rejected);
    expect(counts.accepted).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(300);
  });

  it('800 texts with whitespace added at the ends and Windows line ends inside', () => {
    const r = rng(35);
    const counts: Counts = { accepted: 0, rejected: 0 };
    for (let i = 0; i < 800; i++) {
      const core = Array.from({ length: r.int(2, 40) }, () => r.pick([...'abc xyz.\n'])).join('');
      const body = core.trim().length >= 2 ? core.trim() : 'ab';
      const lead = r.pick(['', ' ', '\n', '\t ', '\r\n', ' '.repeat(12)]);
      const trail = r.pick(['', ' ', '\n', '\r\n', '\n\n\n']);
      const crlf = r.chance(0.3);
      const text = lead + (crlf ? body.replaceAll('\n', '\r\n') : body) + trail;
      const edits: Edit[] = [];
      const shown = (s: string) => (s.length > 8 ? `${s.slice(0, 8)}…` : s);
      if (lead) edits.push({ touched: [], listed: shown(lead) });
      if (trail) edits.push({ touched: [], listed: shown(trail) });
      if (crlf && body.includes('\n')) edits.push({ touched: [], listed: '\r' });
      expectNamed(
        text,
        edits,
        () => parseCustom(text),
        (p) => {
          // Every other character is used, each newline once.
          expect(p.kind === 'chars' && p.chars.join('')).toBe(body);
          return p.skipped.map((s) => s.name);
        },
        counts,
      );
    }
    report('unused/custom-text', counts.accepted, counts.rejected);
    expect(counts.accepted).toBe(800);
  });
});
