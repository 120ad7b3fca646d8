/**
 * "Nothing silently ignored" (issue 22): each reader uses every part it is given or names it,
 * refusing what could change the numbers and listing what it skipped.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sequenceFromJson } from '../../../src/engine/io';
import { parseCustom } from '../../../src/engine/tasks/custom';
import { decodeTraceFile, encodeTraceFile } from '../../../src/engine/trace-file';
import type { ModelSpec } from '../../../src/engine/types';
import {
  UnusedPartsError,
  allUsed,
  describeParts,
  looksLikeMetadata,
} from '../../../src/engine/unused';
import { exportWeights, importWeights } from '../../../src/engine/weights/format';
import { initModel } from '../../../src/engine/weights/init';

const spec: ModelSpec = { cell: 'lstm', inputSize: 3, hiddenSize: 4, outputSize: 2 };
const model = initModel(spec, { seed: 3 });
// Parsed JSON as a test edits it.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const file = (layout: 'pytorch' | 'keras' = 'pytorch'): Json =>
  structuredClone(exportWeights(model, layout)) as Json;
const layer = (rows: number, cols: number) =>
  Array.from({ length: rows }, () => Array(cols).fill(0));

/** A PyTorch state_dict's extra layers l1 … l(n-1): four tensors each. */
function deeper(f: Json, n: number): Json {
  for (let l = 1; l < n; l++) {
    f.tensors[`weight_ih_l${l}`] = layer(16, 4);
    f.tensors[`weight_hh_l${l}`] = layer(16, 4);
    f.tensors[`bias_ih_l${l}`] = Array(16).fill(0);
    f.tensors[`bias_hh_l${l}`] = Array(16).fill(0);
  }
  return f;
}

function refusal(f: unknown): UnusedPartsError {
  try {
    importWeights(f);
  } catch (e) {
    expect(e).toBeInstanceOf(UnusedPartsError);
    return e as UnusedPartsError;
  }
  throw new Error('accepted');
}

describe('describeParts', () => {
  it('groups by kind, quotes names, gives shapes and counts what it leaves out', () => {
    const parts = [
      { kind: 'field', name: 'numLayers' },
      ...Array.from({ length: 8 }, (_, i) => ({ kind: 'tensor', name: `t${i}`, detail: '[2]' })),
    ];
    expect(describeParts(parts, 2)).toBe(
      'field "numLayers", tensors "t0" [2], "t1" [2], … (8 in all)',
    );
    expect(describeParts([{ kind: 'characters', name: '\r\n', detail: 'at the end' }])).toBe(
      'characters "\\r\\n" at the end',
    );
  });

  it('knows metadata by name, whatever its case or punctuation', () => {
    for (const name of ['note', 'Created_At', 'createdAt', '_comment', '$schema', 'framework'])
      expect(looksLikeMetadata(name), name).toBe(true);
    for (const name of ['mask', 'numLayers', 'h0', 'gru_variant', 'scale'])
      expect(looksLikeMetadata(name), name).toBe(false);
  });
});

