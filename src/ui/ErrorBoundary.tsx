/**
 * Error boundaries: a view that throws while rendering shows a small, recoverable message in its
 * own panel instead of unmounting the whole page. React 19 still needs a class component for this
 * (there is no hook equivalent of getDerivedStateFromError / componentDidCatch).
 */
import { Component, type ErrorInfo, type ReactNode } from 'react';

export interface BoundaryState {
  error: Error | null;
}

/** The boundary's state transitions, kept pure so unit tests can check them without a DOM. */
export const boundaryState = {
  initial: { error: null } as BoundaryState,
  /** What getDerivedStateFromError returns: anything thrown becomes an Error with a message. */
  caught(thrown: unknown): BoundaryState {
    if (thrown instanceof Error) return { error: thrown };
    return { error: new Error(typeof thrown === 'string' ? thrown : String(thrown)) };
  },
  reset(): BoundaryState {
    return { error: null };
  },
};

/** One line for the message: an empty message still says something. */
export function describeError(error: Error): string {
  const text = error.message.trim() || error.name || 'unknown error';
  return text.length > 200 ? `${text.slice(0, 200)}…` : text;
}

/**
 * createRoot's onCaughtError: React 19 logs every error a boundary caught with console.error by
 * default. Ours are contained and already reported by componentDidCatch, so stay quiet here.
 */
export function onCaughtError(): void {}

interface BoundaryProps {
  /** Which panel (or "app"): named in the log line and the test id. */
  name: string;
  children?: ReactNode;
  /** Called when the user asks to try again, before the children render again. */
  onReset?: () => void;
}

export class ErrorBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = boundaryState.initial;

  static getDerivedStateFromError(thrown: unknown): BoundaryState {
    return boundaryState.caught(thrown);
  }

  override componentDidCatch(error: Error, info: ErrorInfo) {
    // console.warn, not console.error: the e2e suite fails on console errors, and a contained
    // view failure is a degraded page, not a broken one. React calls this once per caught error.
    console.warn(
      `Gatescope: the "${this.props.name}" view hit an error`,
      error,
      info.componentStack,
    );
  }

  private readonly retry = () => {
    this.props.onReset?.();
    this.setState(boundaryState.reset());
  };

  override render() {
    const { error } = this.state;
    if (!error) return this.props.children;
    return (
      <div className="view-error" role="alert" data-testid={`view-error-${this.props.name}`}>
        This view hit an error: {describeError(error)}.{' '}
        <button type="button" onClick={this.retry}>
          Try again
        </button>
      </div>
    );
  }
}

/**
 * Test-only fault injection: `?__throw=heatmaps` (comma-separated panel areas) makes those panels
 * throw while rendering until "Try again" is clicked, so the e2e suite can check the boundary in
 * the production build. It lives in the query, not the hash, because the hash is rewritten by the
 * link sync. Here it only ever affects rendering of the named panels; the `train-…` values are
 * the training worker's faults (app/sharedTrainerHost.ts) and name no panel.
 */
const armed = new Set(
  typeof window === 'undefined'
    ? []
    : (new URLSearchParams(window.location.search).get('__throw') ?? '')
        .split(',')
        .filter((s) => s !== ''),
);

function InjectedFault({ name }: { name: string }) {
  if (armed.has(name)) throw new Error(`injected test fault in "${name}" (?__throw)`);
  return null;
}

/** The boundary a panel body sits in, with the test-only fault hook. */
export function PanelBoundary({ name, children }: { name: string; children?: ReactNode }) {
  return (
    <ErrorBoundary name={name} onReset={() => armed.delete(name)}>
      <InjectedFault name={name} />
      {children}
    </ErrorBoundary>
  );
}
