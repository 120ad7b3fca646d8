/** Small numeric helpers the chart data functions share. */

/** Largest |v| over the finite entries (a NaN blow-up must not stretch every axis to NaN). */
export function maxAbsFinite(a: ArrayLike<number>): number {
  let m = 0;
  for (let k = 0; k < a.length; k++) {
    const v = Math.abs(a[k]!);
    if (v > m && Number.isFinite(v)) m = v;
  }
  return m;
}

/** Floor of v clamped to [lo, hi]; non-finite v gives lo. */
export function clampInt(v: number, lo: number, hi: number): number {
  if (!Number.isFinite(v)) return lo;
  return Math.min(hi, Math.max(lo, Math.floor(v)));
}
