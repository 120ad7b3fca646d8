/**
 * The shipped first trace: which file, and what it claims to be. Shared by the script that
 * writes it (scripts/precompute-trace.ts), the page shell that draws it before TF.js is up
 * (precomputed.ts) and the test that keeps it in step with the engine.
 */
import { type Config, DEFAULT_CONFIG } from '../config/config';
import { pickConfig } from '../store/url/stores';

/** Under public/ (and the site root): the trace of the default view, as trace-file.ts writes it. */
export const PRECOMPUTED_FILE = 'precomputed/default-trace.bin';

/** What the file records about its trace: drawn only when both match the page exactly. */
export interface PrecomputedAbout {
  /** the whole config it was computed for (the app's defaults, no link) */
  config: Config;
  /** weightsFingerprint of the weights it was computed with */
  fingerprint: string;
}

/** The config the file is made for: the page's start with no link. */
export function precomputedConfig(): Config {
  return pickConfig(DEFAULT_CONFIG);
}

/** Same config, field by field (the stores keep DEFAULT_CONFIG's key order). */
export function sameConfig(a: Config, b: Config): boolean {
  return JSON.stringify(pickConfig(a)) === JSON.stringify(pickConfig(b));
}
