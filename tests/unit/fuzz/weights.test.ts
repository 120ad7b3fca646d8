/**
 * Fuzzing the weight importer: random JSON-ish objects, mutations of valid exported files and
 * random text. No exception other than EngineInputError may escape, every rejection says why,
 * and every accepted file round-trips through export and import to identical arrays.
 */
import { describe, expect, it } from 'vitest';
import type { Model, ModelSpec } from '../../../src/engine/types';
import { initModel } from '../../../src/engine/weights/init';
import {
  exportWeights,
  importWeights,
  parseWeightsText,
  type WeightsFile,
} from '../../../src/engine/weights/format';
import type { Layout } from '../../../src/engine/weights/layout';
import { acceptsOrExplains, garbage, type Rand, randomString, report, rng, show } from './gen';

const WEIGHT_KEYS = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;

function validFile(r: Rand): WeightsFile {
  const spec: ModelSpec = {
    cell: r.pick(['elman', 'lstm', 'gru'] as const),
    inputSize: r.int(1, 4),
    hiddenSize: r.int(1, 4),
    outputSize: r.int(1, 3),
    gruVariant: r.pick(['reset-after', 'reset-before'] as const),
  };
  return exportWeights(initModel(spec, { seed: r.int(0, 1e6) }), r.pick(['pytorch', 'keras']));
}

/** Every place in a JSON tree, as a path of keys. */
function paths(x: unknown, at: (string | number)[] = [], out: (string | number)[][] = []) {
  out.push(at);
  if (Array.isArray(x)) x.forEach((v, i) => paths(v, [...at, i], out));
  else if (x && typeof x === 'object')
    for (const [k, v] of Object.entries(x)) paths(v, [...at, k], out);
  return out;
}

/** One random edit of a valid file: replace, delete, grow or shrink something somewhere. */
function mutate(r: Rand, file: WeightsFile): unknown {
  const root: unknown = structuredClone(file);
  for (let n = r.int(1, 3); n > 0; n--) {
    const all = paths(root).filter((p) => p.length > 0);
    const path = r.pick(all);
    const parent = path.slice(0, -1).reduce<any>((o, k) => o[k], root); // eslint-disable-line @typescript-eslint/no-explicit-any
    const key = path.at(-1)!;
    const op = r.int(0, 5);
    if (op <= 2) parent[key] = garbage(r);
    else if (op === 3 && Array.isArray(parent)) parent.splice(Number(key), 1);
    else if (op === 3) delete parent[key];
    else if (op === 4 && Array.isArray(parent[key])) parent[key].push(garbage(r));
    else if (typeof parent[key] === 'number')
      parent[key] = (r.next() - 0.5) * 100; // stays valid
    else parent[key] = garbage(r);
  }
  return root;
}

/** The property every accepted file must have: export → import gives identical arrays. */
function expectRoundTrip(model: Model, layout: Layout, input: unknown) {
  for (const l of new Set<Layout>([layout, 'pytorch'])) {
    // The Keras export folds the two biases into one where only their sum matters; a file that
    // came in as Keras has that shape already, a PyTorch one round-trips through PyTorch exactly.
    const { model: again, skipped } = parseWeightsText(JSON.stringify(exportWeights(model, l)));
    expect(skipped).toEqual([]);
    expect(again.spec, show(input)).toEqual(model.spec);
    // -0 and 0 are the same weight (JSON writes both as 0), so compare them as equal.
    const same = (a: Float32Array) => Array.from(a, (v) => v + 0);
    for (const k of WEIGHT_KEYS)
      expect(same(again.weights[k]), `${k} via ${l}`).toEqual(same(model.weights[k]));
  }
}

function tryImport(x: unknown, counts: { accepted: number; rejected: number }) {
  let model: Model | null = null;
  const ok = acceptsOrExplains(
    () => {
      model = importWeights(x).model;
    },
    () => show(x),
  );
  if (ok) {
    counts.accepted++;
    expectRoundTrip(model!, (x as WeightsFile).layout, x);
  } else counts.rejected++;
}

describe('fuzzed weight files', () => {
  it('1,000 random JSON-ish values: rejected with reasons, never a crash', () => {
    const r = rng(11);
    const counts = { accepted: 0, rejected: 0 };
    for (let i = 0; i < 1000; i++) {
      const x = garbage(r);
      // Half of them look like a weights file at the top level, to get past the first checks.
      const v =
        i % 2 === 0
          ? x
          : {
              format: r.chance(0.8) ? 'gatescope.weights/1' : garbage(r),
              layout: r.chance(0.8) ? r.pick(['pytorch', 'keras']) : garbage(r),
              cell: r.chance(0.8) ? r.pick(['elman', 'lstm', 'gru']) : garbage(r),
              inputSize: r.chance(0.7) ? r.int(1, 3) : garbage(r),
              hiddenSize: r.chance(0.7) ? r.int(1, 3) : garbage(r),
              outputSize: r.chance(0.7) ? r.int(1, 3) : garbage(r),
              tensors: garbage(r),
            };
      tryImport(v, counts);
    }
    report('importWeights/random', counts.accepted, counts.rejected);
    expect(counts.rejected).toBeGreaterThan(900);
  });

  it('2,000 mutations of valid exported files: accepted ones round-trip exactly', () => {
    const r = rng(12);
    const counts = { accepted: 0, rejected: 0 };
    for (let i = 0; i < 2000; i++) tryImport(mutate(r, validFile(r)), counts);
    report('importWeights/mutated', counts.accepted, counts.rejected);
    // Both sides exercised: value edits and extra keys pass, type and shape edits do not.
    expect(counts.accepted).toBeGreaterThan(100);
    expect(counts.rejected).toBeGreaterThan(500);
  });

  it('1,000 texts: random, cut off, with NaN written in, pretty-printed', () => {
    const r = rng(13);
    const counts = { accepted: 0, rejected: 0 };
    for (let i = 0; i < 1000; i++) {
      const file = validFile(r);
      const json = JSON.stringify(file);
      const kind = i % 4;
      const text =
        kind === 0
          ? randomString(r, r.int(0, 80))
          : kind === 1
            ? json.slice(0, r.int(0, json.length)) // a cut-off download; sometimes whole
            : kind === 2
              ? json.replace(/-?\d\.\d+/, r.pick(['NaN', 'Infinity', '1e999', '"1"', '0x10', '1']))
              : // pretty-printed as Python's json.dump(indent=…) writes it, or with a BOM
                (r.chance(0.2) ? '\ufeff' : '') + JSON.stringify(file, null, r.int(0, 4));
      let model: Model | null = null;
      const ok = acceptsOrExplains(
        () => {
          model = parseWeightsText(text).model;
        },
        () => show(text),
      );
      if (ok) {
        counts.accepted++;
        expectRoundTrip(model!, (JSON.parse(text) as WeightsFile).layout, text);
      } else counts.rejected++;
    }
    report('parseWeightsText', counts.accepted, counts.rejected);
    expect(counts.accepted).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(500);
  });

  it('refuses oversized text before parsing it', () => {
    expect(() => parseWeightsText(' '.repeat(33 * 1024 * 1024))).toThrow(/limit is/);
  });
});
