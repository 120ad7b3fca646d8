import { type ReactNode, memo, useEffect } from 'react';
import { clampedGatesAt, clampsFor, interventionLabel } from '../config/config';
import { useConfig } from '../store/config';
import { useTrace } from '../store/trace';
import { useSharedViewProps } from '../ui/useSharedViewProps';
import { MicroSteps, useMicroOps } from '../ui/MicroSteps';
import { equationLineOf } from '../views/micro/microSteps';
import { Panel } from '../ui/Panel';
import { TrainingPanel } from '../ui/TrainingPanel';
import { GateHeatmaps } from '../views/charts/GateHeatmaps';
import { GradientFlow } from '../views/charts/GradientFlow';
import { StateTraces } from '../views/charts/StateTraces';
import { CellDiagram } from '../views/diagram/CellDiagram';
import { EquationPanel } from '../views/diagram/EquationPanel';
import { IOStrip } from '../views/io/IOStrip';
import type { ViewProps } from '../views/types';
import { markFirstFrame } from './firstFrame';
import { LensPanel } from './LensPanel';

/** Builds the shared view props from the stores: every view sees the same t, selection, hover. */
function useViewProps(): ViewProps | null {
  const trace = useTrace((s) => s.trace);
  const shared = useSharedViewProps();
  if (!trace) return null;
  return { ...shared, trace, t: Math.min(shared.t, trace.T - 1) };
}

function Waiting() {
  return <div className="panel-placeholder">Computing the first trace…</div>;
}

/**
 * The training panel reads its own stores; memoised with no props so that playback (which
 * re-renders Views every step) never re-renders it.
 */
const TrainingView = memo(function TrainingView() {
  return (
    <Panel
      area="training"
      title="Training"
      caption="Train this network live on the task, with the engine's own backprop through time."
      help="Each update draws a fresh batch of sequences from the task's seeded generator. The dashed line is the best a network without memory can do."
    >
      <TrainingPanel />
    </Panel>
  );
});

/** The main grid of views, all driven by the one trace and cursor. */
export function Views() {
  const props = useViewProps();
  const { task, sequence, weights } = useTrace();
  const cell = props?.trace.spec.cell;
  const config = useConfig();
  const badge = cell ? interventionLabel(config, cell) : null;
  const clamps = props && cell ? clampsFor(config, cell, props.trace.T) : [];
  const clampedNow = props ? clampedGatesAt(clamps, props.t) : [];
  const micro = useMicroOps(
    props?.trace ?? null,
    props?.t ?? 0,
    props?.selection.unit ?? 0,
    clamps,
  );
  const op = micro.ops && micro.index !== null ? micro.ops[micro.index]! : null;
  const show = (node: ReactNode) => (props ? node : <Waiting />);
  // The views' own effects (which draw the canvases) run before this one: all are drawn.
  const drawn = props !== null;
  useEffect(() => {
    if (drawn) markFirstFrame();
  }, [drawn]);
  return (
    <main className="layout">
      <Panel
        area="diagram"
        badge={badge}
        title="Cell diagram"
        caption={
          <>
            The cell at the current step for the selected unit: every gate with its value, wires
            drawn by how much they carry.
          </>
        }
        help="Click a neighbouring step to move there. Values are for one unit (pick another in any chart); the diagram's wiring is the same for every unit."
      >
        {show(props && <CellDiagram {...props} weights={weights ?? undefined} lit={op?.lit} />)}
      </Panel>
      <Panel
        area="heatmaps"
        badge={badge}
        title={cell === 'elman' ? 'Hidden state heatmap' : 'Gate heatmaps'}
        caption={
          cell === 'elman'
            ? 'The hidden state as units × time (an Elman cell has no gates): read a row to follow one unit, a column to see one step.'
            : 'Each gate as units × time: read a row to follow one unit, a column to see one step.'
        }
        help="Sigmoid gates run from 0 (closed) to 1 (open) on a sequential scale; tanh quantities from −1 to +1 on a diverging scale. Click a row to select that unit."
      >
        {show(props && <GateHeatmaps {...props} />)}
      </Panel>
      <Panel
        area="traces"
        badge={badge}
        title="State traces"
        caption={
          cell === 'lstm'
            ? 'Hidden state h and cell state c of the selected unit over time (faint: other units).'
            : 'Hidden state h of the selected unit over time (faint: other units).'
        }
        help="The cell state c of an LSTM is not squashed, so it can hold a value for many steps; h is what the rest of the network sees."
      >
        {show(props && <StateTraces {...props} />)}
      </Panel>
      <Panel
        area="equations"
        badge={badge}
        title="Equations"
        caption="This step's update, with the selected unit's numbers filled in."
        help="Each line is one gate or state of the cell, computed from this step's input and the previous state."
      >
        {show(
          props && (
            <>
              <MicroSteps
                trace={props.trace}
                t={props.t}
                unit={props.selection.unit}
                micro={micro}
              />
              <EquationPanel
                {...props}
                weights={weights ?? undefined}
                clamped={clampedNow}
                activeLine={op ? equationLineOf(op.id) : null}
              />
            </>
          ),
        )}
      </Panel>
      <Panel
        area="gradients"
        badge={badge}
        title="Gradient flow"
        caption="How strongly the loss still depends on each earlier step (log scale): read it from the loss step leftwards."
        help="‖∂L/∂h_t‖ is the size of the loss gradient at step t. The dashed memory path multiplies the memory route's factors back from the loss step: forget gates (LSTM), update gates (GRU), or the step Jacobians (Elman). A line falling towards the left is a vanishing gradient."
      >
        {show(props && <GradientFlow {...props} />)}
      </Panel>
      <TrainingView />
      <Panel
        area="strip"
        badge={badge}
        title="Input / output"
        caption="The sequence step by step: inputs tinted by how much the loss depends on them, targets, and the network's outputs."
        help="Click a step to move the cursor there."
      >
        {show(props && task && sequence && <IOStrip {...props} task={task} sequence={sequence} />)}
      </Panel>
      <LensPanel badge={badge} />
    </main>
  );
}
