import { useBackendStore } from '../store/backend';
import { useTrace } from '../store/trace';
import { useTraining } from '../store/training';
import { traceProgressText } from './traceProgress';

/**
 * What the engine is doing and anything the user must know: busy (shown only after 100 ms, so
 * quick recomputes do not flicker), the last error (the previous picture stays), where the
 * weights came from, and their fingerprint so a class can compare screens. While TF.js starts,
 * a shipped precomputed trace may be on screen: said so, with what the engine is doing. Training
 * problems show here too: a failed update or worker, and training moved onto the main thread;
 * so do traces moved onto the main thread because the trace worker could not help. A long trace
 * in the worker shows a progress bar and where the recurrence has got.
 */
export function StatusLine() {
  const {
    status,
    source,
    error,
    note,
    fingerprint,
    computeMs,
    trace,
    fallback,
    progress: traceProgress,
  } = useTrace();
  const progress = useBackendStore((s) => s.progress);
  const engineFailed = useBackendStore((s) => s.status === 'failed');
  const trainingError = useTraining((s) => s.error);
  const trainingFallback = useTraining((s) => s.fallback);
  const starting = engineFailed
    ? ', but the engine could not start (see the Backend badge)'
    : progress
      ? ` — ${progress}`
      : '';
  return (
    <div
      className="status-line"
      role="status"
      aria-live="polite"
      data-status={status}
      data-source={source}
    >
      {status === 'computing' && (
        <span className="busy" data-testid="trace-busy">
          Computing the trace…
          {traceProgress && (
            <>
              {' '}
              <progress
                max={traceProgress.total}
                value={traceProgress.done}
                aria-label="Trace progress"
              />{' '}
              <span className="num">{traceProgressText(traceProgress)}</span>
            </>
          )}
        </span>
      )}
      {status === 'precomputed' && (
        <span className="muted" data-testid="precomputed-note">
          Precomputed trace of the default network, shown until the live engine runs{starting}
        </span>
      )}
      {status === 'waiting' && !engineFailed && (
        <span className="busy">
          Starting the engine{starting || '…'}
          {source === 'precomputed' ? ' (the picture still shows the default network)' : ''}
        </span>
      )}
      {error && (
        <span className="status-error" role="alert">
          {error}
          {trace ? ' — the previous picture is still shown.' : ''}
        </span>
      )}
      {trainingError && (
        <span className="status-error" role="alert" data-testid="training-error">
          {trainingError}
        </span>
      )}
      {trainingFallback && (
        <span className="status-warning" data-testid="training-fallback">
          {trainingFallback}
        </span>
      )}
      {fallback && (
        <span className="status-warning" data-testid="trace-fallback">
          {fallback}
        </span>
      )}
      {note && !error && <span className="muted">{note}</span>}
      {trace && (
        <span className="status-meta num">
          weights #{fingerprint} ·{' '}
          {source === 'precomputed' ? 'trace precomputed' : `trace ${computeMs.toFixed(0)} ms`}
        </span>
      )}
    </div>
  );
}
