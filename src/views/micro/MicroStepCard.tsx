/**
 * The micro-step card: outside a step, one button to step into it; inside, the current op (its
 * rule, the numbers that go in and the one that comes out) and the controls to walk the ops.
 * Each op is also one sentence in a live region, for screen readers.
 */
import { formatValue } from '../scales';
import { MathHtml } from '../diagram/MathText';
import type { MicroOp } from './types';
import './micro.css';

export const OP_SPEEDS = [0.5, 1, 2] as const;

/** The op's sentence without math markup's braces, for speech. */
const spoken = (text: string) => text.replace(/[{}]/g, '').replace(/_/g, ' ');

export interface MicroStepCardProps {
  ops: readonly MicroOp[];
  /** the op shown, or null when not stepped in */
  index: number | null;
  /** the step, 0-based */
  t: number;
  unit: number;
  playing: boolean;
  speed: number;
  onEnter(): void;
  onMove(by: 1 | -1): void;
  onExit(): void;
  onPlay(playing: boolean): void;
  onSpeed(speed: number): void;
}

export function MicroStepCard(p: MicroStepCardProps) {
  if (p.index === null) {
    return (
      <div className="gs-micro-card is-outside">
        <button type="button" className="gs-micro-enter" onClick={p.onEnter}>
          Step into t = {p.t + 1}, op by op <kbd>↓</kbd>
        </button>
      </div>
    );
  }
  const op = p.ops[p.index]!;
  const forward = p.ops.filter((o) => o.phase === 'forward').length;
  const position =
    op.phase === 'forward'
      ? `Forward ${p.index + 1} of ${forward}`
      : `Backward ${p.index - forward + 1} of ${p.ops.length - forward}`;
  return (
    <section
      className={`gs-micro-card is-${op.phase}`}
      aria-label="Micro-steps"
      data-testid="micro-card"
      data-op={op.id}
    >
      <header className="gs-micro-head">
        <span className="gs-micro-where">
          {position} · unit {p.unit + 1} at t = {p.t + 1}
        </span>
        <strong className="gs-micro-title">{op.title}</strong>
      </header>
      <p className="gs-micro-formula math">
        <MathHtml text={op.formula} />
      </p>
      {/* The numbers, as one sentence: read on screen, and announced to screen readers. */}
      <p className="gs-micro-numbers num" data-testid="micro-numbers">
        <MathHtml text={op.text} />
      </p>
      {op.result !== null && (
        <p className="gs-micro-result" key={op.id}>
          ={' '}
          <strong className="num" data-testid="micro-result">
            {formatValue(op.result, 4)}
          </strong>
        </p>
      )}
      <p className="sr-only" aria-live="polite">
        {spoken(op.text)}
      </p>
      <div className="gs-micro-controls">
        <button type="button" onClick={() => p.onMove(-1)} aria-label="Previous op (↑)">
          ◀ op
        </button>
        <button
          type="button"
          onClick={() => p.onMove(1)}
          disabled={p.index === p.ops.length - 1}
          aria-label="Next op (↓)"
        >
          op ▶
        </button>
        <button type="button" onClick={() => p.onPlay(!p.playing)} aria-pressed={p.playing}>
          {p.playing ? 'Pause ops' : 'Play ops'}
        </button>
        <label>
          speed{' '}
          <select
            value={p.speed}
            onChange={(e) => p.onSpeed(Number(e.target.value))}
            aria-label="Op speed"
          >
            {OP_SPEEDS.map((s) => (
              <option key={s} value={s}>
                {s}×
              </option>
            ))}
          </select>
        </label>
        <button type="button" onClick={p.onExit}>
          Step out
        </button>
      </div>
    </section>
  );
}
