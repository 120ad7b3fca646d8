/**
 * COMPARISON TABLE: one row per cell, measured live for the current settings. Each numeric
 * header carries a footnote mark; the footnotes under the table say exactly what was measured.
 */
import type { ReactNode } from 'react';
import { SupText } from '../charts/parts';
import { CELL_COLORS, CELL_DASH } from './colors';
import { LineSample } from './LineSample';
import './compare.css';
import { type ComparisonRow, FOOTNOTES } from './tableData';

export interface ComparisonTableProps {
  /** from comparisonRows(columns, task), computed once by the caller */
  rows: readonly ComparisonRow[];
}

interface Col {
  key: keyof typeof FOOTNOTES | 'params';
  head: ReactNode;
  cell(r: ComparisonRow): string;
  best?(r: ComparisonRow): boolean;
}

const COLS: Col[] = [
  { key: 'params', head: 'Parameters', cell: (r) => r.paramsText },
  { key: 'work', head: 'Work per step', cell: (r) => r.workText },
  { key: 'ms', head: 'ms per trace', cell: (r) => r.msText },
  {
    key: 'radius',
    head: (
      <>
        ρ(W<sub>hh</sub>)
      </>
    ),
    cell: (r) => r.radiusText,
  },
  { key: 'ratio', head: 'Gradient at step 1 ÷ at loss', cell: (r) => r.gradRatioText },
  {
    key: 'memory',
    head: 'Memory length (steps)',
    cell: (r) => r.memoryText,
    best: (r) => r.best.memory,
  },
  { key: 'loss', head: 'Training loss', cell: (r) => r.lossText, best: (r) => r.best.loss },
];

/** Columns read from the trace (or timed with it): pending until the trace arrives. */
const TRACED = new Set<Col['key']>(['ms', 'radius', 'ratio', 'memory']);

const NOTED = COLS.filter((c) => c.key !== 'params');

export function ComparisonTable({ rows }: ComparisonTableProps) {
  const mark = (c: Col) => NOTED.indexOf(c) + 1;
  return (
    <div className="compare-table-wrap">
      <table className="compare-table">
        <thead>
          <tr>
            <th scope="col">Cell</th>
            {COLS.map((c) => (
              <th
                key={c.key}
                scope="col"
                className="num-col"
                title={
                  c.key === 'params'
                    ? 'Trainable weights and biases, readout included'
                    : FOOTNOTES[c.key]
                }
              >
                {c.head}
                {c.key !== 'params' && <sup className="fn-mark">{mark(c)}</sup>}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.cell} aria-busy={!r.ready && !r.error}>
              <th scope="row">
                <span className="cell-name" style={{ color: CELL_COLORS[r.cell] }}>
                  <LineSample color={CELL_COLORS[r.cell]} dash={CELL_DASH[r.cell]} length={26} />
                  {r.name}
                </span>
              </th>
              {r.error ? (
                <td colSpan={COLS.length} className="row-error">
                  {r.error}
                </td>
              ) : (
                COLS.map((c) => (
                  <td key={c.key} className={`num num-col${c.best?.(r) ? ' best' : ''}`}>
                    {!r.ready && TRACED.has(c.key) ? (
                      <span className="muted">…</span>
                    ) : (
                      <SupText text={c.cell(r)} />
                    )}
                  </td>
                ))
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <ol className="compare-footnotes">
        {NOTED.map((c) => (
          <li key={c.key}>{FOOTNOTES[c.key as keyof typeof FOOTNOTES]}</li>
        ))}
      </ol>
    </div>
  );
}
