/**
 * The cell diagram: the chosen cell as a schematic at step t, every gate and wire carrying the
 * selected unit's value, with faint copies of steps t−1 and t+1 either side so the recurrence
 * (h, and the LSTM's c, handed from step to step) is visible. Click a gate to single it out,
 * a neighbour to step there.
 */
import { type GateName } from '../../engine/cellKinds';
import { useMemo } from 'react';
import type { Weights } from '../../engine/types';
import { formatValue } from '../scales';
import type { ViewProps } from '../types';
import {
  CELL_TITLES,
  type DiagramRenderData,
  diagramRenderData,
  flowMap,
  summarizeVector,
} from './diagramData';
import { GateBlock, Ghost, Op, Wire } from './DiagramParts';
import { type CellLayout, GHOST_W, type LabelSpec } from './geometry';
import { cellLayout } from './layout';
import { MathHtml, MathSvg } from './MathText';
import { WireLegend } from './WireLegend';
import './diagram.css';

export interface CellDiagramProps extends ViewProps {
  /** the weights that produced the trace: adds values no trace stores (Elman's a_t, the GRU's W_hn h) */
  weights?: Weights;
  /** while stepping through the ops of a step: the parts the current op touches (ids of wires,
   * operators and gate blocks); the rest is dimmed */
  lit?: readonly string[];
}

export function CellDiagram(props: CellDiagramProps) {
  const { trace, t, selection, weights } = props;
  const data = useMemo(
    () => diagramRenderData(trace, t, selection, weights),
    [trace, t, selection, weights],
  );
  const layout = useMemo(() => cellLayout(data.cell, data.variant), [data.cell, data.variant]);
  return (
    <figure className="gs-diagram">
      <DiagramSvg data={data} layout={layout} {...props} />
      <figcaption className="gs-diagram-caption">
        <WireLegend />
        <p>
          <MathHtml text={variantNote(data)} />
        </p>
      </figcaption>
    </figure>
  );
}

function variantNote(d: DiagramRenderData): string {
  if (d.cell === 'gru' && d.variant === 'reset-before')
    return 'Reset-before (Cho 2014, tf.layers): r scales h_{t−1} before the recurrent weights U_n.';
  if (d.cell === 'gru')
    return 'Reset-after (PyTorch, Keras ≥ 2.3): r scales U_n h_{t−1} + b_{hn}, after the recurrent weights.';
  if (d.cell === 'elman')
    return `Activation ${d.variant === 'relu' ? 'ReLU: max(0, a_t)' : 'tanh'}; the only memory is h itself.`;
  return 'The cell state c runs along the top; only the forget and input gates change it.';
}

interface SvgProps extends CellDiagramProps {
  data: DiagramRenderData;
  layout: CellLayout;
}

function DiagramSvg({ data, layout, selection, onSelectGate, onSeek, onHover, lit }: SvgProps) {
  const flows = flowMap(data.flows);
  const litSet = new Set(lit ?? []);
  const part = (id: string) => `gs-part${litSet.has(id) ? ' is-lit' : ''}`;
  const { frame } = layout;
  const select = (g: GateName) => onSelectGate(selection.gate === g ? null : g);
  const hover = (ht: number | null) => onHover({ t: ht, unit: ht === null ? null : data.unit });
  const gateOf = (name: string) => data.gates.find((g) => g.name === name);
  return (
    <svg
      className={`gs-diagram-svg${lit?.length ? ' is-micro' : ''}`}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
      role="img"
      aria-label={data.ariaLabel}
    >
      <rect className="gs-frame" x={frame.x} y={frame.y} width={frame.w} height={frame.h} rx={12} />
      <text className="gs-frame-title" x={frame.x + frame.w / 2} y={frame.y + 30}>
        {`${CELL_TITLES[data.cell]} · t = ${data.t + 1} / ${data.T} · unit ${data.unit + 1}`}
      </text>
      <Ghost
        side="prev"
        x={0}
        y={frame.y}
        w={GHOST_W}
        h={frame.h}
        ports={layout.ports}
        step={data.neighbours.prev}
        onSeek={onSeek}
        onHover={hover}
      />
      <Ghost
        side="next"
        x={layout.width - GHOST_W}
        y={frame.y}
        w={GHOST_W}
        h={frame.h}
        ports={layout.ports}
        step={data.neighbours.next}
        onSeek={onSeek}
        onHover={hover}
      />
      {layout.wires.map((w) => (
        <g key={w.id} className={part(w.id)}>
          <Wire spec={w} flow={w.flow === null ? undefined : flows.get(w.flow)} />
        </g>
      ))}
      {layout.dots.map((d) => (
        <circle key={`${d.x},${d.y}`} className="gs-dot" cx={d.x} cy={d.y} r={4.5} />
      ))}
      {layout.ops.map((o) => (
        <g key={o.id} className={part(o.id)}>
          <Op spec={o} />
        </g>
      ))}
      {layout.blocks.map((b) => (
        <g key={b.gate} className={part(b.gate)}>
          {b.gate === 'act' ? (
            <GateBlock
              spec={b}
              gate={undefined}
              act={{ fn: data.variant === 'relu' ? 'ReLU' : 'tanh', value: data.states.h }}
              selected={false}
            />
          ) : (
            <GateBlock
              spec={b}
              gate={gateOf(b.gate)}
              selected={selection.gate === b.gate}
              onSelect={() => select(b.gate as GateName)}
            />
          )}
        </g>
      ))}
      {layout.labels.map((l) => (
        <Label
          key={l.id}
          spec={l}
          data={data}
          value={l.flow ? flows.get(l.flow)?.value : undefined}
        />
      ))}
    </svg>
  );
}

function Label({
  spec,
  data,
  value,
}: {
  spec: LabelSpec;
  data: DiagramRenderData;
  value?: number | null;
}) {
  // x_t is a vector: its label lists the entries (or summarises them) rather than one number.
  const valueText =
    spec.flow === 'x'
      ? summarizeVector(data.states.x)
      : value === undefined || value === null
        ? null
        : formatValue(value);
  return (
    <text className={`gs-label gs-${spec.tone}`} x={spec.x} y={spec.y} textAnchor={spec.anchor}>
      <MathSvg text={spec.text} />
      {valueText !== null && (
        <tspan className="gs-label-value" dx={6}>
          {valueText}
        </tspan>
      )}
    </text>
  );
}
