/**
 * The `gatescope.weights/1` file format: a JSON object any user can write from PyTorch or Keras.
 *   { format, layout: 'pytorch' | 'keras', cell, gruVariant?, inputSize, hiddenSize, outputSize, tensors }
 * pytorch: weight_ih_l0 [G·H, I], weight_hh_l0 [G·H, H], bias_ih_l0 [G·H], bias_hh_l0 [G·H],
 *          readout.weight [O, H], readout.bias [O]; gates lstm i,f,g,o; gru r,z,n.
 * keras:   kernel [I, G·H], recurrent_kernel [H, G·H], bias [G·H] (reset-after GRU: [2, 3H]),
 *          readout.kernel [H, O], readout.bias [O]; gates lstm i,f,c,o; gru z,r,h.
 * Parsing never trusts the file: every problem is an EngineInputError naming the tensor and
 * the shape it should have, and every part beyond the contract is refused or listed (extras.ts).
 */
import { EngineInputError, gateCount, normalizeSpec } from '../spec';
import type { Model, ModelSpec, Weights } from '../types';
import type { UnusedPart } from '../unused';
import { weightsExtras } from './extras';
import {
  type Layout,
  type Nested,
  flatten,
  keepOrder,
  kerasGruOrder,
  nest,
  permuteBlocks,
  transpose,
} from './layout';

export const WEIGHTS_FORMAT = 'gatescope.weights/1';
/** Refuse files larger than this before parsing (a 256-unit LSTM is ~6 MB of JSON). */
export const MAX_WEIGHTS_FILE_CHARS = 32 * 1024 * 1024;

/**
 * Why a weights file of `size` bytes (or characters) is refused before it is read, or null.
 * Sizes in MB of 1024 × 1024, as file managers show them, so the limit reads "32 MB".
 */
export function weightsFileTooBig(size: number): string | null {
  if (size <= MAX_WEIGHTS_FILE_CHARS) return null;
  const mb = (n: number) => n / (1024 * 1024);
  // Rounded up, so a file just over the limit never reads as "32.0 MB; the limit is 32 MB".
  const shown = (Math.ceil(mb(size) * 10) / 10).toFixed(1);
  return `the file is ${shown} MB; the limit is ${mb(MAX_WEIGHTS_FILE_CHARS)} MB`;
}

export interface WeightsFile {
  format: typeof WEIGHTS_FORMAT;
  layout: Layout;
  cell: ModelSpec['cell'];
  gruVariant?: ModelSpec['gruVariant'];
  inputSize: number;
  hiddenSize: number;
  outputSize: number;
  tensors: Record<string, Nested>;
}

/** A file's model and layout, and the harmless parts of the file it skipped (to list). */
export interface WeightsRead {
  model: Model;
  layout: Layout;
  skipped: UnusedPart[];
}

/** Tensor names and shapes a file of this layout must contain. */
export function expectedTensors(spec: ModelSpec, layout: Layout): Record<string, number[]> {
  const s = normalizeSpec(spec);
  const GH = gateCount(s.cell) * s.hiddenSize;
  const { inputSize: I, hiddenSize: H, outputSize: O } = s;
  if (layout === 'pytorch') {
    return {
      weight_ih_l0: [GH, I],
      weight_hh_l0: [GH, H],
      bias_ih_l0: [GH],
      bias_hh_l0: [GH],
      'readout.weight': [O, H],
      'readout.bias': [O],
    };
  }
  const twoBiases = s.cell === 'gru' && s.gruVariant === 'reset-after';
  return {
    kernel: [I, GH],
    recurrent_kernel: [H, GH],
    bias: twoBiases ? [2, GH] : [GH],
    'readout.kernel': [H, O],
    'readout.bias': [O],
  };
}

/** Keras stores GRU gates z,r,h; internally (and in PyTorch) they are r,z,n. */
function kerasOrder(spec: Required<ModelSpec>) {
  return spec.cell === 'gru' ? kerasGruOrder : keepOrder;
}

export function exportWeights(model: Model, layout: Layout = 'pytorch'): WeightsFile {
  const spec = normalizeSpec(model.spec);
  const w = model.weights;
  const { inputSize: I, hiddenSize: H, outputSize: O } = spec;
  const G = gateCount(spec.cell);
  const shapes = expectedTensors(spec, layout);
  let flat: Record<string, Float32Array>;
  if (layout === 'pytorch') {
    flat = {
      weight_ih_l0: w.wIh,
      weight_hh_l0: w.wHh,
      bias_ih_l0: w.bIh,
      bias_hh_l0: w.bHh,
      'readout.weight': w.wOut,
      'readout.bias': w.bOut,
    };
  } else {
    const order = kerasOrder(spec);
    const toKeras = (m: Float32Array, cols: number) =>
      transpose(permuteBlocks(m, G, H * cols, order.fromInternal), G * H, cols);
    const bIh = permuteBlocks(w.bIh, G, H, order.fromInternal);
    const bHh = permuteBlocks(w.bHh, G, H, order.fromInternal);
    const twoBiases = shapes.bias!.length === 2;
    flat = {
      kernel: toKeras(w.wIh, I),
      recurrent_kernel: toKeras(w.wHh, H),
      // One Keras bias holds both PyTorch biases wherever they only ever appear summed.
      bias: twoBiases ? concat(bIh, bHh) : bIh.map((v, k) => v + bHh[k]!),
      'readout.kernel': transpose(w.wOut, O, H),
      'readout.bias': w.bOut,
    };
  }
  const tensors: Record<string, Nested> = {};
  for (const [name, shape] of Object.entries(shapes)) tensors[name] = nest(flat[name]!, shape);
  return {
    format: WEIGHTS_FORMAT,
    layout,
    cell: spec.cell,
    ...(spec.cell === 'gru' ? { gruVariant: spec.gruVariant } : {}),
    inputSize: I,
    hiddenSize: H,
    outputSize: O,
    tensors,
  };
}

