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
    // One Tab stop for the whole strip (the current step): keyboard focus follows the step.
    if (box.contains(document.activeElement)) el.focus({ preventScroll: true });
    const r = el.getBoundingClientRect();
    const b = box.getBoundingClientRect();
    if (r.left < b.left) box.scrollLeft += r.left - b.left;
    else if (r.right > b.right) box.scrollLeft += r.right - b.right;
    // Wrapped into rows (embed=strip), the panel scrolls instead: keep the row in view there.
    const panel = box.closest<HTMLElement>('.panel');
    if (panel && panel.scrollHeight > panel.clientHeight) {
      const p = panel.getBoundingClientRect();
      if (r.top < p.top) panel.scrollTop += r.top - p.top;
      else if (r.bottom > p.bottom) panel.scrollTop += r.bottom - p.bottom;
    }
  }, [t]);
  return (
    <div className="io-strip">
      <div className="io-rowlabels" aria-hidden="true">
        <span>step</span>
        <span>input</span>
        <span>target</span>
        <span>output</span>
      </div>
      {/* A composite widget: Tab reaches the current step, ←/→ (the page's step keys), Home
          and End move it, and each option's name starts with what it shows. */}
      <div
        className="io-scroll"
        ref={scroller}
        role="listbox"
        aria-label="Input and output at each step"
        aria-orientation="horizontal"
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
      role="option"
      aria-selected={now}
      tabIndex={now ? 0 : -1}
      data-t={c.t}
      className={`io-cell${now ? ' now' : ''}${hovered ? ' hover' : ''}${c.targeted ? ' targeted' : ''}`}
      title={`step ${c.t + 1} · saliency ‖∂L/∂x‖ = ${formatValue(c.saliencyNorm)}`}
    >
      {/* The name is the visible text in order, with the words a listener needs between. */}
      <span className="sr-only">step</span>
      <span className="io-step num">{c.t + 1}</span>
      <span className="sr-only">input</span>
      <span className="io-input" style={{ ['--sal' as string]: c.saliency.toFixed(3) }}>
        {c.input}
      </span>
      {c.targeted && <span className="sr-only">target</span>}
      <span className="io-target" aria-hidden={!c.targeted}>
        {c.target || '·'}
      </span>
      {c.targeted && <span className="sr-only">output</span>}
      <span className={`io-pred${c.correct === true ? ' ok' : c.correct === false ? ' bad' : ''}`}>
        {c.targeted ? c.prediction : ''}
      </span>
    </button>
  );
});
