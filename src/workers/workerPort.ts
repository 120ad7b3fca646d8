/**
 * What the page's two worker clients (trainerHost.ts, traceHost.ts) share: a message port over
 * a module Worker, and the wait for a new worker's first answer. The `new Worker(new URL(…))`
 * itself stays in each client, where Vite finds and bundles the worker script.
 */

/** Messages one way, failures (load, runtime, unreadable message) as one reason string. */
export interface WorkerPort<In, Out> {
  send(msg: In, transfer?: Transferable[]): void;
  listen(onMessage: (msg: Out) => void, onFailure: (reason: string) => void): void;
  close(): void;
}

/** How long a new worker may take to load TF.js and compile wasm before the page gives up. */
export const WORKER_READY_TIMEOUT_MS = 30_000;

export function portOver<In, Out>(worker: Worker): WorkerPort<In, Out> {
  return {
    send: (msg, transfer = []) => worker.postMessage(msg, transfer),
    listen(onMessage, onFailure) {
      worker.onmessage = (e: MessageEvent<Out>) => onMessage(e.data);
      worker.onerror = (e) => {
        // Handled here (the status line says it); not also an uncaught error in the console.
        e.preventDefault();
        onFailure(e.message || 'its script failed to load');
      };
      worker.onmessageerror = () => onFailure('a message from it could not be read');
    },
    close: () => worker.terminate(),
  };
}

/** Waits for a client's `ready`, failing it (and so rejecting) after `timeoutMs`. */
export async function readyWithin<H extends { ready: Promise<unknown>; fail(why: string): void }>(
  host: H,
  timeoutMs: number,
): Promise<H> {
  const timer = setTimeout(
    () => host.fail(`no answer within ${Math.round(timeoutMs / 1000)} s`),
    timeoutMs,
  );
  try {
    await host.ready;
  } finally {
    clearTimeout(timer);
  }
  return host;
}
