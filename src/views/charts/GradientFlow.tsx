/**
 * GRADIENT FLOW: ‖∂L/∂h_t‖ (and ‖∂L/∂c_t‖) against t on a log axis, with the memory-path
 * product dashed. Zeros and float32 underflow are drawn in a hatched band under the axis (an
 * axis break: they are not at any finite height), never as a point at −∞.
 */
import {
  Float32Band,
  Float32BandKey,
  HatchPattern,
  LogGrid,
  OverflowMark,
  SeekablePlot,
} from './logParts';
import { memo, useId, useMemo } from 'react';
import { line, scaleLinear } from 'd3';
import type { ViewProps } from '../types';
import './charts.css';
import {
  type GradPoint,
  type GradientFlowRenderData,
  gradientFlowRenderData,
  gradientSummary,
} from './gradientFlowData';
import { type TimeAxis, stepLabel, timeAxis } from './layout';
import {
  SupText,
  TimeAxisSvg,
  TimeRules,
  localPoint,
  useElementWidth,
  useHoverEmitter,
} from './parts';

export interface GradientFlowProps extends ViewProps {
  /** total height of the plot in CSS px (default 220) */
  height?: number;
  /** the one-line "how to read this" caption above the plot (default true; turn off where
   * the surrounding panel already says it) */
  showCaption?: boolean;
}

const TOP = 28; // room for the axis title and the loss-step markers
const BAND = { gap: 8, height: 22 };

interface Geometry {
  axis: TimeAxis;
  plotBottom: number;
  bandTop: number;
  y(log10: number): number;
}

function geometry(data: GradientFlowRenderData, width: number, height: number): Geometry {
  const axis = timeAxis(data.T, width);
  const plotBottom = height - 4 - (data.anyBelow ? BAND.gap + BAND.height : 0);
  const y = scaleLinear(data.yDomain, [plotBottom, TOP]);
  return { axis, plotBottom, bandTop: plotBottom + BAND.gap, y };
}

export function GradientFlow(props: GradientFlowProps) {
  const { trace, t, hover } = props;
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const emit = useHoverEmitter(props.onHover);
  const hatchId = `gs-hatch-${useId().replace(/:/g, '')}`;
  const data = useMemo(() => gradientFlowRenderData(trace), [trace]);
  const height = props.height ?? 220;
  const tt = Math.min(trace.T - 1, Math.max(0, t));
  const g = geometry(data, width, height);
  const { axis } = g;
  const L = data.lossStep;

  return (
    <figure className="chart gradients" aria-label={`Gradient flow. ${gradientSummary(data, tt)}`}>
      {props.showCaption !== false && <p className="chart-caption">{data.caption}</p>}
      <p className="chart-readout num">
        <SupText text={gradientSummary(data, hover.t ?? tt)} />
      </p>
      <div ref={ref} className="chart-body">
        {width > 0 && (
          <SeekablePlot
            width={width}
            height={height}
            label={`Gradient norms on a log scale, steps 1 to ${stepLabel(L)}`}
            stepAt={(e) => axis.tAt(localPoint(e).x)}
            emit={emit}
            onSeek={props.onSeek}
          >
            <StaticLayer data={data} width={width} height={height} hatchId={hatchId} />
            <TimeRules axis={axis} t={tt} hoverT={hover.t} y1={0} y2={height} />
            <SourceStepRule axis={axis} k={props.selection.from} t={tt} height={height} />
          </SeekablePlot>
        )}
        {width > 0 && <TimeAxisSvg axis={axis} t={tt} width={width} />}
      </div>
      <ul className="chart-legend" aria-label="Legend">
        {data.series.map((s) => (
          <li key={s.key}>
            <svg width={30} height={10} aria-hidden="true">
              <line
                x1={1}
                x2={29}
                y1={5}
                y2={5}
                stroke={s.color}
                strokeWidth={2.5}
                strokeDasharray={s.dashed ? '7 5' : undefined}
              />
            </svg>
            {s.key === 'memoryPath' ? `${s.label} (1 at the loss step)` : s.label}
          </li>
        ))}
        <li>
          <svg width={12} height={10} aria-hidden="true">
            <path className="loss-mark" d="M1,1 L11,1 L6,9 Z" />
          </svg>
          {data.lossSteps.length > 1 ? 'steps with a target' : 'step with the target'}
        </li>
        {data.anyBelow && <Float32BandKey hatchId={hatchId} />}
      </ul>
    </figure>
  );
}

