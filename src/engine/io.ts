/**
 * Plain-JSON views of sequences and traces, for the CLI and for exports: nested number arrays
 * in, nested number arrays out, with every input checked and every problem named.
 */
import { EngineInputError, LIMITS } from './spec';
import { type JacobianLens, normAt } from './jacobian/lens';
import type { Trace } from './trace';
import type { LossKind, ModelSpec, Sequence, Weights } from './types';
import { type UnusedPart, UnusedPartsError, describeParts, unknownFields } from './unused';
import { exportWeights } from './weights/format';
import type { Layout } from './weights/layout';

const SEQUENCE_FIELDS = ['inputs', 'targets', 'loss'];

/**
 * Parses `{"inputs": T×I, "targets": per step (array of O numbers for mse, a class index for
 * softmax-xent, or null), "loss": "mse" | "softmax-xent"}` against a model spec. Other fields
 * that look like metadata are skipped and returned; any other field (a mask, an initial state…)
 * could mean other numbers, so it is refused.
 */
export function sequenceFromJson(
  json: unknown,
  spec: ModelSpec,
): { sequence: Sequence; skipped: UnusedPart[] } {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    throw new EngineInputError('input must be a JSON object');
  const f = json as Record<string, unknown>;
  const { skipped, refused } = unknownFields(f, SEQUENCE_FIELDS);
  if (refused.length > 0)
    throw new UnusedPartsError(
      `this file has fields a sequence does not have (${describeParts(refused)}); a sequence has ${SEQUENCE_FIELDS.join(', ')}`,
      refused,
    );
  const loss = f.loss as LossKind;
  if (loss !== 'mse' && loss !== 'softmax-xent')
    throw new EngineInputError('"loss" must be "mse" or "softmax-xent"');
  const { inputSize: I, outputSize: O } = spec;
  if (
    !Array.isArray(f.inputs) ||
    f.inputs.length < LIMITS.length.min ||
    f.inputs.length > LIMITS.length.max
  ) {
    throw new EngineInputError(
      `"inputs" must be an array of ${LIMITS.length.min} to ${LIMITS.length.max} steps`,
    );
  }
  const T = f.inputs.length;
  const inputs = new Float32Array(T * I);
  f.inputs.forEach((row: unknown, t) => {
    if (!Array.isArray(row) || row.length !== I)
      throw new EngineInputError(
        `inputs[${t}] must be an array of ${I} numbers (the model's input size)`,
      );
    row.forEach((v: unknown, i) => {
      if (typeof v !== 'number' || !Number.isFinite(v))
        throw new EngineInputError(`inputs[${t}][${i}] must be a finite number`);
      inputs[t * I + i] = v;
    });
  });
  if (!Array.isArray(f.targets) || f.targets.length !== T)
    throw new EngineInputError(
      `"targets" must have one entry per step (${T}), null where a step has no target`,
    );
  const mask = new Uint8Array(T);
  const targets = new Float32Array(loss === 'mse' ? T * O : T);
  f.targets.forEach((v: unknown, t) => {
    if (v === null) return;
    mask[t] = 1;
    if (loss === 'softmax-xent') {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v >= O)
        throw new EngineInputError(
          `targets[${t}] must be a class index from 0 to ${O - 1} or null`,
        );
      targets[t] = v;
      return;
    }
    if (!Array.isArray(v) || v.length !== O)
      throw new EngineInputError(
        `targets[${t}] must be an array of ${O} numbers (the model's output size) or null`,
      );
    v.forEach((x: unknown, o) => {
      if (typeof x !== 'number' || !Number.isFinite(x))
        throw new EngineInputError(`targets[${t}][${o}] must be a finite number`);
      targets[t * O + o] = x;
    });
  });
  return { sequence: { length: T, inputSize: I, inputs, loss, mask, targets }, skipped };
}

function rows(a: Float32Array, T: number, N: number): number[][] {
  return Array.from({ length: T }, (_, t) => Array.from(a.subarray(t * N, (t + 1) * N)));
}

/**
 * Gradients in a file layout. Where Keras keeps one bias for two PyTorch biases that only
 * ever appear summed, ∂L/∂bias equals ∂L/∂b_ih (= ∂L/∂b_hh), not their sum.
 */
export function gradientsInLayout(spec: Required<ModelSpec>, g: Weights, layout: Layout) {
  const singleKerasBias =
    layout === 'keras' && !(spec.cell === 'gru' && spec.gruVariant === 'reset-after');
  const w = singleKerasBias ? { ...g, bHh: new Float32Array(g.bHh.length) } : g;
  return exportWeights({ spec, weights: w }, layout).tensors;
}