function concat(a: Float32Array, b: Float32Array): Float32Array {
  const out = new Float32Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Parses JSON text (size-checked first) into a validated model. */
export function parseWeightsText(text: string): WeightsRead {
  const tooBig = weightsFileTooBig(text.length);
  if (tooBig) throw new EngineInputError(tooBig);
  let json: unknown;
  const first = text.trimStart()[0];
  if (first !== '{' && first !== '[') {
    // Someone's .pt, .safetensors or .h5 (binary), or a text file of another kind.
    throw new EngineInputError(
      `this is not a ${WEIGHTS_FORMAT} JSON file (${first === undefined ? 'it is empty' : 'it does not start with {'}): export the weights from Gatescope, or write the JSON described in docs/engine.md`,
    );
  }
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new EngineInputError(`weights file is not valid JSON: ${(e as Error).message}`);
  }
  return importWeights(json);
}

/** Validates a parsed weights file and converts it to the internal layout. */
export function importWeights(json: unknown): WeightsRead {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new EngineInputError('weights file must be a JSON object');
  }
  const f = json as Record<string, unknown>;
  if (f.format !== WEIGHTS_FORMAT) {
    throw new EngineInputError(
      `"format" must be "${WEIGHTS_FORMAT}" (got ${JSON.stringify(f.format) ?? 'nothing'})`,
    );
  }
  if (f.layout !== 'pytorch' && f.layout !== 'keras') {
    throw new EngineInputError(
      `"layout" must be "pytorch" or "keras" (got ${JSON.stringify(f.layout) ?? 'nothing'})`,
    );
  }
  if (typeof f.tensors !== 'object' || f.tensors === null || Array.isArray(f.tensors)) {
    throw new EngineInputError('"tensors" must be an object of named arrays');
  }
  const given = f.tensors as Record<string, unknown>;
  // Tensor names depend on the layout only, so extras are judged before the sizes: a 4-layer
  // file is refused as that, whatever else is wrong with it.
  const names = Object.keys(expectedTensors(PROBE_SPEC, f.layout));
  const skipped = weightsExtras(f, given, f.layout, names);
  const spec = normalizeSpec({
    cell: f.cell as ModelSpec['cell'],
    inputSize: f.inputSize as number,
    hiddenSize: f.hiddenSize as number,
    outputSize: f.outputSize as number,
    gruVariant: f.gruVariant as ModelSpec['gruVariant'],
  });
  // Only a GRU has a variant: on another cell the field is validated but not used.
  if (spec.cell !== 'gru' && Object.hasOwn(f, 'gruVariant'))
    skipped.push({ kind: 'field', name: 'gruVariant', detail: '(only a GRU has one)' });
  const flat: Record<string, Float32Array> = {};
  for (const [name, shape] of Object.entries(expectedTensors(spec, f.layout))) {
    if (!Object.hasOwn(given, name))
      throw new EngineInputError(
        `tensor "${name}" is missing (expected shape [${shape.join(', ')}])`,
      );
    flat[name] = flatten(given[name], shape, name);
  }
  const weights = f.layout === 'pytorch' ? fromPytorch(flat) : fromKeras(flat, spec);
  return { model: { spec, weights }, layout: f.layout, skipped };
}

/** Any valid spec: tensor names do not depend on the sizes. */
const PROBE_SPEC: ModelSpec = { cell: 'lstm', inputSize: 1, hiddenSize: 1, outputSize: 1 };

function fromPytorch(t: Record<string, Float32Array>): Weights {
  return {
    wIh: t.weight_ih_l0!,
    wHh: t.weight_hh_l0!,
    bIh: t.bias_ih_l0!,
    bHh: t.bias_hh_l0!,
    wOut: t['readout.weight']!,
    bOut: t['readout.bias']!,
  };
}

function fromKeras(t: Record<string, Float32Array>, spec: Required<ModelSpec>): Weights {
  const { inputSize: I, hiddenSize: H, outputSize: O } = spec;
  const G = gateCount(spec.cell);
  const order = kerasOrder(spec).toInternal;
  const fromKerasMatrix = (m: Float32Array, rows: number) =>
    permuteBlocks(transpose(m, rows, G * H), G, H * rows, order);
  const bias = t.bias!;
  const two = bias.length === 2 * G * H;
  return {
    wIh: fromKerasMatrix(t.kernel!, I),
    wHh: fromKerasMatrix(t.recurrent_kernel!, H),
    bIh: permuteBlocks(two ? bias.subarray(0, G * H) : bias, G, H, order),
    bHh: two ? permuteBlocks(bias.subarray(G * H), G, H, order) : new Float32Array(G * H),
    wOut: transpose(t['readout.kernel']!, H, O),
    bOut: t['readout.bias']!,
  };
}
