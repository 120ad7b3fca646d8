/**
 * Stylesheets that failed to load, and loading them again. Vite preloads a lazy chunk's CSS
 * with a `<link rel=stylesheet>` and never asks for that CSS again in the same page once it
 * failed (its preload cache keeps the href, and it skips hrefs of links already in the
 * document). So each failed link is removed and remembered here, and a retry of the chunk
 * (lazyPart.ts) adds it again itself.
 */
const failed = new Set<string>();
let watching = false;

/** From now on, removes and remembers each `<link rel=stylesheet>` whose load fails. */
export function watchFailedStylesheets(): void {
  if (watching || typeof window === 'undefined') return;
  watching = true;
  // Resource errors do not bubble, but they pass the window in the capture phase.
  window.addEventListener(
    'error',
    (e) => {
      const el = e.target;
      if (!(el instanceof HTMLLinkElement) || el.rel !== 'stylesheet') return;
      failed.add(el.href);
      el.remove();
    },
    true,
  );
}

/** Loads every remembered stylesheet again; rejects (naming it) if one fails again. */
export function reloadFailedStylesheets(): Promise<void> {
  const again = [...failed].map(
    (href) =>
      new Promise<void>((resolve, reject) => {
        const link = document.createElement('link');
        link.rel = 'stylesheet';
        link.href = href;
        link.addEventListener('load', () => (failed.delete(href), resolve()), { once: true });
        link.addEventListener('error', () => reject(new Error(`could not load ${href}`)), {
          once: true,
        });
        document.head.appendChild(link);
      }),
  );
  return Promise.all(again).then(() => undefined);
}