/** The trace as nested arrays (the CLI's output), weight gradients named as in `layout`. */
export function traceToJson(tr: Trace, layout: Layout) {
  const { T, H } = tr;
  const gates = Object.fromEntries(Object.entries(tr.gates).map(([k, v]) => [k, rows(v, T, H)]));
  return {
    cell: tr.spec.cell,
    ...(tr.spec.cell === 'gru' ? { gruVariant: tr.spec.gruVariant } : {}),
    T,
    h: rows(tr.h, T, H),
    ...(tr.c ? { c: rows(tr.c, T, H) } : {}),
    gates,
    y: rows(tr.y, T, tr.O),
    loss: tr.loss,
    stepLoss: Array.from(tr.stepLoss),
    grad: {
      h: rows(tr.grad.h, T, H),
      ...(tr.grad.c ? { c: rows(tr.grad.c, T, H) } : {}),
      x: rows(tr.grad.x, T, tr.I),
      weights: gradientsInLayout(tr.spec, tr.grad.weights, layout),
    },
  };
}

/**
 * The shortest decimal that reads back as the same float32: most trace values print in 6–8
 * digits instead of float64's 17, and a spreadsheet still gets the exact number.
 */
export function float32Text(v: number): string {
  if (!Number.isFinite(v) || v === 0) return String(v);
  for (let p = 6; p < 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return String(s);
  }
  return String(Number(v.toPrecision(9)));
}

/** Header of traceToCsv, after its comment line. */
export const TRACE_CSV_COLUMNS = 'step,quantity,unit,value';

/**
 * The trace in tidy ("long") CSV: one row per step, quantity and index. `step` is 1-based as on
 * the page; `unit` is the 1-based hidden unit (h, c, gate.*, grad.h, grad.c), input (x, grad.x)
 * or output (y), and empty for per-step scalars (stepLoss, mask, series.*). Rows come step by
 * step, so a student can filter one quantity or pivot it to a T×N table in any spreadsheet.
 * The first line is a `#` comment naming the model and this layout (pandas: `comment='#'`).
 */
export function traceToCsv(tr: Trace, about = ''): string {
  const { T, H, I, O } = tr;
  const matrices: [string, Float32Array | undefined, number][] = [
    ['x', tr.x, I],
    ['h', tr.h, H],
    ['c', tr.c, H],
    ...Object.entries(tr.gates).map(
      ([k, v]) => [`gate.${k}`, v, H] as [string, Float32Array, number],
    ),
    ['y', tr.y, O],
    ['grad.h', tr.grad.h, H],
    ['grad.c', tr.grad.c, H],
    ['grad.x', tr.grad.x, I],
  ];
  const s = tr.series;
  // float64 series keep their full precision: a vanishing gradient of 1e-60 is data here.
  const scalars: [string, ArrayLike<number> | undefined, (v: number) => string][] = [
    ['stepLoss', tr.stepLoss, float32Text],
    ['mask', tr.mask, String],
    ['series.gradHNorm', s.gradHNorm, String],
    ['series.gradCNorm', s.gradCNorm, String],
    ['series.gradXNorm', s.gradXNorm, String],
    ['series.memoryPath', s.memoryPath, String],
    ['series.whhStepNorm', s.whhStepNorm, String],
  ];
  const variant = tr.spec.cell === 'gru' ? ` ${tr.spec.gruVariant}` : '';
  // No commas or quotes in the comment line (a CSV reader that does not skip comments reads it
  // as one field, not as a row wider than the table), and ASCII only (no BOM is written).
  const note = about.replace(/[\r\n]+/g, ' ').replace(/[,"]/g, ' ');
  const lines = [
    `# gatescope trace: ${tr.spec.cell}${variant}${note ? ` ${note}` : ''}; T=${T} I=${I} H=${H} O=${O}; long format: step (1-based); quantity; unit (1-based hidden unit or input or output index: empty for per-step scalars); value`,
    TRACE_CSV_COLUMNS,
  ];
  for (let t = 0; t < T; t++) {
    const step = t + 1;
    for (const [name, a, n] of matrices) {
      if (!a) continue;
      for (let k = 0; k < n; k++)
        lines.push(`${step},${name},${k + 1},${float32Text(a[t * n + k]!)}`);
    }
    for (const [name, a, fmt] of scalars) if (a) lines.push(`${step},${name},,${fmt(a[t]!)}`);
  }
  return lines.join('\n') + '\n';
}

/**
 * The CLI's `jacobian` object (issue #18): `norm[t][k]` = ‖∂s_t/∂s_k‖₂ (1 on the diagonal, 0
 * above it) and `stepSingularValues[t]`, descending, each of the n singular values of J_t.
 */
export function jacobianToJson(lens: JacobianLens): {
  norm: number[][];
  stepSingularValues: number[][];
} {
  const { T, svCount } = lens;
  return {
    norm: Array.from({ length: T }, (_, t) =>
      Array.from({ length: T }, (_, k) => normAt(lens, t, k)),
    ),
    stepSingularValues: Array.from({ length: T }, (_, t) =>
      Array.from(lens.stepSingularValues.subarray(t * svCount, (t + 1) * svCount)),
    ),
  };
}
