/** The gatescope.weights/1 contract: round trips in both layouts, and precise rejections. */
import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../../../src/engine/spec';
import type { ModelSpec } from '../../../src/engine/types';
import { initWeights } from '../../../src/engine/weights/init';
import {
  exportWeights,
  importWeights,
  parseWeightsText,
  weightsFileTooBig,
} from '../../../src/engine/weights/format';
import { VARIANTS } from './helpers';

const sized = (v: (typeof VARIANTS)[0]['spec']): ModelSpec => ({
  ...v,
  inputSize: 3,
  hiddenSize: 4,
  outputSize: 2,
});

function randomised(spec: ModelSpec) {
  const w = initWeights(spec, { seed: 9 });
  // Distinct biases so a swapped or summed bias would show.
  w.bIh.forEach((_, k) => (w.bIh[k] = k + 0.25));
  w.bHh.forEach((_, k) => (w.bHh[k] = -k - 0.5));
  return { spec, weights: w };
}

describe.each(VARIANTS)('$name weights', ({ spec: v }) => {
  it.each(['pytorch', 'keras'] as const)('round-trip through %s layout via JSON text', (layout) => {
    const model = randomised(sized(v));
    const text = JSON.stringify(exportWeights(model, layout));
    const { model: back, skipped } = parseWeightsText(text);
    expect(skipped).toEqual([]);
    expect(back.spec.cell).toBe(v.cell);
    for (const k of ['wIh', 'wHh', 'wOut', 'bOut'] as const)
      expect(back.weights[k]).toEqual(model.weights[k]);
    const twoBiases =
      layout === 'pytorch' ||
      (v.cell === 'gru' && (v.gruVariant ?? 'reset-after') === 'reset-after');
    if (twoBiases) {
      expect(back.weights.bIh).toEqual(model.weights.bIh);
      expect(back.weights.bHh).toEqual(model.weights.bHh);
    } else {
      // One Keras bias holds b_ih + b_hh: the sum is what the network sees.
      const sum = model.weights.bIh.map((x, k) => x + model.weights.bHh[k]!);
      expect(back.weights.bIh).toEqual(sum);
      expect(back.weights.bHh.every((x) => x === 0)).toBe(true);
    }
  });
});

describe('keras layout details', () => {
  it('stores GRU gates in z, r, h order and the reset-after bias as [2, 3H]', () => {
    const spec: ModelSpec = { cell: 'gru', inputSize: 1, hiddenSize: 1, outputSize: 1 };
    const w = initWeights(spec, { seed: 1 });
    w.wIh.set([10, 20, 30]); // internal r, z, n
    w.bIh.set([1, 2, 3]);
    w.bHh.set([4, 5, 6]);
    const f = exportWeights({ spec, weights: w }, 'keras');
    expect(f.tensors.kernel).toEqual([[20, 10, 30]]);
    expect(f.tensors.bias).toEqual([
      [2, 1, 3],
      [5, 4, 6],
    ]);
  });

  it('transposes matrices: kernel is [I, G·H], readout.kernel is [H, O]', () => {
    const spec: ModelSpec = { cell: 'lstm', inputSize: 2, hiddenSize: 3, outputSize: 5 };
    const f = exportWeights({ spec, weights: initWeights(spec, { seed: 2 }) }, 'keras');
    const shape = (a: unknown): number[] => (Array.isArray(a) ? [a.length, ...shape(a[0])] : []);
    expect(shape(f.tensors.kernel)).toEqual([2, 12]);
    expect(shape(f.tensors.recurrent_kernel)).toEqual([3, 12]);
    expect(shape(f.tensors['readout.kernel'])).toEqual([3, 5]);
  });
});

// Parsed JSON as a test mutates it: any shape, reached by name.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type WeightsFileJson = Record<string, any>;

describe('malformed files are rejected with a message naming the problem', () => {
  const spec: ModelSpec = { cell: 'lstm', inputSize: 2, hiddenSize: 3, outputSize: 1 };
  const good = () =>
    JSON.parse(
      JSON.stringify(exportWeights({ spec, weights: initWeights(spec, { seed: 1 }) })),
    ) as WeightsFileJson;
  const reject = (mutate: (f: WeightsFileJson) => void, message: RegExp) => {
    const f = good();
    mutate(f);
    expect(() => importWeights(f)).toThrow(EngineInputError);
    expect(() => importWeights(f)).toThrow(message);
  };

  it('wrong shape names the tensor and the expected shape', () =>
    reject((f) => f.tensors.weight_hh_l0.pop(), /"weight_hh_l0" must have shape \[12, 3\]/));
  it('a missing tensor', () =>
    reject(
      (f) => delete f.tensors.bias_ih_l0,
      /"bias_ih_l0" is missing \(expected shape \[12\]\)/,
    ));
  it('NaN and Infinity', () => {
    reject(
      (f) => (f.tensors.bias_hh_l0[4] = 'NaN'),
      /"bias_hh_l0"\[4\] must be a finite float32 number/,
    );
    reject(
      (f) => (f.tensors['readout.bias'][0] = 1e39),
      /"readout.bias"\[0\] must be a finite float32/,
    );
  });
  it('unknown cell, format and layout', () => {
    reject((f) => (f.cell = 'transformer'), /cell must be one of elman, lstm, gru/);
    reject((f) => (f.format = 'other/2'), /"format" must be "gatescope.weights\/1"/);
    reject((f) => (f.layout = 'jax'), /"layout" must be "pytorch" or "keras"/);
  });
  it('sizes beyond the limits', () =>
    reject((f) => (f.hiddenSize = 100000), /hiddenSize must be a whole number from 1 to 256/));
  it('not JSON, not an object, oversize text', () => {
    expect(() => parseWeightsText('{oops')).toThrow(/not valid JSON/);
    // A binary file (a zip-based .pt) or an empty one: said plainly, not as a JSON parse error.
    expect(() => parseWeightsText('PK\u0003\u0004\u0000')).toThrow(
      /^this is not a gatescope\.weights\/1 JSON file \(it does not start with \{\)/,
    );
    expect(() => parseWeightsText('  ')).toThrow(/\(it is empty\)/);
    expect(() => importWeights([1, 2])).toThrow(/must be a JSON object/);
    expect(() => parseWeightsText(' '.repeat(33 * 1024 * 1024))).toThrow(
      'the file is 33.0 MB; the limit is 32 MB',
    );
    // Sizes as file managers show them (MB of 1024²), rounded up past the limit.
    expect(weightsFileTooBig(50 * 1024 * 1024)).toBe('the file is 50.0 MB; the limit is 32 MB');
    expect(weightsFileTooBig(32 * 1024 * 1024 + 1)).toBe('the file is 32.1 MB; the limit is 32 MB');
    expect(weightsFileTooBig(32 * 1024 * 1024)).toBeNull();
  });
});