describe('weights files: what is refused', () => {
  it('a 4-layer network (the issue’s file): the reason, the field and the 12 tensors', () => {
    const e = refusal(deeper({ ...file(), numLayers: 4 }, 4));
    expect(e.message).toMatch(/^this file is a 4-layer network; Gatescope reads 1 layer today \(/);
    expect(e.message).toContain('field "numLayers", tensors "weight_ih_l1" [16, 4]');
    expect(e.message).toContain('… (12 in all)');
    expect(e.parts).toHaveLength(13);
  });

  it('extra layers without numLayers, and numLayers without the tensors', () => {
    expect(refusal(deeper(file(), 2)).message).toMatch(/^this file is a 2-layer network/);
    expect(refusal({ ...file(), num_layers: 3 }).message).toMatch(/^this file is a 3-layer/);
    expect(refusal({ ...file(), numLayers: '2' }).message).toMatch(/"numLayers" must be 1/);
  });

  it('a second direction, as a field or as _reverse / backward tensors', () => {
    const reason = /^this file is a bidirectional network; Gatescope reads one direction today/;
    expect(refusal({ ...file(), bidirectional: true }).message).toMatch(reason);
    const reverse = file();
    reverse.tensors.weight_ih_l0_reverse = layer(16, 3);
    expect(refusal(reverse).message).toMatch(reason);
    const keras = file('keras');
    keras.tensors.backward_kernel = layer(3, 16);
    expect(refusal(keras).message).toMatch(reason);
  });

  it('another activation, an unknown field, a tensor the network has no place for', () => {
    expect(refusal({ ...file(), nonlinearity: 'relu' }).message).toMatch(
      /activation is "relu"; gatescope.weights\/1 networks use tanh/,
    );
    expect(refusal({ ...file(), mask: [1, 0] }).message).toBe(
      'this file has fields gatescope.weights/1 does not define (field "mask")',
    );
    const f = file();
    f.tensors.weight_hr_l0 = layer(4, 4);
    expect(refusal(f).message).toBe(
      'this file has tensors a 1-layer network in the pytorch layout does not have (tensor "weight_hr_l0" [4, 4])',
    );
    // A Keras name in a PyTorch file is not silently taken for the PyTorch one.
    const mixed = file();
    mixed.tensors.kernel = layer(3, 16);
    expect(refusal(mixed).parts).toEqual([{ kind: 'tensor', name: 'kernel', detail: '[3, 16]' }]);
  });
});

describe('weights files: what is used or skipped', () => {
  it('numLayers 1, bidirectional false and activation tanh are the defaults, used', () => {
    const read = importWeights({
      ...file(),
      numLayers: 1,
      bidirectional: false,
      activation: 'tanh',
    });
    expect(read.skipped).toEqual([]);
    expect(read.model.weights).toEqual(model.weights);
  });

  it('metadata and an optimizer’s state are skipped and listed, the numbers unchanged', () => {
    const f: Json = { ...file(), note: 'epoch 10', created_at: '2025-01-01' };
    f.tensors['optimizer.state.0.exp_avg'] = layer(16, 3);
    f.tensors['adam/m/kernel'] = layer(3, 16);
    f.tensors.step = 100;
    const read = importWeights(f);
    expect(read.model).toEqual(model);
    expect(read.skipped.map((p) => `${p.kind} ${p.name}`)).toEqual([
      'field note',
      'field created_at',
      'tensor optimizer.state.0.exp_avg',
      'tensor adam/m/kernel',
      'tensor step',
    ]);
    expect(read.skipped[2]!.detail).toBe('[16, 3]');
    // The CLI and shipped files take nothing unused.
    expect(() => allUsed(read, 'weights file')).toThrow(
      'weights file has parts it does not use: fields "note", "created_at", tensors',
    );
  });

  it('a GRU variant on another cell is validated, not used, and listed', () => {
    const read = importWeights({ ...file(), gruVariant: 'reset-before' });
    expect(read.skipped).toEqual([
      { kind: 'field', name: 'gruVariant', detail: '(only a GRU has one)' },
    ]);
  });
});

describe('the other readers', () => {
  const seq = { inputs: [[1, 2, 3]], targets: [1], loss: 'softmax-xent' };

  it('sequenceFromJson: skips metadata, refuses a field that could mean other numbers', () => {
    expect(sequenceFromJson({ ...seq, comment: 'x' }, spec).skipped).toEqual([
      { kind: 'field', name: 'comment' },
    ]);
    expect(() => sequenceFromJson({ ...seq, mask: [0] }, spec)).toThrow(
      'this file has fields a sequence does not have (field "mask"); a sequence has inputs, targets, loss',
    );
  });

  it('decodeTraceFile: refuses a field or an array it does not use, and one it lacks', () => {
    const bytes = readFileSync('public/precomputed/default-trace.bin');
    const { trace, about } = decodeTraceFile(
      bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength),
    );
    const withSeries = { ...trace, series: { ...trace.series, bogus: new Float64Array(trace.T) } };
    expect(() => decodeTraceFile(encodeTraceFile(withSeries, about).slice().buffer)).toThrow(
      'trace file has parts it does not use: array "series.bogus"',
    );
    const noC = { ...trace, c: undefined };
    expect(() => decodeTraceFile(encodeTraceFile(noC, about).slice().buffer)).toThrow(
      'trace file lacks c',
    );
    const oddGate = { ...trace, gates: { ...trace.gates, peephole: trace.h } };
    expect(() => decodeTraceFile(encodeTraceFile(oddGate, about).slice().buffer)).toThrow(
      /array "gates.peephole"/,
    );
  });

  it('parseCustom: names the characters trimming leaves out, refuses an empty item', () => {
    expect(parseCustom('  ab\n').skipped).toEqual([
      { kind: 'characters', name: '  ', detail: 'at the start' },
      { kind: 'characters', name: '\n', detail: 'at the end' },
    ]);
    expect(parseCustom(`${' '.repeat(20)}ab`).skipped[0]).toEqual({
      kind: 'characters',
      name: `${' '.repeat(8)}…`,
      detail: 'at the start (20 in all)',
    });
    expect(() => parseCustom('1,,2,3')).toThrow(/item 2 is empty/);
  });
});
