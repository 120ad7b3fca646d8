import { memo, useEffect, useMemo, useRef } from 'react';
import type { Task } from '../../engine/tasks/task';
import type { Sequence } from '../../engine/types';
import { formatValue } from '../scales';
import type { ViewProps } from '../types';
import { type StripCell, stripRenderData } from './stripData';
import './io.css';

interface IOStripProps extends Pick<ViewProps, 'trace' | 't' | 'hover' | 'onHover' | 'onSeek'> {
  task: Task;
  sequence: Sequence;
}

/** The step a strip event happened on (from the cell's data-t), or null between cells. */
function stepOf(target: EventTarget | null): number | null {
  const cell = target instanceof Element ? target.closest<HTMLElement>('[data-t]') : null;
  return cell ? Number(cell.dataset.t) : null;
}

/**
 * One column per step: input (tinted by saliency), target, prediction; click to jump there.
 * Cells are memoised and their clicks and hovers handled once on the strip, so a new step
 * re-renders only the two cells whose "now" mark moves (T can be 1000 cells).
 */
export function IOStrip({ trace, t, hover, onHover, onSeek, task, sequence }: IOStripProps) {
  const cells = useMemo(() => stripRenderData(trace, task, sequence), [trace, task, sequence]);
  const scroller = useRef<HTMLDivElement>(null);
  // Keep the current step in view while playing or stepping, scrolling only the strip sideways:
  // scrollIntoView would also scroll the page, pulling a shared link down to the strip.
  useEffect(() => {
    const box = scroller.current;
    const el = box?.querySelector<HTMLElement>(`[data-t="${t}"]`);
    if (!box || !el) return;
    const r = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (r.left < b.left) box.scrollLeft += r.left - b.left;
    else if (r.right > b.right) box.scrollLeft += r.right - b.right;
  }, [t]);
  return (
    <div className="io-strip">
      <div className="io-rowlabels" aria-hidden="true">
        <span>step</span>
        <span>input</span>
        <span>target</span>
        <span>output</span>
      </div>
      <div
        className="io-scroll"
        ref={scroller}
        onClick={(e) => {
          const st = stepOf(e.target);
          if (st !== null) onSeek(st);
        }}
        onMouseOver={(e) => {
          const st = stepOf(e.target);
          if (st !== null && st !== hover.t) onHover({ t: st, unit: hover.unit });
        }}
        onMouseLeave={() => onHover({ t: null, unit: hover.unit })}
      >
        {cells.map((c) => (
          <Cell key={c.t} c={c} now={c.t === t} hovered={hover.t === c.t} />
        ))}
      </div>
      <p className="io-legend">
        <span className="io-swatch" /> input tint = saliency ‖∂L/∂x<sub>t</sub>‖, log scale over 6
        decades: how much the loss depends on that input. Outputs are shown where the step has a
        target.
      </p>
    </div>
  );
}

const Cell = memo(function Cell({
  c,
  now,
  hovered,
}: {
  c: StripCell;
  now: boolean;
  hovered: boolean;
}) {
  return (
    <button
      type="button"
      data-t={c.t}
      className={`io-cell${now ? ' now' : ''}${hovered ? ' hover' : ''}${c.targeted ? ' targeted' : ''}`}
      aria-label={`Step ${c.t + 1}: input ${c.input}${c.targeted ? `, target ${c.target}, output ${c.prediction}` : ''}`}
      aria-current={now ? 'step' : undefined}
      title={`step ${c.t + 1} · saliency ‖∂L/∂x‖ = ${formatValue(c.saliencyNorm)}`}
    >
      <span className="io-step num">{c.t + 1}</span>
      <span className="io-input" style={{ ['--sal' as string]: c.saliency.toFixed(3) }}>
        {c.input}
      </span>
      <span className="io-target">{c.target || '·'}</span>
      <span className={`io-pred${c.correct === true ? ' ok' : c.correct === false ? ' bad' : ''}`}>
        {c.targeted ? c.prediction : ''}
      </span>
    </button>
  );
});
