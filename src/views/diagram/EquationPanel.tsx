/**
 * The cell's update rules as text, with the selected unit's numbers at step t filled in. Each
 * line is in its gate's hue; clicking a gate line singles the gate out in every view.
 */
import { type CSSProperties, useMemo } from 'react';
import type { Weights } from '../../engine/types';
import { formatValue } from '../scales';
import type { ViewProps } from '../types';
import { type EquationLine, equationRenderData, markClamped } from './equationData';
import { MathHtml } from './MathText';
import './equations.css';

export interface EquationPanelProps extends ViewProps {
  /** the weights that produced the trace: with them, gate lines show their pre-activations */
  weights?: Weights;
  /** gates a what-if clamp holds constant at step t */
  clamped?: readonly string[];
  /** the line the current micro-step works on (outlined), if any */
  activeLine?: string | null;
}

export function EquationPanel({
  trace,
  t,
  selection,
  weights,
  clamped = [],
  activeLine = null,
  onSelectGate,
}: EquationPanelProps) {
  const data = useMemo(
    () => markClamped(equationRenderData(trace, t, selection, weights), clamped),
    [trace, t, selection, weights, clamped],
  );
  const unit = Math.min(trace.H - 1, Math.max(0, selection.unit));
  return (
    <div className="gs-eq">
      <p className="gs-eq-where">
        Unit <span className="num">{unit + 1}</span> at <var>t</var> ={' '}
        <span className="num">{Math.min(trace.T, t + 1)}</span>
      </p>
      <ol className="gs-eq-list">
        {data.lines.map((line) => (
          <li key={line.id} className={line.id === activeLine ? 'is-op' : undefined}>
            <Line
              line={line}
              selected={line.gate !== null && selection.gate === line.gate}
              onSelect={
                line.gate === null
                  ? undefined
                  : () => onSelectGate(selection.gate === line.gate ? null : line.gate)
              }
            />
          </li>
        ))}
      </ol>
      <p className="gs-eq-legend">
        <MathHtml text={data.legend} />
        {!data.withWeights &&
          ' · Pre-activations (the sums inside σ, tanh) need the model’s weights: showing activations only.'}
      </p>
    </div>
  );
}

function Line({
  line,
  selected,
  onSelect,
}: {
  line: EquationLine;
  selected: boolean;
  onSelect?: () => void;
}) {
  const body = (
    <>
      <span className="gs-eq-formula math">
        <span className="gs-eq-lhs">
          <MathHtml text={line.lhs} />
        </span>{' '}
        = <MathHtml text={line.formula} />
      </span>
      <span className="gs-eq-numbers num">
        {line.substituted !== null && <>= {line.substituted} </>}
        <span className="gs-eq-tail">
          = <strong data-testid={`eq-result-${line.id}`}>{formatValue(line.result)}</strong>
        </span>
      </span>
      {line.note && (
        <span className="gs-eq-note">
          <MathHtml text={line.note} />
        </span>
      )}
    </>
  );
  const style = { '--line-color': line.color } as CSSProperties;
  if (!onSelect) {
    return (
      <div className="gs-eq-line is-state" style={style}>
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={`gs-eq-line${selected ? ' is-selected' : ''}`}
      style={style}
      aria-pressed={selected}
      onClick={onSelect}
    >
      {body}
    </button>
  );
}
