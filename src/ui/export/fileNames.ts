/**
 * Names of downloaded files. They say which cell, task and (for pictures) step they show, so a
 * folder of exports from a lesson sorts and reads without opening anything:
 *   gatescope-lstm-adding-t12-gradients.png, gatescope-gru-copy-trace.csv,
 *   gatescope-lstm-adding-weights.json (PyTorch layout), …-weights-keras.json.
 */

export interface ExportSubject {
  cell: string;
  task: string;
}

/** Lower-case letters, digits and single dashes only: safe on every file system. */
export function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'x'
  );
}

function stem({ cell, task }: ExportSubject): string {
  return `gatescope-${slug(cell)}-${slug(task)}`;
}

/** A picture of one view at step t (0-based inside, 1-based in the name as on the page). */
export function chartFileName(
  s: ExportSubject,
  t: number,
  view: string,
  ext: 'png' | 'svg',
): string {
  return `${stem(s)}-t${Math.max(0, Math.round(t)) + 1}-${slug(view)}.${ext}`;
}

export function traceFileName(s: ExportSubject, ext: 'csv' | 'json'): string {
  return `${stem(s)}-trace.${ext}`;
}

export function weightsFileName(s: ExportSubject, layout: 'pytorch' | 'keras'): string {
  return `${stem(s)}-weights${layout === 'keras' ? '-keras' : ''}.json`;
}
