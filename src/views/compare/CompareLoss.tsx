/** LOSS: the three training curves on shared axes (log y) with the task's memoryless baseline. */
import type { CompareColumn } from '../../config/compareColumn';
import { CELLS } from '../../engine/cellKinds';
import { useMemo } from 'react';
import type { CellKind } from '../../engine/types';
import { useElementWidth } from '../charts/parts';
import '../charts/charts.css';
import { LossChart, type LossLine } from '../training/LossChart';
import { CELL_COLORS, CELL_DASH } from './colors';
import { LineSample } from './LineSample';
import './compare.css';

/** EMA factor of the drawn lines (raw losses stay faint underneath). */
const SMOOTHING = 0.8;

export interface CompareLossProps {
  columns: Readonly<Record<CellKind, CompareColumn>>;
  /** the task's memoryless baseline loss */
  baseline: number | null;
  height?: number;
}

export function CompareLoss({ columns, baseline, height = 280 }: CompareLossProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const lines: LossLine[] = useMemo(
    () =>
      Object.values(columns).map((c) => ({
        key: c.cell,
        label: CELLS[c.cell].name,
        color: CELL_COLORS[c.cell],
        dash: CELL_DASH[c.cell],
        history: c.history,
      })),
    [columns],
  );
  const trained = lines.some((l) => l.history.length > 0);
  return (
    <figure className="chart compare-loss">
      <div ref={ref} className="chart-body">
        {width > 0 && (
          <LossChart
            lines={lines}
            baseline={baseline}
            label="Training loss of the three cells"
            size={{ width, height }}
            smoothing={SMOOTHING}
          />
        )}
        {!trained && <p className="loss-empty">Not trained yet: press “Train all three”.</p>}
      </div>
      <ul className="chart-legend" aria-label="Legend">
        {Object.values(columns).map((c) => {
          const last = c.history[c.history.length - 1];
          return (
            <li key={c.cell}>
              <LineSample color={CELL_COLORS[c.cell]} dash={CELL_DASH[c.cell]} />
              <b style={{ color: CELL_COLORS[c.cell] }}>{CELLS[c.cell].name}</b>
              {last && Number.isFinite(last.loss) && (
                <span className="num">{last.loss.toPrecision(3)}</span>
              )}
            </li>
          );
        })}
        {baseline !== null && (
          <li>
            <LineSample color="#56606e" dash="5 4" width={1.5} />
            baseline <span className="num">{baseline.toPrecision(3)}</span>
          </li>
        )}
      </ul>
    </figure>
  );
}