/** The Jacobian lens's earlier step k (when one is picked before t): a dashed rule marked k. */
function SourceStepRule(p: {
  axis: TimeAxis;
  k: number | null | undefined;
  t: number;
  height: number;
}) {
  if (p.k === null || p.k === undefined || p.k >= p.t) return null;
  const x = p.axis.x(p.k);
  return (
    <g aria-hidden="true" className="source-step-rule">
      <line x1={x} x2={x} y1={TOP - 8} y2={p.height} />
      <text x={x + 4} y={TOP - 10}>
        k
      </text>
    </g>
  );
}

interface StaticProps {
  data: GradientFlowRenderData;
  width: number;
  height: number;
  hatchId: string;
}

/** Axes, band, loss marks and lines: rebuilt only when the trace or the size changes. */
const StaticLayer = memo(function StaticLayer({ data, width, height, hatchId }: StaticProps) {
  const g = geometry(data, width, height);
  const { axis, y, plotBottom, bandTop } = g;
  const right = axis.left + axis.plotWidth;
  const L = data.lossStep;
  const paths = useMemo(() => {
    const gen = line<GradPoint>()
      .defined((p) => !p.below && !p.overflow)
      .x((p) => axis.x(p.t))
      .y((p) => y(p.log10));
    return data.series.map((s) => ({ s, d: gen(s.points) ?? '' }));
    // axis and y are functions of (data, width, height), listed instead
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [data, width, height]);
  const afterX = L >= 0 ? axis.left + (L + 1) * axis.step : axis.left;

  return (
    <g>
      <HatchPattern id={hatchId} />
      {afterX < right && (
        <g aria-hidden="true">
          <rect
            className="after-loss"
            x={afterX}
            width={right - afterX}
            y={TOP}
            height={height - TOP}
          />
          {right - afterX > 130 && (
            <text className="band-label" x={(afterX + right) / 2} y={TOP + 18} textAnchor="middle">
              {L >= 0 ? 'after the loss: no gradient' : 'no target: no gradient'}
            </text>
          )}
        </g>
      )}
      <LogGrid
        ticks={data.ticks}
        y={y}
        left={axis.left}
        right={right}
        top={TOP}
        bottom={plotBottom}
        title="norm, log"
        titleAt={{ x: axis.left - 8, y: TOP - 17, anchor: 'end' }}
      />
      {data.anyBelow && (
        <Float32Band
          x={axis.left}
          width={axis.plotWidth}
          y={bandTop}
          height={BAND.height}
          hatchId={hatchId}
        />
      )}
      {L >= 0 && (
        <g aria-hidden="true">
          <line className="loss-rule" x1={axis.x(L)} x2={axis.x(L)} y1={TOP} y2={plotBottom} />
          {data.lossSteps.map((s) => (
            <path
              key={s}
              className="loss-mark"
              transform={`translate(${axis.x(s)},${TOP - 12})`}
              d="M-5,1 L5,1 L0,10 Z"
            />
          ))}
        </g>
      )}
      {paths.map(({ s, d }) => (
        <path
          key={s.key}
          className={`grad-line${s.dashed ? ' dashed' : ''}`}
          d={d}
          stroke={s.color}
        />
      ))}
      {data.series.map((s, i) =>
        s.points.map((p) =>
          p.below ? (
            <circle
              key={`${s.key}-${p.t}`}
              className="below-mark"
              cx={axis.x(p.t)}
              cy={bandTop + ((i + 1) * BAND.height) / (data.series.length + 1)}
              r={2.5}
              stroke={s.color}
            />
          ) : p.overflow ? (
            <OverflowMark key={`${s.key}-${p.t}`} x={axis.x(p.t)} top={TOP} />
          ) : null,
        ),
      )}
    </g>
  );
});
