import type { TraceProgress } from '../store/trace';

/**
 * What a progress report means in words, for the status line: which walk of the recurrence the
 * trace is in and at which step (steps counted from 1, as the timeline shows them), then the
 * batched work after both walks. `done` runs 0 … T over the forward walk and T … 2T over the
 * backward one, which starts at the last step (engine/progress.ts).
 */
export function traceProgressText({ done, total }: TraceProgress): string {
  const T = total / 2;
  // Not toLocaleString: its first call loads locale data, 58 ms on the main thread (profiled).
  const n = (v: number) => String(v).replace(/\B(?=(\d{3})+$)/g, ',');
  if (done < T) return `forward pass, step ${n(done + 1)} of ${n(T)}`;
  if (done < total) return `back through time, step ${n(total - done + 1)} of ${n(T)}`;
  return 'finishing: weight gradients and the memory path';
}
