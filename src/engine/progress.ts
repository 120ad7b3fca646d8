/**
 * How far a long recurrence has got, for a progress bar. The cpu and wasm loop kernels walk the
 * whole sequence inside one kernel call, so nothing outside them can see how far they are; they
 * report here instead, every PROGRESS_EVERY steps. Nobody listens unless a caller asked with
 * `withStepProgress` (the trace worker does, and posts it to the page); the check per step is
 * one comparison.
 *
 * A pass is 2·T steps: the forward walk (steps 0 … T − 1), then the backward walk (T … 2T − 1).
 * The batched work after them (weight gradients, the memory path, the read-back) is not counted,
 * so a listener shows "finishing" once all 2·T are done.
 */

/** `done` of `total` (= 2·T) steps of the pass in flight. */
export type StepProgressSink = (done: number, total: number) => void;

/** Steps between reports: often enough for a smooth bar, rare enough to cost nothing. */
export const PROGRESS_EVERY = 32;

let sink: StepProgressSink | null = null;

/**
 * Runs `work` with `listener` told the progress of every loop kernel it runs. One at a time:
 * the listener is in place until the returned promise settles.
 */
export async function withStepProgress<R>(
  listener: StepProgressSink,
  work: () => Promise<R>,
): Promise<R> {
  sink = listener;
  try {
    return await work();
  } finally {
    sink = null;
  }
}

/** Called by a loop kernel at step `t` of its walk (`backward`: the second half of the pass). */
export function reportStep(t: number, T: number, backward: boolean): void {
  if (sink === null) return;
  sink(backward ? 2 * T - t : t, 2 * T);
}
