import type { BackendOptions } from '../engine/backend/backends';

/**
 * Reads the backend request from the page URL: `?backend=cpu` or `#backend=cpu` forces the
 * cpu fallback (how the e2e tests and a teacher on a flaky GPU turn WebGL off);
 * `backend=webgl` or `backend=wasm` asks for that backend. Anything else (or `auto`): no
 * request, and the page measures the backends and uses the fastest.
 */
export function readBackendRequest(search: string, hash: string): BackendOptions {
  const fromQuery = new URLSearchParams(search).get('backend');
  const fromHash = new URLSearchParams(hash.replace(/^#/, '')).get('backend');
  const requested = (fromQuery ?? fromHash ?? '').toLowerCase();
  if (requested === 'cpu') return { disableWebgl: true };
  if (requested === 'webgl' || requested === 'wasm') return { preferred: requested };
  return {};
}
