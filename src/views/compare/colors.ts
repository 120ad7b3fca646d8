/**
 * One colour and one dash per cell kind (names: engine/cellKinds.ts), used by every compare
 * chart and the table.
 * The hues are Paul Tol's high-contrast scheme (the yellow darkened to read as a line on white):
 * distinct under protan-, deutan- and tritanopia and in three different greys, and none of them
 * is a gate hue from ../palette (gates never appear in the compare charts, but the two must not
 * be confused when a teacher switches views). The dash differs too, so a grayscale print reads.
 */
import type { CellKind } from '../../engine/types';

export const CELL_COLORS: Readonly<Record<CellKind, string>> = {
  /** rose red, L* 50 */
  elman: '#BB5566',
  /** dark blue, L* 29 */
  lstm: '#004488',
  /** dark gold, L* 60 */
  gru: '#B58900',
};

/** SVG stroke-dasharray of each cell's main (gradient / loss) line; undefined = solid. */
export const CELL_DASH: Readonly<Record<CellKind, string | undefined>> = {
  elman: undefined,
  lstm: '12 5',
  gru: '2 5',
};

/** The memory path of every cell: a thinner line, in the cell's colour, with this dash. */
export const PATH_DASH = '7 4';

/** What each cell is, in one sentence, for the column captions. */
export const CELL_BLURB: Readonly<Record<CellKind, string>> = {
  elman: 'One tanh layer and no gates: the whole state is rewritten at every step.',
  lstm: 'Four gates and a cell state c: the forget gate decides what c keeps.',
  gru: 'Three gates, no separate cell state: the update gate decides how much old state stays.',
};
