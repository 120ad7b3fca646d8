/**
 * Finite-difference helpers used to validate the reference oracle's hand-written gradients.
 */

/** Central-difference step for float64: truncation ~1e-12, round-off ~1e-10 on O(1) losses. */
export const FD_STEP = 1e-6;

/**
 * Relative error with a floor on the denominator: central differences in float64 carry
 * ~1e-10 absolute round-off, so tiny gradients are effectively compared absolutely (~1e-8).
 */
export function relErr(analytic: number, numeric: number): number {
  return Math.abs(analytic - numeric) / Math.max(Math.abs(analytic) + Math.abs(numeric), 1e-2);
}

export function centralDiff(f: (delta: number) => number, step = FD_STEP): number {
  return (f(step) - f(-step)) / (2 * step);
}

/**
 * Worst relErr between `analytic[i]` and the central difference of `lossWith(i, delta)`
 * over all entries, with the index where it occurs (−1 if all are exact).
 */
export function worstFdError(
  analytic: Float64Array,
  lossWith: (i: number, delta: number) => number,
): { worst: number; at: number } {
  let worst = 0;
  let at = -1;
  for (let i = 0; i < analytic.length; i++) {
    const err = relErr(
      analytic[i],
      centralDiff((d) => lossWith(i, d)),
    );
    if (err > worst) [worst, at] = [err, i];
  }
  return { worst, at };
}
