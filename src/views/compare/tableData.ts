/**
 * The comparison table as data: one row per cell, every number measured live for the current
 * settings (sizes from the spec, timing from this machine, the rest from the cell's trace).
 */
import type { CompareColumn } from '../../config/compareColumn';
import { CELLS } from '../../engine/cellKinds';
import { recurrentSpectralRadii } from '../../engine/linalg';
import { gateCount, parameterCount } from '../../engine/spec';
import type { Task } from '../../engine/tasks/task';
import type { CellKind, ModelSpec } from '../../engine/types';
import { pow10Label } from '../charts/layout';
import { FLOAT32_TINY } from '../scales';

/** The memory path counts as "still remembering" while it is at least this. */
export const MEMORY_THRESHOLD = 0.01;

export const FOOTNOTES = {
  work: 'Multiply-adds per step: G·H·(I+H) + O·H, with G weight blocks (Elman 1, GRU 3, LSTM 4), H hidden units, I inputs and O outputs.',
  ms: 'Wall-clock time of the last trace (forward pass, backprop through time and read-back) on this machine.',
  radius:
    'Spectral radius ρ of the recurrent weights Wₕₕ, the largest over the gate blocks. Below 1 an Elman network’s gradients shrink every step.',
  ratio:
    '‖∂L/∂h‖ at the first step divided by its value at the loss step L: how much of the gradient survives the whole sequence.',
  memory: `Memory length: the largest number of steps k back from the loss step at which the memory path is still ≥ ${MEMORY_THRESHOLD}. “≥ L” means it never fell below.`,
  loss: 'Latest training loss, and as a fraction of the task’s memoryless baseline (below 1× means the network uses memory).',
} as const;

export interface ComparisonRow {
  cell: CellKind;
  name: string;
  /** false while the column has no trace yet */
  ready: boolean;
  error: string | null;
  params: number | null;
  paramsText: string;
  /** multiply-adds per step */
  work: number | null;
  workText: string;
  traceMs: number | null;
  msText: string;
  /** spectral radius of W_hh, max over blocks */
  radius: number | null;
  radiusText: string;
  /** ‖∂L/∂h_0‖ / ‖∂L/∂h_L‖ */
  gradRatio: number | null;
  gradRatioText: string;
  /** steps back from L the memory path stays ≥ MEMORY_THRESHOLD; atLeast: it never fell below */
  memory: { steps: number; atLeast: boolean } | null;
  memoryText: string;
  loss: number | null;
  /** loss ÷ baseline */
  lossRatio: number | null;
  lossText: string;
  /** this row has the longest memory / the lowest loss of the rows that have one */
  best: { memory: boolean; loss: boolean };
}

const DASH = '–';

/** G·H·(I+H) + O·H: the recurrent cell's matrix products plus the readout, per step. */
export function workPerStep(spec: ModelSpec): number {
  const { inputSize: I, hiddenSize: H, outputSize: O } = spec;
  return gateCount(spec.cell) * H * (I + H) + O * H;
}

/** A ratio of magnitudes as a person writes it: 0.42, 3×10⁻⁹, 0 (underflow). */
export function ratioText(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return '∞';
  if (v === 0) return '0';
  if (v >= 0.01 && v < 100) return v.toPrecision(2);
  let k = Math.floor(Math.log10(v));
  let m = Math.round(v / 10 ** k);
  if (m === 10) {
    m = 1;
    k += 1;
  }
  return `${m === 1 ? '' : `${m}×`}${pow10Label(k)}`;
}

/** Largest lag k ≤ L with path[L − k] ≥ threshold (lag 0 is 1 by definition). */
export function memoryLength(
  path: ArrayLike<number>,
  L: number,
  threshold = MEMORY_THRESHOLD,
): { steps: number; atLeast: boolean } {
  let steps = 0;
  for (let k = 0; k <= L; k++) if (path[L - k]! >= threshold) steps = k;
  return { steps, atLeast: steps === L };
}

function msText(ms: number): string {
  if (!(ms > 0) || !Number.isFinite(ms)) return DASH;
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}

function lossValueText(v: number): string {
  return v >= 0.001 && v < 1000 ? v.toPrecision(3) : v.toExponential(1).replace('-', '−');
}

