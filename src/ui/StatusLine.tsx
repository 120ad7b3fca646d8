import { useTrace } from '../store/trace';

/**
 * What the engine is doing and anything the user must know: busy (shown only after 100 ms, so
 * quick recomputes do not flicker), the last error (the previous picture stays), where the
 * weights came from, and their fingerprint so a class can compare screens.
 */
export function StatusLine() {
  const { status, error, note, fingerprint, computeMs, trace } = useTrace();
  return (
    <div className="status-line" role="status" aria-live="polite" data-status={status}>
      {status === 'computing' && <span className="busy">Computing the trace…</span>}
      {status === 'waiting' && <span className="busy">Starting the engine…</span>}
      {error && (
        <span className="status-error" role="alert">
          {error}
          {trace ? ' — the previous picture is still shown.' : ''}
        </span>
      )}
      {note && !error && <span className="muted">{note}</span>}
      {trace && (
        <span className="status-meta num">
          weights #{fingerprint} · trace {computeMs.toFixed(0)} ms
        </span>
      )}
    </div>
  );
}
