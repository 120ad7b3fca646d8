/**
 * Probes that read training runs: the single view's, or the compare view's three. A run's loss
 * is the mean of its last few reported points, so one lucky batch does not decide the answer.
 */
import { CELLS, CELL_KINDS } from '../engine/cellKinds';
import type { CellKind } from '../engine/types';
import {
  type ProbeContext,
  type ProbeDef,
  type RunSummary,
  noAnswer,
  numberText,
} from './probeTypes';

const NOT_TRAINED = 'None of the three cells has trained yet: run the experiment first.';

/** Points averaged for "the loss now". */
export const RECENT_POINTS = 10;

/** The mean loss of the run's last RECENT_POINTS points, or null before the first. */
export function recentLoss(run: RunSummary): number | null {
  const pts = run.history.slice(-RECENT_POINTS).filter((p) => Number.isFinite(p.loss));
  if (!pts.length || run.divergence) return null;
  return pts.reduce((s, p) => s + p.loss, 0) / pts.length;
}

const baselineOf = (ctx: ProbeContext) => ctx.task?.baseline.loss ?? null;

function vsBaseline(loss: number, base: number | null): string {
  return base && base > 0
    ? `${numberText(loss)} (${(loss / base).toFixed(2)}× the baseline)`
    : numberText(loss);
}

export const RUN_PROBES: Record<string, ProbeDef> = {
  bestCell: {
    answers: 'choice',
    reads: 'compare',
    describe: 'the cell whose training loss is lowest now (compare view)',
    params: {},
    options: () => [...CELL_KINDS],
    compute(ctx) {
      const losses = CELL_KINDS.map((c) => ({ c, loss: recentLoss(ctx.compare[c]) }));
      const trained = losses.filter((x): x is { c: CellKind; loss: number } => x.loss !== null);
      if (!trained.length) return noAnswer(NOT_TRAINED, 'compare');
      trained.sort((a, b) => a.loss - b.loss);
      const base = baselineOf(ctx);
      const list = losses
        .map(
          (x) => `${CELLS[x.c].name} ${x.loss === null ? 'not trained' : vsBaseline(x.loss, base)}`,
        )
        .join('; ');
      return {
        value: trained[0]!.c,
        why: `Loss over the last updates: ${list}. The compare view's loss chart draws all three.`,
        panel: 'compare',
      };
    },
  },
  cellsBelowBaseline: {
    answers: 'number',
    reads: 'compare',
    describe: "how many of the three cells train below the task's memoryless baseline",
    params: {},
    compute(ctx) {
      const base = baselineOf(ctx);
      if (base === null) return noAnswer('This task has no baseline.', 'compare');
      // Untrained cells are not "above the baseline": with none trained there is nothing to count.
      if (CELL_KINDS.every((c) => recentLoss(ctx.compare[c]) === null))
        return noAnswer(NOT_TRAINED, 'compare');
      const below = CELL_KINDS.filter((c) => {
        const l = recentLoss(ctx.compare[c]);
        return l !== null && l < base;
      });
      return {
        value: below.length,
        why: `Below the baseline ${numberText(base)}: ${below.length ? below.map((c) => CELLS[c].name).join(', ') : 'none'} (compare view, dashed line).`,
        panel: 'compare',
      };
    },
  },
  beatsBaseline: {
    answers: 'choice',
    reads: 'training',
    describe: "whether this network's training loss is below the memoryless baseline now",
    params: {},
    options: () => ['yes', 'no'],
    compute(ctx) {
      const base = baselineOf(ctx);
      const loss = recentLoss(ctx.training);
      if (base === null) return noAnswer('This task has no baseline.', 'training');
      if (loss === null)
        return noAnswer(
          ctx.training.divergence
            ? 'Training diverged: no loss to compare.'
            : 'No training yet: run the experiment first.',
          'training',
        );
      return {
        value: loss < base ? 'yes' : 'no',
        why: `After ${ctx.training.steps} updates the loss is ${vsBaseline(loss, base)}; the dashed line in the Training chart is the baseline ${numberText(base)}.`,
        panel: 'training',
      };
    },
  },
};