function rowFor(col: CompareColumn, baseline: number | null): ComparisonRow {
  const spec = col.spec ?? col.trace?.spec ?? null;
  const tr = col.trace;
  const L = tr?.lossStep ?? -1;

  let radius: number | null = null;
  const radii =
    col.spectralRadii.length || !spec || !col.weights
      ? col.spectralRadii
      : recurrentSpectralRadii(spec, col.weights);
  if (radii.length) radius = Math.max(...radii);

  let gradRatio: number | null = null;
  let gradRatioText = DASH;
  if (tr && L >= 0) {
    const g0 = tr.series.gradHNorm[0]!;
    const gL = tr.series.gradHNorm[L]!;
    if (gL > 0 && Number.isFinite(gL)) {
      gradRatio = g0 / gL;
      gradRatioText = ratioText(gradRatio);
      if (g0 === 0) gradRatioText = '0 (underflow)';
      else if (g0 < FLOAT32_TINY) gradRatioText += ' (below float32)';
    }
  }

  const memory = tr && L >= 0 ? memoryLength(tr.series.memoryPath, L) : null;
  const last = col.history.length ? col.history[col.history.length - 1]! : null;
  const loss = last && Number.isFinite(last.loss) ? last.loss : null;
  const lossRatio = loss !== null && baseline && baseline > 0 ? loss / baseline : null;
  let lossText = col.steps > 0 || last ? DASH : 'not trained';
  if (loss !== null) {
    lossText = lossValueText(loss);
    if (lossRatio !== null) lossText += ` (${lossRatio.toPrecision(2)}× baseline)`;
  }
  if (col.divergence) lossText = 'diverged';

  const params = spec ? parameterCount(spec) : null;
  const work = spec ? workPerStep(spec) : null;
  return {
    cell: col.cell,
    name: CELLS[col.cell].name,
    ready: tr !== null,
    error: col.error,
    params,
    paramsText: params === null ? DASH : params.toLocaleString('en-US'),
    work,
    workText: work === null ? DASH : work.toLocaleString('en-US'),
    traceMs: col.traceMs > 0 ? col.traceMs : null,
    msText: msText(col.traceMs),
    radius,
    radiusText: radius === null ? DASH : radius.toFixed(2),
    gradRatio,
    gradRatioText,
    memory,
    memoryText: !memory ? DASH : memory.atLeast ? `≥ ${L}` : String(memory.steps),
    loss,
    lossRatio,
    lossText,
    best: { memory: false, loss: false },
  };
}

/** One row per column, in column order; marks the longest memory and the lowest loss. */
export function comparisonRows(
  columns: Readonly<Record<CellKind, CompareColumn>>,
  task: Pick<Task, 'baseline'> | null,
): ComparisonRow[] {
  const rows = Object.values(columns).map((c) => rowFor(c, task?.baseline.loss ?? null));
  const mem = rows.filter((r) => r.memory).map((r) => r.memory!.steps);
  const losses = rows.filter((r) => r.loss !== null).map((r) => r.loss!);
  for (const r of rows) {
    // Only a real difference is a "best": equal memories or a single row mark nothing.
    r.best.memory =
      mem.length > 1 &&
      r.memory !== null &&
      r.memory.steps === Math.max(...mem) &&
      new Set(mem).size > 1;
    // The lowest loss is marked only when it beats the memoryless baseline.
    r.best.loss =
      (r.lossRatio === null || r.lossRatio < 1) &&
      losses.length > 1 &&
      r.loss !== null &&
      r.loss === Math.min(...losses) &&
      new Set(losses).size > 1;
  }
  return rows;
}

/** The stat under a column's chart, as short phrases (wrapped between, never inside). */
export function columnStat(row: ComparisonRow | undefined): string[] {
  if (!row || !row.ready) return [];
  const parts: string[] = [];
  if (row.memory) {
    const n = row.memory.steps;
    parts.push(
      row.memory.atLeast
        ? `memory ${row.memoryText} steps`
        : `memory ${n} step${n === 1 ? '' : 's'}`,
    );
  }
  if (row.gradRatio !== null) parts.push(`step-1 gradient ${row.gradRatioText}`);
  return parts;
}

/** "40 updates each", or each cell's count when they differ. */
export function updatesText(steps: Record<string, number>): string {
  const names = Object.keys(steps);
  const counts = Object.values(steps);
  if (counts.every((n) => n === counts[0])) {
    const n = counts[0] ?? 0;
    return `${n} update${n === 1 ? '' : 's'} each`;
  }
  return `updates: ${names.map((k) => `${k} ${steps[k]}`).join(' · ')}`;
}
