/**
 * A short fingerprint of a model's weights (FNV-1a over the float32 bytes), so a class can
 * check at a glance that everyone's page runs the same network, and tests can check that
 * Node and the browser initialise identical weights from the same seed.
 */
import type { Weights } from '../types';

const ORDER = ['wIh', 'wHh', 'bIh', 'bHh', 'wOut', 'bOut'] as const;

export function weightsFingerprint(w: Weights): string {
  let h = 0x811c9dc5;
  for (const key of ORDER) {
    const a = w[key];
    const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
    for (let k = 0; k < bytes.length; k++) h = Math.imul(h ^ bytes[k]!, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}
