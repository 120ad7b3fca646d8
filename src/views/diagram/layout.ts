/** Picks the schematic of a cell kind (and, for the GRU, where its reset gate acts). */
import type { CellKind, ElmanActivation, GruVariant } from '../../engine/types';
import type { CellLayout } from './geometry';
import { elmanLayout } from './layoutElman';
import { gruLayout } from './layoutGru';
import { lstmLayout } from './layoutLstm';

export function cellLayout(
  cell: CellKind,
  variant: GruVariant | ElmanActivation | null,
): CellLayout {
  if (cell === 'lstm') return lstmLayout();
  if (cell === 'gru') return gruLayout(variant === 'reset-before' ? 'reset-before' : 'reset-after');
  return elmanLayout();
}
