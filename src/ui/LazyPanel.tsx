/**
 * Shows a lazily loaded part of the page (see lazyPart.ts): a placeholder while it loads, the
 * part once it has, and where it would have been, when it could not load, a message with a
 * retry. Only this panel says it failed: the rest of the page, and its state, stay as they are.
 */
import { type ReactNode, useEffect, useSyncExternalStore } from 'react';
import { describeError } from './ErrorBoundary';
import type { LazyPart } from './lazyPart';

export function LazyPanel<M>(props: {
  part: LazyPart<M>;
  /** what loads, for the messages: "the comparison" */
  what: string;
  /** names the test id of the failure message: `lazy-error-<name>` */
  name: string;
  children(module: M): ReactNode;
}) {
  const { part } = props;
  const state = useSyncExternalStore(part.subscribe, part.snapshot);
  useEffect(() => part.start(), [part]);
  if (state.status === 'ready') return props.children(state.module);
  if (state.status === 'failed') {
    return (
      <div className="view-error" role="alert" data-testid={`lazy-error-${props.name}`}>
        <span>
          <strong>Could not load {props.what}.</strong> Check the network connection; the rest of
          the page keeps working.
        </span>
        <button type="button" onClick={() => part.retry()}>
          Try again
        </button>
        <small className="muted">{describeError(new Error(state.error))}</small>
      </div>
    );
  }
  return (
    <div className="panel-placeholder" aria-busy="true">
      Loading {props.what}…
    </div>
  );
}
