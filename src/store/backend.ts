import { create } from 'zustand';
import type { BackendInfo, BackendOptions } from '../engine/backend';

/** Where TF.js start-up stands; views wait for 'ready' before running the engine. */
export type BackendStatus = 'starting' | 'ready' | 'failed';

interface BackendState {
  status: BackendStatus;
  /** Set once status is 'ready'. */
  info?: BackendInfo;
  /** Set once status is 'failed'. */
  error?: string;
  /** Starts TF.js once; later calls return the same promise. */
  start(opts: BackendOptions): Promise<void>;
}

let starting: Promise<void> | undefined;

export const useBackendStore = create<BackendState>()((set) => ({
  status: 'starting',
  start(opts) {
    starting ??= (async () => {
      try {
        // Loaded lazily so the page shell paints before the ~1 MB TF.js chunk is parsed.
        const { initBackend, switchToCpu, watchContextLoss } = await import('../engine/backend');
        set({ status: 'ready', info: await initBackend(opts) });
        // A lost WebGL context mid-session: move to cpu and publish the new info; the engine
        // controllers subscribe to `info` and recompute. `status` stays 'ready' so nothing
        // that waits on it restarts.
        watchContextLoss(() => {
          switchToCpu().then(
            (info) => set({ info }),
            (err: unknown) =>
              set({ status: 'failed', error: err instanceof Error ? err.message : String(err) }),
          );
        });
      } catch (err) {
        set({ status: 'failed', error: err instanceof Error ? err.message : String(err) });
      }
    })();
    return starting;
  },
}));
