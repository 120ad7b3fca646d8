/**
 * One cell's column: its own gradient-flow chart (the same component as the single view, made
 * compact) and one line of numbers under it. The playback step is shared, so stepping moves
 * the rule in all three columns together.
 */
import type { CompareColumn } from '../../config/compareColumn';
import { GradientFlow } from '../charts/GradientFlow';
import { SupText } from '../charts/parts';
import type { SharedViewProps } from '../types';
import './compare.css';
import { type ComparisonRow, columnStat } from './tableData';

export interface CellColumnProps {
  column: CompareColumn;
  row: ComparisonRow | undefined;
  shared: SharedViewProps;
  /** height of the gradient chart in CSS px */
  height?: number;
}

export function CellColumn({ column, row, shared, height = 170 }: CellColumnProps) {
  const tr = column.trace;
  if (column.error) {
    return (
      <div className="column-error" role="alert">
        {column.error}
      </div>
    );
  }
  return (
    <div className="compare-column">
      {column.divergence && (
        <div className="column-diverged" role="alert">
          <strong>Training diverged.</strong> {column.divergence}
        </div>
      )}
      {tr ? (
        <>
          <GradientFlow
            {...shared}
            trace={tr}
            t={Math.min(shared.t, tr.T - 1)}
            height={height}
            showCaption={false}
          />
          <p className="column-stat num">
            {columnStat(row).map((part) => (
              <span key={part}>
                <SupText text={part} />
              </span>
            ))}
          </p>
        </>
      ) : (
        <div className="panel-placeholder" style={{ minHeight: height }}>
          computing…
        </div>
      )}
    </div>
  );
}
