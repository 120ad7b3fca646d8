/**
 * Nothing silently ignored, fuzzed (issue 22): seeded edits that add, rename and drop fields and
 * tensors of valid weight files, and fields of the CLI's sequence files. Each result is the same
 * numbers with every added part listed, or a refusal naming a part that changed (./unused.ts).
 */
import { describe, expect, it } from 'vitest';
import { sequenceFromJson } from '../../../src/engine/io';
import type { ModelSpec } from '../../../src/engine/types';
import { exportWeights, importWeights } from '../../../src/engine/weights/format';
import { initModel } from '../../../src/engine/weights/init';
import { type Rand, randomString, report, rng } from './gen';
import { type Counts, type Edit, expectNamed, misspell } from './unused';

// Parsed JSON as the fuzz edits it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

const METADATA = ['note', '_comment', '$schema', 'created_at', 'framework', 'epoch', 'history'];
/** Network fields at the one value Gatescope builds: used, so never listed. */
const DEFAULTS: [string, unknown][] = [
  ['numLayers', 1],
  ['num_layers', 1],
  ['bidirectional', false],
  ['activation', 'tanh'],
];
const OTHER_FIELDS: [string, unknown][] = [
  ['numLayers', 4],
  ['num_layers', 2],
  ['numLayers', '1'],
  ['bidirectional', true],
  ['nonlinearity', 'relu'],
  ['mask', [1, 0]],
  ['h0', [0]],
  ['gru_variant', 'reset-before'],
  ['hidden_size', 4],
  ['dropout', 0.1],
];
const OPTIMIZER = ['optimizer.state.0.exp_avg', 'adam/m/kernel', 'optimizer/iterations', 'step'];
const NETWORK = ['weight_ih_l1', 'bias_hh_l3', 'weight_hh_l0_reverse', 'backward_kernel', 'h0'];
const OTHER_LAYOUT = {
  pytorch: ['kernel', 'readout.kernel'],
  keras: ['weight_ih_l0', 'bias_ih_l0'],
};
const REQUIRED = ['format', 'layout', 'cell', 'inputSize', 'hiddenSize', 'outputSize', 'tensors'];

function randomSpec(r: Rand): ModelSpec {
  return {
    cell: r.pick(['elman', 'lstm', 'gru'] as const),
    inputSize: r.int(1, 4),
    hiddenSize: r.int(1, 4),
    outputSize: r.int(1, 3),
    gruVariant: r.pick(['reset-after', 'reset-before'] as const),
  };
}

const someTensor = (r: Rand): unknown =>
  r.chance(0.2)
    ? r.int(0, 9)
    : Array.from({ length: r.int(1, 4) }, () => Array.from({ length: r.int(1, 4) }, () => 0.5));

/** One edit of a weights file, applied in place; renames and drops touch its own tensors only. */
function editWeights(r: Rand, f: Json, own: readonly string[]): Edit {
  const fresh = (obj: Json, names: string[]) => names.filter((n) => !Object.hasOwn(obj, n));
  switch (r.int(0, 5)) {
    case 0: {
      // Add a field: metadata (listed), a network default (used) or anything else (refused).
      const kind = r.int(0, 3);
      const [name, value] =
        kind === 0
          ? [r.pick(METADATA), 'x']
          : kind === 1
            ? r.pick(DEFAULTS)
            : kind === 2
              ? r.pick(OTHER_FIELDS)
              : [`f${randomString(r, r.int(1, 6))}`, r.int(0, 3)];
      if (Object.hasOwn(f, name)) return { touched: [] };
      f[name] = value;
      return { touched: [name], listed: kind === 1 ? undefined : name };
    }
    case 1: {
      // Add a tensor: an optimizer's state, another layer or direction, another layout's name…
      const names = [
        ...OPTIMIZER,
        ...NETWORK,
        ...(OTHER_LAYOUT[f.layout as 'pytorch' | 'keras'] ?? []),
      ];
      const name = r.chance(0.8) ? r.pick(names) : randomString(r, r.int(1, 8));
      if (fresh(f.tensors, [name]).length === 0) return { touched: [] };
      f.tensors[name] = someTensor(r);
      return { touched: [name], listed: name };
    }
    case 2: {
      const name = r.pick([...REQUIRED, ...(f.gruVariant ? ['gruVariant'] : [])]);
      if (!Object.hasOwn(f, name)) return { touched: [] };
      const to = misspell(r.pick, name);
      f[to] = f[name];
      delete f[name];
      return { touched: [name, to], listed: to };
    }
    case 3: {
      const name = r.pick(own);
      if (!Object.hasOwn(f.tensors, name)) return { touched: [] };
      const to = misspell(r.pick, name);
      f.tensors[to] = f.tensors[name];
      delete f.tensors[name];
      return { touched: [name, to], listed: to };
    }
    case 4: {
      // Drop a required field (an optional one absent is the file asking for its default).
      const name = r.pick(REQUIRED);
      delete f[name];
      return { touched: [name] };
    }
    default: {
      const name = r.pick(own);
      delete f.tensors[name];
      return { touched: [name] };
    }
  }
}

