/** Pixel geometry of the overlay: margins, the plot, the below-float32 band, and the scales. */
import { scaleLinear } from 'd3';
import { CHART_MARGIN } from '../charts/layout';
import type { OverlayPoint, OverlayRenderData } from './overlayData';

export const TOP = 44; // two rows above the plot: the y-axis title, then the current step's label
const RIGHT = 74; // gutter for the cell names at the lines' ends
const AXIS = 42; // x ticks and title
export const BAND = { gap: 8, height: 26 };

export interface Geometry {
  left: number;
  right: number;
  plotBottom: number;
  bandTop: number;
  axisY: number;
  x(lag: number): number;
  y(log10: number): number;
  lagAt(px: number): number | null;
  /** y of a point: in the band (one row per cell) when below float32 */
  yOf(p: OverlayPoint, cellRow: number): number;
}

export function geometry(data: OverlayRenderData, width: number, height: number): Geometry {
  const left = CHART_MARGIN.left;
  const right = Math.max(left + 1, width - RIGHT);
  const axisY = height - AXIS;
  const plotBottom = axisY - (data.anyBelow ? BAND.gap + BAND.height + 4 : 0);
  const bandTop = plotBottom + BAND.gap;
  const x = scaleLinear([0, Math.max(1, data.xMax)], [left, right]);
  const y = scaleLinear(data.yDomain, [plotBottom, TOP]);
  const rows = Math.max(1, data.cells.length);
  return {
    left,
    right,
    plotBottom,
    bandTop,
    axisY,
    x,
    y,
    lagAt: (px) =>
      px < left - 4 || px > right + 4
        ? null
        : Math.min(data.xMax, Math.max(0, Math.round(x.invert(px)))),
    yOf: (p, row) => (p.below ? bandTop + ((row + 1) * BAND.height) / (rows + 1) : y(p.log10)),
  };
}
