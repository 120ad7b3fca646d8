/**
 * The moment the page first shows a fully drawn view, for the bench and for people:
 * `performance.mark('gatescope:first-frame')` and `<html data-first-frame-ms>` (ms since
 * navigation start). Marked once, from whichever trace is drawn first (the shipped,
 * precomputed one or the first live one).
 */
export const FIRST_FRAME_MARK = 'gatescope:first-frame';

let resolveDrawn!: () => void;
const drawn = new Promise<void>((resolve) => (resolveDrawn = resolve));
let marked = false;

/**
 * Called once the views have committed a trace (their effects, which draw the canvases, have
 * run). The mark waits for the next frame to be painted: a task queued from inside
 * requestAnimationFrame runs after that frame's paint.
 */
export function markFirstFrame(): void {
  if (marked) return;
  marked = true;
  requestAnimationFrame(() => {
    setTimeout(() => {
      const mark = performance.mark(FIRST_FRAME_MARK);
      document.documentElement.dataset.firstFrameMs = String(Math.round(mark.startTime));
      resolveDrawn();
    }, 0);
  });
}

/** Resolves when the first frame is marked, or after `maxMs` at most (e.g. no view mounted). */
export function firstFrameDrawn(maxMs: number): Promise<void> {
  return Promise.race([drawn, new Promise<void>((resolve) => setTimeout(resolve, maxMs))]);
}
