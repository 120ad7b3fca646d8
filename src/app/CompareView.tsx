/**
 * THE COMPARE VIEW: Elman, LSTM and GRU side by side on the same task, sequence, seed and
 * hidden size. Top: the three gradients overlaid (the article's claim in one picture) and the
 * three loss curves; then the measured table; then each cell's own gradient-flow chart, all
 * three following the shared playback step.
 */
import { CELLS, CELL_KINDS } from '../engine/cellKinds';
import { type CSSProperties, useMemo } from 'react';
import { useCompare } from '../store/compare';
import { interventionLabel } from '../config/config';
import { useConfig } from '../store/config';
import { usePlayback } from '../store/playback';
import { useUi } from '../store/ui';
import { useSharedViewProps } from '../ui/useSharedViewProps';
import { Panel } from '../ui/Panel';
import { CellColumn } from '../views/compare/CellColumn';
import { CompareLoss } from '../views/compare/CompareLoss';
import { ComparisonTable } from '../views/compare/ComparisonTable';
import { GradientOverlay } from '../views/compare/GradientOverlay';
import { CELL_BLURB, CELL_COLORS } from '../views/compare/colors';
import '../views/compare/compare.css';
import { comparisonRows, updatesText } from '../views/compare/tableData';

/** CELL_COLORS as CSS variables (--cell-elman …), for the stylesheet. */
const cellColorVars = Object.fromEntries(
  CELL_KINDS.map((c) => [`--cell-${c}`, CELL_COLORS[c]]),
) as CSSProperties;

export function CompareView() {
  const columns = useCompare((s) => s.columns);
  const running = useCompare((s) => s.running);
  const status = useCompare((s) => s.status);
  const task = useCompare((s) => s.task);
  const actions = useCompare((s) => s.actions);
  const t = usePlayback((s) => s.t);
  const seek = usePlayback((s) => s.seek);
  const ui = useUi();
  const config = useConfig();
  const rows = useMemo(() => comparisonRows(columns, task), [columns, task]);

  const shared = useSharedViewProps();
  const cols = CELL_KINDS.map((c) => columns[c]);
  const anySteps = cols.some((c) => c.steps > 0);
  const spec = cols.find((c) => c.spec)?.spec ?? cols.find((c) => c.trace)?.trace?.spec;
  const steps = Object.fromEntries(cols.map((c) => [CELLS[c.cell].name, c.steps]));
  // Every active intervention is named on the view, per cell it changes, so a screenshot cannot mislead.
  const interventions = CELL_KINDS.flatMap((cell) => {
    const label = interventionLabel(config, cell);
    return label ? [`${CELLS[cell].name}: ${label}`] : [];
  });

  return (
    <div className="compare-view" data-testid="compare-view">
      <div className="compare-toolbar" role="toolbar" aria-label="Train the three cells">
        <button
          type="button"
          className="primary"
          onClick={running ? actions.pauseAll : actions.trainAll}
        >
          {running ? 'Pause' : anySteps ? 'Resume training' : 'Train all three'}
        </button>
        <button type="button" disabled={!anySteps && !running} onClick={actions.resetAll}>
          Reset all
        </button>
        <span className="compare-updates num" aria-live="polite">
          {updatesText(steps)}
        </span>
        <span className="compare-setting">
          {task && <>{task.title} · </>}
          {task && <>T = {task.length} · </>}
          {spec && <>H = {spec.hiddenSize} · </>}
          same sequence and seed for all three
        </span>
        {status === 'computing' && <span className="compare-busy">computing…</span>}
        {interventions.map((text) => (
          <span key={text} className="intervention-badge">
            what-if: {text}
          </span>
        ))}
        {status === 'error' && (
          <span className="compare-error" role="alert">
            Could not compute the comparison.
          </span>
        )}
      </div>
      <div className="compare-grid" style={cellColorVars}>
        <Panel
          area="cmp-overlay"
          title="Gradients, overlaid"
          caption="Each cell's gradient relative to its value at the loss step, against how far back it has travelled. A steep fall is a vanishing gradient."
          help="Thick lines: ‖∂L/∂h_t‖ ÷ ‖∂L/∂h_L‖, so every cell starts at 1 (10⁰) at the loss step. Thin dashed lines: the memory path, the product of the factors on the cell's memory route (forget gates, update gates, or an Elman network's step Jacobians). Values too small for 32-bit floats drop into the hatched band. Click to move the step."
        >
          <GradientOverlay
            columns={columns}
            t={t}
            hover={ui.hover}
            onHover={ui.setHover}
            onSeek={seek}
            height={300}
          />
        </Panel>
        <Panel
          area="cmp-loss"
          title="Training loss"
          caption="The three cells trained side by side with the same optimizer and batches (log scale)."
          help="Below the dashed baseline a network is doing better than the best guess without memory, so it must be remembering the marked inputs."
        >
          <CompareLoss columns={columns} baseline={task?.baseline.loss ?? null} height={280} />
        </Panel>
        <Panel
          area="cmp-table"
          title="Measured side by side"
          caption="Sizes, speed on this machine, and how far back each cell's gradient reaches, for the current settings."
        >
          <ComparisonTable rows={rows} />
        </Panel>
        {cols.map((c) => (
          <Panel
            key={c.cell}
            area={`cmp-${c.cell}`}
            title={CELLS[c.cell].name}
            caption={CELL_BLURB[c.cell]}
          >
            <CellColumn column={c} row={rows.find((r) => r.cell === c.cell)} shared={shared} />
          </Panel>
        ))}
      </div>
    </div>
  );
}
