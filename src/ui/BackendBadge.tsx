import { useBackendStore } from '../store/backend';

/** Status badge: which TF.js backend runs the network, and why. */
export function BackendBadge() {
  const status = useBackendStore((s) => s.status);
  const info = useBackendStore((s) => s.info);
  const error = useBackendStore((s) => s.error);
  let tone = 'starting';
  let text = 'Starting TensorFlow.js…';
  if (status === 'failed') {
    tone = 'failed';
    text = `TensorFlow.js failed to start: ${error}`;
  } else if (info) {
    tone = info.name === 'cpu' || info.software ? 'slow' : 'fast';
    text = info.label;
  }
  return (
    <div
      className={`badge badge-${tone}`}
      role="status"
      aria-live="polite"
      title={info?.renderer ?? info?.fallbackReason}
    >
      <span className="badge-dot" aria-hidden="true" />
      <span className="badge-kind">Backend</span>
      <span data-testid="backend-label">{text}</span>
    </div>
  );
}
