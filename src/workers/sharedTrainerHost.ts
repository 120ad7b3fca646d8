/**
 * The one training host the session's two lane groups (single view, compare) share: started on the
 * first Train, following the page's backend, replaced after a failure. It tells the training
 * store where training runs (shown with its speed) and, when the worker could not start and
 * training fell back to the main thread, why (shown in the status line).
 */
import { backendSettled, useBackendStore } from '../store/backend';
import { useTraining } from '../store/training';
import { errorMessage } from '../engine/util';
import { connectInPage } from './trainInPage';
import type { BackendName } from '../engine/backend/backends';
import { type TrainerHost, type TrainingPlace, connectWorker } from './trainerHost';

let pending: Promise<TrainerHost> | null = null;

function pageBackend(): BackendName {
  return useBackendStore.getState().info?.name ?? 'cpu';
}

/**
 * Test-only faults, in the query like the panels' `?__throw=heatmaps` (ErrorBoundary.tsx):
 * `train-worker` makes the worker fail to start, `train-step` makes every update throw, and
 * `trace-worker` makes the trace worker fail to start (traceDispatch.ts).
 */
export function testFaults(prefix: 'train-' | 'trace-' | 'lens-' = 'train-'): string[] {
  return (new URLSearchParams(window.location.search).get('__throw') ?? '')
    .split(',')
    .filter((f) => f.startsWith(prefix));
}

/** Where training runs, for the line with its speed. */
export function describePlace(place: TrainingPlace, page: BackendName): string {
  if (!place.inWorker) return `on the page's main thread, ${place.label}`;
  const webgl = page === 'webgl' ? ' (WebGL stays with the page, for the traces)' : '';
  return `in a worker, ${place.label}${webgl}`;
}

/** The host, started on first use; a failed one is replaced on the next call. */
export function sharedTrainerHost(): Promise<TrainerHost> {
  pending ??= open().catch((e: unknown) => {
    pending = null;
    throw e;
  });
  return pending;
}

/**
 * The host, once the page's backend has settled (it decides the worker's); null when training
 * cannot start at all, with why in the status line.
 */
export async function trainerHostOrSayWhy(): Promise<TrainerHost | null> {
  await backendSettled();
  try {
    return await sharedTrainerHost();
  } catch (e) {
    useTraining.setState({ error: `Training could not start: ${errorMessage(e)}` });
    return null;
  }
}

/** TF.js memory where the trainers live; null when no host was started (soak test hook). */
export function trainerMemory(): Promise<{ numTensors: number; numBytes: number } | null> {
  return pending ? pending.then((h) => h.memory()) : Promise.resolve(null);
}

async function open(): Promise<TrainerHost> {
  const faults = testFaults();
  let host: TrainerHost;
  try {
    host = await connectWorker(pageBackend(), faults);
    useTraining.setState({ fallback: null });
  } catch (e) {
    // Still train, but never silently on the main thread: the status line keeps saying so.
    host = await connectInPage(pageBackend(), faults);
    console.warn('Gatescope: the training worker could not start', e);
    useTraining.setState({
      fallback:
        `Training runs on the page's main thread, so the page may freeze during each update: ` +
        `the training worker could not start (${errorMessage(e)}).`,
    });
  }
  const publish = () => useTraining.setState({ runsOn: describePlace(host.place, pageBackend()) });
  host.onPlace = publish;
  host.onFailure = () => {
    pending = null; // the next Train starts a new worker
    useTraining.setState({ runsOn: null });
  };
  publish();
  return host;
}

useBackendStore.subscribe((s, prev) => {
  const name = s.info?.name;
  if (!name || name === prev.info?.name || !pending) return;
  void pending
    .then((h) => {
      h.setPageBackend(name);
      h.onPlace(h.place); // the WebGL note may change even where the worker's backend does not
    })
    .catch(() => undefined);
});
