/**
 * The parts of a weights file beyond the gatescope.weights/1 contract. Harmless ones (metadata,
 * an optimizer's state) are skipped and listed; the rest would mean a network Gatescope does not
 * build (more layers, a second direction, another activation, tensors it has no place for), so
 * the file is refused with the reason and every such part named.
 */
import { type UnusedPart, UnusedPartsError, describeParts, unknownFields } from '../unused';
import type { Layout } from './layout';

/** Every top-level field the contract defines. */
export const CONTRACT_FIELDS = [
  'format',
  'layout',
  'cell',
  'gruVariant',
  'inputSize',
  'hiddenSize',
  'outputSize',
  'tensors',
] as const;

const LAYERS = (n: number) => `this file is a ${n}-layer network; Gatescope reads 1 layer today`;
const BIDIRECTIONAL = 'this file is a bidirectional network; Gatescope reads one direction today';

/**
 * Fields that describe the network as PyTorch or Keras name them, with the one value Gatescope
 * builds: written with that value they are used (a default), any other value is refused.
 * (A future contract adds numLayers and bidirectional for real.)
 */
const NETWORK_FIELDS: Record<string, { builds: unknown; refusal: (v: unknown) => string }> = {
  numLayers: { builds: 1, refusal: layersRefusal('numLayers') },
  num_layers: { builds: 1, refusal: layersRefusal('num_layers') },
  bidirectional: { builds: false, refusal: () => BIDIRECTIONAL },
  nonlinearity: { builds: 'tanh', refusal: activationRefusal },
  activation: { builds: 'tanh', refusal: activationRefusal },
};

function layersRefusal(field: string) {
  return (v: unknown) =>
    Number.isInteger(v) && (v as number) > 1
      ? LAYERS(v as number)
      : `"${field}" must be 1, the one depth Gatescope reads today (got ${JSON.stringify(v) ?? String(v)})`;
}

function activationRefusal(v: unknown) {
  return `this file's activation is ${JSON.stringify(v) ?? String(v)}; gatescope.weights/1 networks use tanh`;
}

/** Path segments of an optimizer's state (PyTorch state_dict, Keras optimizer variables). */
const OPTIMIZER_SEGMENTS = new Set([
  'optimizer',
  'optimizer_state',
  'opt_state',
  'optim',
  'adam',
  'adamw',
  'sgd',
  'rmsprop',
  'adagrad',
  'momentum',
  'momentum_buffer',
  'exp_avg',
  'exp_avg_sq',
  'max_exp_avg_sq',
  'velocity',
  'accumulator',
  'iter',
  'iterations',
  'step',
  'lr',
  'learning_rate',
  'beta1_power',
  'beta2_power',
  'm',
  'v',
]);

function looksLikeOptimizerState(name: string): boolean {
  return name
    .toLowerCase()
    .split(/[./:\\\s-]+/)
    .some((s) => OPTIMIZER_SEGMENTS.has(s));
}

/** A nested array's shape, read along its first elements: "[12, 3]"; none for a non-array. */
function shapeText(v: unknown): string | undefined {
  const shape: number[] = [];
  for (let x = v; Array.isArray(x) && shape.length < 8; x = x[0]) shape.push(x.length);
  return shape.length > 0 ? `[${shape.join(', ')}]` : undefined;
}

/**
 * Checks every field and tensor of a weights file the contract does not define. Returns the
 * harmless ones (skipped); throws UnusedPartsError naming the others, with the most telling
 * reason: more layers, then a second direction, then another network field, then the rest.
 */
export function weightsExtras(
  file: Record<string, unknown>,
  tensors: Record<string, unknown>,
  layout: Layout,
  expected: readonly string[],
): UnusedPart[] {
  const fields = unknownFields(file, CONTRACT_FIELDS);
  const skipped = fields.skipped;
  const refused: UnusedPart[] = [];
  const networkRefusals: string[] = [];
  for (const part of fields.refused) {
    const value = file[part.name];
    const network = Object.hasOwn(NETWORK_FIELDS, part.name) ? NETWORK_FIELDS[part.name] : null;
    if (network && value === network.builds) continue; // the default, written out: used
    refused.push(part);
    if (network) networkRefusals.push(network.refusal(value));
  }
  let deeper = false;
  let reversed = false;
  let otherTensor = false;
  for (const [name, value] of Object.entries(tensors)) {
    if (expected.includes(name)) continue;
    const part: UnusedPart = { kind: 'tensor', name, detail: shapeText(value) };
    if (looksLikeOptimizerState(name)) {
      skipped.push(part);
      continue;
    }
    refused.push(part);
    const layer = LAYER_SUFFIX.exec(name);
    if (layer?.[2] !== undefined || /backward/i.test(name)) reversed = true;
    else if (layer && Number(layer[1]) > 0) deeper = true;
    else otherTensor = true;
  }
  if (refused.length === 0) return skipped;
  const depth = layerCount(file, tensors);
  const reason =
    deeper || depth > 1
      ? LAYERS(depth)
      : reversed || file.bidirectional === true
        ? BIDIRECTIONAL
        : (networkRefusals[0] ??
          (otherTensor
            ? `this file has tensors a 1-layer network in the ${layout} layout does not have`
            : 'this file has fields gatescope.weights/1 does not define'));
  throw new UnusedPartsError(`${reason} (${describeParts(refused)})`, refused);
}

const LAYER_SUFFIX = /_l(\d+)(_reverse)?$/;

/** The depth a file describes: its numLayers, or one more than its deepest `_lN` tensor. */
function layerCount(file: Record<string, unknown>, tensors: Record<string, unknown>): number {
  let n = 1;
  for (const f of ['numLayers', 'num_layers'])
    if (Number.isInteger(file[f])) n = Math.max(n, file[f] as number);
  for (const name of Object.keys(tensors)) {
    const m = LAYER_SUFFIX.exec(name);
    if (m) n = Math.max(n, Number(m[1]) + 1);
  }
  return n;
}
