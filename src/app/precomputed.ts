/**
 * The first frame without waiting for TF.js: the page shell downloads the shipped trace of the
 * default view (precomputedFile.ts) while React starts, and draws every view from it when it is
 * exactly the current config's: same config, and the weights this code initialises have the
 * fingerprint the file was computed with. Anything else (a link to another config, a stale or
 * broken file) shows the usual loading state instead: never numbers of another network.
 *
 * The session replaces it with the live trace of the same config (the same numbers to
 * float32 rounding, so nothing visibly changes), keeping the cursor and selection. A config
 * change before then marks the picture as not the current config's ('waiting').
 */
import { recurrentSpectralRadii } from '../engine/linalg';
import { decodeTraceFile } from '../engine/trace-file';
import { weightsFingerprint } from '../engine/weights/fingerprint';
import { useCompare } from '../store/compare';
import { useConfig } from '../store/config';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { useUi } from '../store/ui';
import { PRECOMPUTED_FILE, type PrecomputedAbout, sameConfig } from './precomputedFile';
import { initModelFor, sequenceFor, taskFor } from '../config/inputs';

let download: Promise<ArrayBuffer | null> | null = null;

/** Starts the download (once); index.html also preloads the file, so this usually hits cache. */
export function prefetchPrecomputed(): void {
  download ??= fetch(`${import.meta.env.BASE_URL}${PRECOMPUTED_FILE}`)
    .then((res) => (res.ok ? res.arrayBuffer() : null))
    .catch(() => null);
}

/**
 * Draws the precomputed trace if it is the current config's and nothing else is on screen yet.
 * Resolves true when it did. Never throws: any problem means the normal loading state.
 */
export async function showPrecomputed(): Promise<boolean> {
  prefetchPrecomputed();
  const bytes = await download;
  if (!bytes || useTrace.getState().trace || useCompare.getState().open) return false;
  try {
    const { trace, about } = decodeTraceFile<PrecomputedAbout>(bytes);
    const config = useConfig.getState();
    if (!sameConfig(config, about.config)) return false;
    const task = taskFor(config);
    const model = initModelFor(config, config.cell, task);
    const fingerprint = weightsFingerprint(model.weights);
    if (fingerprint !== about.fingerprint) {
      console.warn(`Gatescope: ${PRECOMPUTED_FILE} is stale (run npm run precompute); not shown`);
      return false;
    }
    useTrace.setState({
      status: 'precomputed',
      source: 'precomputed',
      trace,
      sequence: sequenceFor(config, task),
      task,
      weights: model.weights,
      fingerprint,
      spectralRadii: recurrentSpectralRadii(model.spec, model.weights),
      computeMs: 0,
      error: null,
    });
    usePlayback.getState().setLength(trace.T);
    useUi.getState().fitUnits(trace.H);
    watchConfig(about);
    return true;
  } catch (err) {
    console.warn(`Gatescope: ${PRECOMPUTED_FILE} not shown: ${String(err)}`);
    return false;
  }
}

/** Until the live engine takes over: a changed config means this picture is not its trace. */
function watchConfig(about: PrecomputedAbout): void {
  const stop = useConfig.subscribe((c) => {
    const s = useTrace.getState();
    if (s.source !== 'precomputed') return stop();
    const same = sameConfig(c, about.config);
    if (s.status === 'precomputed' && !same) useTrace.setState({ status: 'waiting' });
    else if (s.status === 'waiting' && same) useTrace.setState({ status: 'precomputed' });
  });
}
