/**
 * The Jacobian lens panel: computes (off the page) only while it is on screen, shows how far a
 * lens has got, and draws the lens with the shared cursor t and the lens's own k.
 */
import { memo, useEffect, useRef, useState } from 'react';
import { useLens } from '../store/lens';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { useUi } from '../store/ui';
import { Panel } from '../ui/Panel';
import { JacobianLensView } from '../views/lens/JacobianLens';
import { useLensFeed } from './useLensFeed';

/** True while the element is (even partly) in the viewport. */
function useOnScreen(): [React.RefObject<HTMLDivElement | null>, boolean] {
  const ref = useRef<HTMLDivElement>(null);
  const [on, setOn] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof IntersectionObserver === 'undefined') {
      setOn(true);
      return;
    }
    const io = new IntersectionObserver((entries) => setOn(entries.some((e) => e.isIntersecting)), {
      rootMargin: '200px',
    });
    io.observe(el);
    return () => io.disconnect();
  }, []);
  return [ref, on];
}

function LensStatus() {
  const { status, progress, error, partial, ms, mapMs, onPage, lens } = useLens();
  const cell = useTrace((s) => s.trace?.spec.cell);
  const percent =
    progress && progress.total > 0 ? Math.round((100 * progress.done) / progress.total) : 0;
  return (
    <p className="lens-status" aria-live="polite" data-testid="lens-status" data-status={status}>
      {status === 'computing' && (
        <span className="busy">
          {partial || !lens
            ? 'Computing the Jacobian lens…'
            : 'Updating the lens for the new weights…'}{' '}
          <progress max={100} value={percent} aria-label="Jacobian lens progress" />{' '}
          <span className="num">{percent}%</span>
        </span>
      )}
      {status === 'ready' && lens && (
        <span className="muted">
          {lens.T} × {lens.T} map of s = {cell === 'lstm' ? '(h, c)' : 'h'} ({lens.n} numbers), the
          map in {Math.round(mapMs)} ms, all in {Math.round(ms)} ms
          {onPage ? ` on the page (${onPage})` : ''}.
        </span>
      )}

      {status === 'error' && <span className="error">The lens could not be computed: {error}</span>}
    </p>
  );
}

export const LensPanel = memo(function LensPanel({ badge }: { badge: string | null }) {
  const [ref, onScreen] = useOnScreen();
  const hasTrace = useTrace((s) => s.trace !== null);
  useLensFeed(onScreen);
  const { lens, version } = useLens();
  const t = usePlayback((s) => s.t);
  const seek = usePlayback((s) => s.seek);
  const from = useUi((s) => s.selection.from);
  const selectFrom = useUi((s) => s.selectFrom);
  return (
    <Panel
      area="lens"
      badge={badge}
      title="Jacobian lens"
      caption="How much of the state at an earlier step k can still change the state at step t: ‖∂s_t/∂s_k‖, the product of the step Jacobians between them (log colour). Blue far from the diagonal is a vanishing gradient, orange a growing one."
      help="Each cell is the spectral norm of J_t ⋯ J_{k+1}, with J_t = ∂s_t/∂s_{t−1} the step Jacobian (s = h, or (h, c) for the LSTM), computed in float64 with the inputs held fixed. Click a cell to select t (every view follows) and k. The row chart reads one row against k; for Elman the dashed line is the bound σ_max(W_hh)^(t−k), which holds because tanh′ ≤ 1. The lower chart shows the singular values of each J_t: above 1 a step can stretch the state, below 1 it shrinks it."
    >
      <div ref={ref} className="lens-panel">
        <LensStatus />
        {lens ? (
          <JacobianLensView
            lens={lens}
            version={version}
            t={t}
            from={from}
            onSeek={seek}
            onSelectFrom={selectFrom}
          />
        ) : (
          // Not .panel-placeholder: that one means "no trace yet", and the lens waits for more.
          <div className="lens-idle muted">
            {hasTrace
              ? 'The lens is computed when this panel is on screen.'
              : 'Computing the first trace…'}
          </div>
        )}
      </div>
    </Panel>
  );
});
