/**
 * Wraps `work` so that runs never overlap and calls coalesce: calls in one task start one run (in
 * a microtask), and calls while it runs schedule exactly one more after it. Retraces driven by
 * the training worker's weights use it: the compare view gets three cells' weights in one
 * message (one retrace draws all three), and on a slow backend a trace can outlast the interval
 * between weights, so traces must not pile up behind each other.
 */
export function oneAtATime(work: () => Promise<void>): () => void {
  let running = false;
  let scheduled = false;
  const start = (): void => {
    scheduled = false;
    running = true;
    void work().finally(() => {
      running = false;
      if (scheduled) start();
    });
  };
  return () => {
    if (scheduled) return;
    scheduled = true;
    if (!running) queueMicrotask(start);
  };
}
