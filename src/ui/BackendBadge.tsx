import { useId, useState } from 'react';
import type { BackendName } from '../engine/backend/backends';
import { type BackendMode, useBackendStore } from '../store/backend';

const MENU: { mode: BackendMode; text: string }[] = [
  { mode: 'auto', text: 'auto (fastest)' },
  { mode: 'webgl', text: 'WebGL' },
  { mode: 'wasm', text: 'wasm' },
  { mode: 'cpu', text: 'cpu' },
];

/** The badge's line: what runs the network and why, or what is under way. */
function useBadgeText(): { tone: string; text: string } {
  const s = useBackendStore();
  const { info, choice } = s;
  if (s.status === 'failed')
    return { tone: 'failed', text: `TensorFlow.js failed to start: ${s.error}` };
  if (!info) return { tone: 'starting', text: s.progress ?? 'Starting TensorFlow.js…' };
  // The measured verdict while it describes what runs; otherwise the backend's own label
  // (forced by a link or the menu, or moved to cpu by a lost WebGL context).
  if (s.mode === 'auto' && choice?.name === info.name && !info.fallbackReason)
    return { tone: 'fast', text: choice.summary };
  const fast = info.name === 'webgl' && !info.software && !info.fallbackReason;
  return { tone: fast ? 'fast' : 'slow', text: info.label };
}

/**
 * A measured verdict in two lines, the verdict and then the times ("wasm — fastest here for
 * LSTM 50×16:" / "wasm 4 ms · cpu 9 ms · webgl 150 ms"), so the badge stays narrow enough to
 * sit beside the title instead of wrapping the header (and shifting the page) when it arrives.
 * The text content is unchanged.
 */
function BadgeText({ text }: { text: string }) {
  const at = text.indexOf(': ');
  if (!text.includes(' — ') || at < 0) return text;
  return (
    <>
      {text.slice(0, at + 1)}
      <span className="badge-times">{text.slice(at + 1)}</span>
    </>
  );
}

/** The (?) panel: every backend's time or why it was skipped, and how the choice is made. */
function Explanation({ id }: { id: string }) {
  const { info, choice, mode, unavailable } = useBackendStore();
  const notMeasured = (Object.entries(unavailable) as [BackendName, string][]).filter(
    ([name]) => !choice?.timings.some((t) => t.name === name && t.skipped),
  );
  return (
    <div id={id} className="badge-help" role="note">
      {choice && (
        <>
          <ul>
            {choice.details.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <p>{choice.how}</p>
        </>
      )}
      {choice && mode !== 'auto' && (
        <p>
          You picked {mode}; auto would use {choice.name}.
        </p>
      )}
      {!choice && (
        <p>
          {mode === 'auto'
            ? 'The backends are being measured on this page’s own trace.'
            : 'Set by the link or the menu, so nothing was measured. Pick “auto” to measure the backends here and use the fastest.'}
        </p>
      )}
      {notMeasured.map(([name, why]) => (
        <p key={name}>
          {name} unavailable: {why}
        </p>
      ))}
      {info?.renderer && <p>GPU: {info.renderer}</p>}
    </div>
  );
}

/** Status badge: which TF.js backend runs the network and why, with a menu to override it. */
export function BackendBadge() {
  const { mode, progress, select, switchError, unavailable, info } = useBackendStore();
  const { tone, text } = useBadgeText();
  const [open, setOpen] = useState(false);
  const helpId = useId();
  return (
    <div className="badge-row">
      <div
        className={`badge badge-${progress ? 'starting' : tone}`}
        role="status"
        aria-live="polite"
        title={info?.renderer ?? info?.fallbackReason}
      >
        <span className="badge-dot" aria-hidden="true" />
        <span className="badge-kind">Backend</span>
        <span data-testid="backend-label" className="badge-text" title={text}>
          <BadgeText text={text} />
        </span>
        {progress && info && (
          <span className="badge-progress" data-testid="backend-progress">
            {progress}
          </span>
        )}
      </div>
      <button
        type="button"
        className="help-toggle"
        aria-expanded={open}
        aria-controls={helpId}
        aria-label="Why this backend?"
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      <select
        className="badge-select"
        aria-label="TF.js backend"
        value={mode}
        disabled={!select || progress !== null}
        title="Run the network on another backend, or on the fastest measured here (auto)"
        onChange={(e) => select?.(e.target.value as BackendMode)}
      >
        {MENU.map(({ mode: m, text: t }) => {
          const why = m === 'auto' ? undefined : unavailable[m];
          return (
            <option key={m} value={m} disabled={why !== undefined && m !== mode}>
              {why ? `${t} (unavailable)` : t}
            </option>
          );
        })}
      </select>
      {switchError && (
        <span className="badge-error" role="alert">
          {switchError}
        </span>
      )}
      {open && <Explanation id={helpId} />}
    </div>
  );
}