describe('weights files: every added, renamed or dropped part is used or named', () => {
  it('1,500 files with 1 to 3 edits each', () => {
    const r = rng(31);
    const counts: Counts = { accepted: 0, rejected: 0 };
    for (let i = 0; i < 1500; i++) {
      const base = exportWeights(
        initModel(randomSpec(r), { seed: i }),
        r.pick(['pytorch', 'keras']),
      );
      const want = importWeights(base).model;
      const f = structuredClone(base) as Json;
      const edits: Edit[] = [];
      for (let n = r.int(1, 3); n > 0 && f.tensors && Object.keys(f.tensors).length > 0; n--)
        edits.push(editWeights(r, f, Object.keys(base.tensors)));
      expectNamed(
        f,
        edits,
        () => importWeights(f),
        (read) => {
          expect(read.model).toEqual(want);
          return read.skipped.map((p) => p.name);
        },
        counts,
      );
    }
    report('unused/weights', counts.accepted, counts.rejected);
    expect(counts.accepted).toBeGreaterThan(50);
    expect(counts.rejected).toBeGreaterThan(500);
  });
});

describe('sequence files: every added, renamed or dropped field is used or named', () => {
  it('600 sequences with 1 to 3 edits each', () => {
    const r = rng(32);
    const counts: Counts = { accepted: 0, rejected: 0 };
    const FIELDS = ['inputs', 'targets', 'loss'];
    for (let i = 0; i < 600; i++) {
      const spec = randomSpec(r);
      const T = r.int(1, 5);
      const base: Json = {
        inputs: Array.from({ length: T }, () => Array.from({ length: spec.inputSize }, () => 1)),
        targets: Array.from({ length: T }, () => (r.chance(0.3) ? null : 0)),
        loss: 'softmax-xent',
      };
      const want = sequenceFromJson(base, spec).sequence;
      const f = structuredClone(base);
      const edits: Edit[] = [];
      for (let n = r.int(1, 3); n > 0; n--) {
        const op = r.int(0, 2);
        const present = FIELDS.filter((k) => Object.hasOwn(f, k));
        if (op === 0 || present.length === 0) {
          const [name, value] = r.pick<[string, unknown]>([
            [r.pick(METADATA), 'x'],
            [r.pick(['mask', 'h0', 'initialState', 'weights']), [0]],
            [randomString(r, r.int(1, 6)), 1],
          ]);
          if (Object.hasOwn(f, name)) continue;
          f[name] = value;
          edits.push({ touched: [name], listed: name });
        } else if (op === 1) {
          const name = r.pick(present);
          const to = misspell(r.pick, name);
          f[to] = f[name];
          delete f[name];
          edits.push({ touched: [name, to], listed: to });
        } else {
          const name = r.pick(present);
          delete f[name];
          edits.push({ touched: [name] });
        }
      }
      expectNamed(
        f,
        edits,
        () => sequenceFromJson(f, spec),
        (read) => {
          expect(read.sequence).toEqual(want);
          return read.skipped.map((p) => p.name);
        },
        counts,
      );
    }
    report('unused/sequence', counts.accepted, counts.rejected);
    // Accepted only where every edit added metadata: the rest is refused, naming the field.
    expect(counts.accepted).toBeGreaterThan(20);
    expect(counts.rejected).toBeGreaterThan(500);
  });
});
