/**
 * Parts of the page loaded on first use (the compare view, the engine, the wasm backend) must
 * survive a dropped network: each load is retried a few times, and when it still fails the part
 * says so where it would have been, with a retry that works once the network is back. Nothing
 * else on the page (its state, trained weights) is touched.
 *
 * Two things stand in the way of a plain retry of `import()`. Vite asks for a chunk's CSS only
 * once per page: a stylesheet that failed is loaded again by failedStylesheets.ts before each
 * retry. And Chromium keeps a failed module fetch in its module map (whatwg/html#6768, changed
 * in the spec by whatwg/html#10327 but not yet everywhere): `import()` of that URL then fails
 * at once, without a request. So for a chunk that asks for it (`freshUrl`), when the error names
 * the chunk's URL, the retry also imports that URL with a query never used before, which the
 * browser fetches afresh.
 */
import { errorMessage } from '../engine/util';
import { reloadFailedStylesheets, watchFailedStylesheets } from './failedStylesheets';

/** How long to wait before each retry of a failed load (ms): 3 tries in all. */
export const RETRY_WAITS_MS: readonly number[] = [300, 1200];

/** The chunk a failed dynamic import names (Chromium's and Firefox's wording), or null. */
export function failedModuleUrl(e: unknown): string | null {
  const m = /dynamically imported module:?\s+(\S+?)\.?$/.exec(errorMessage(e));
  return m ? m[1]! : null;
}

export interface RetryOptions {
  /** ms to wait before each retry (default RETRY_WAITS_MS) */
  waits?: readonly number[];
  sleep?: (ms: number) => Promise<void>;
  /**
   * Also import the chunk under a fresh URL when the browser keeps its failure. Only for a chunk
   * no other chunk imports (the compare view): anywhere else the fresh copy would be a second
   * instance of the module beside the one its importers get.
   */
  freshUrl?: boolean;
  /** imports a URL; `import()` itself in the page, a stand-in in unit tests */
  importUrl?: (url: string) => Promise<unknown>;
}

const browserImport = (url: string): Promise<unknown> => import(/* @vite-ignore */ url);
let freshImports = 0;

/**
 * `load()` (a bare `import()`, whose result is the module), tried again after each wait while it
 * fails; rejects with the last error. See above for why a retry may import a fresh URL.
 */
export async function importWithRetry<T>(
  load: () => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const {
    waits = RETRY_WAITS_MS,
    sleep = (ms) => new Promise<void>((r) => setTimeout(r, ms)),
    importUrl = browserImport,
    freshUrl = false,
  } = options;
  watchFailedStylesheets();
  for (let attempt = 0; ; attempt++) {
    try {
      await reloadFailedStylesheets();
      return await load();
    } catch (e) {
      const failed = freshUrl ? failedModuleUrl(e) : null;
      if (failed) {
        // A URL never asked for before, so no failure of it can be cached.
        const url = `${failed}${failed.includes('?') ? '&' : '?'}retry=${++freshImports}`;
        try {
          return (await importUrl(url)) as T;
        } catch {
          // Still offline: wait and try again, or give up with load()'s own error.
        }
      }
      const wait = waits[attempt];
      if (wait === undefined) throw e;
      await sleep(wait);
    }
  }
}

export type LazyState<M> =
  | { status: 'idle' | 'loading'; module: null; error: null }
  | { status: 'ready'; module: M; error: null }
  | { status: 'failed'; module: null; error: string };

/**
 * One lazily loaded module and its load state, shared by every component that shows it: it is
 * fetched once (with retries), a failure is remembered until `retry()`, and a success is kept.
 */
export class LazyPart<M> {
  private state: LazyState<M> = { status: 'idle', module: null, error: null };
  private readonly listeners = new Set<() => void>();

  constructor(
    private readonly load: () => Promise<M>,
    private readonly options: RetryOptions = {},
  ) {}

  readonly snapshot = (): LazyState<M> => this.state;

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Starts loading unless it is loading, loaded, or failed (a failure waits for `retry`). */
  start(): void {
    if (this.state.status === 'idle') this.fetch();
  }

  /** After a failure: loads again (with its retries). */
  retry(): void {
    if (this.state.status === 'failed') this.fetch();
  }

  private fetch(): void {
    this.set({ status: 'loading', module: null, error: null });
    importWithRetry(this.load, this.options).then(
      (module) => this.set({ status: 'ready', module, error: null }),
      (e: unknown) => this.set({ status: 'failed', module: null, error: errorMessage(e) }),
    );
  }

  private set(next: LazyState<M>): void {
    this.state = next;
    for (const l of this.listeners) l();
  }
}
