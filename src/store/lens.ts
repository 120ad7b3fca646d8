/**
 * The Jacobian lens on screen (issue #18) and the one being computed. The lens's arrays are held
 * by reference and filled in place while it computes; `version` changes with every part, so the
 * view redraws without copying them.
 */
import { create } from 'zustand';
import type { JacobianLens } from '../engine/jacobian/lens';

export type LensStatus = 'off' | 'computing' | 'ready' | 'error';

interface LensState {
  status: LensStatus;
  /** the lens drawn: a finished one, or the first of new inputs while it fills in */
  lens: JacobianLens | null;
  /** true while `lens` is still filling in */
  partial: boolean;
  /** bumped on every part that lands in `lens` */
  version: number;
  /** how far the computation in flight is (work done of total), null when none runs */
  progress: { done: number; total: number } | null;
  /** ms the last lens took, and until its map was whole */
  ms: number;
  mapMs: number;
  error: string | null;
  /** why the lens runs on the page, not in its worker, or null */
  onPage: string | null;
}

export const useLens = create<LensState>()(() => ({
  status: 'off',
  lens: null,
  partial: false,
  version: 0,
  progress: null,
  ms: 0,
  mapMs: 0,
  error: null,
  onPage: null,
}));
