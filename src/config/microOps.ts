/**
 * The micro-steps of each cell (issue #18) by id, in order: forward, then backward. The views
 * compute each op's numbers (views/micro/); the ids live here, low in the layers, because a link
 * names one (`op=gate-forget`) and the keyboard walks them.
 */
import type { CellKind } from '../engine/types';

export const MICRO_OP_IDS: Readonly<Record<CellKind, readonly string[]>> = {
  elman: ['wx', 'uh', 'bias', 'pre', 'act', 'y', 'b-dh', 'b-pre-h'],
  lstm: [
    'wx',
    'uh',
    'bias',
    'gate-input',
    'gate-forget',
    'gate-candidate',
    'gate-output',
    'fc',
    'ig',
    'c',
    'tanhc',
    'h',
    'y',
    'b-dh',
    'b-dc',
    'b-pre-output',
    'b-pre-forget',
    'b-pre-input',
    'b-pre-candidate',
  ],
  gru: [
    'wx',
    'uh',
    'bias',
    'gate-reset',
    'gate-update',
    'gate-candidate',
    'take',
    'keep',
    'h',
    'y',
    'b-dh',
    'b-pre-candidate',
    'b-pre-update',
    'b-pre-reset',
  ],
};

/**
 * The op `by` away from `current` (null: not stepped in): from outside, +1 steps in at the
 * first op; −1 from the first op steps out; the last op stays the last.
 */
export function microOpStep(cell: CellKind, current: string | null, by: 1 | -1): string | null {
  const ids = MICRO_OP_IDS[cell];
  const k = current === null ? -1 : ids.indexOf(current);
  if (k < 0) return by > 0 ? ids[0]! : null;
  const next = k + by;
  if (next < 0) return null;
  return ids[Math.min(ids.length - 1, next)]!;
}
