/**
 * Feeds the Jacobian lens: while its panel is on screen, every new trace (its weights, sequence
 * and what-ifs) asks the lens host for the lens of that network, and the lens store shows it.
 * The host (and its worker) start with the first lens anybody looks at.
 */
import { useEffect } from 'react';
import { clampsFor } from '../config/config';
import { useConfig } from '../store/config';
import { useLens } from '../store/lens';
import { useTrace } from '../store/trace';
import { LENS_FLOOR } from '../views/lens/lensData';
import { LensHost, lensPort } from '../workers/lensHost';
import { testFaults } from '../workers/sharedTrainerHost';

/**
 * Multiply-adds one lens may take (~5 s in a worker on a slow laptop); beyond it the map holds
 * a band of lags. T = 100, H = 32 takes ~1.1e9 for the LSTM, so it is always whole.
 */
export const LENS_MAX_WORK = 6e9;

let host: LensHost | null = null;
function lensHost(): LensHost {
  if (!host) {
    const { port, inPage } = lensPort(testFaults('lens-'));
    host = new LensHost(port);
    if (inPage) host.fellBack = 'this browser could not start the lens worker';
  }
  return host;
}

/** A cheap content key of what the lens reads apart from the weights. */
function inputsKey(spec: object, inputs: Float32Array, clamps: object): string {
  let h = 2166136261;
  const bits = new Uint32Array(inputs.buffer, inputs.byteOffset, inputs.length);
  for (const b of bits) h = Math.imul(h ^ b, 16777619) >>> 0;
  return `${JSON.stringify(spec)}|${inputs.length}:${h}|${JSON.stringify(clamps)}`;
}

export function useLensFeed(active: boolean): void {
  const trace = useTrace((s) => s.trace);
  const weights = useTrace((s) => s.weights);
  const sequence = useTrace((s) => s.sequence);
  const config = useConfig();
  const cell = trace?.spec.cell;
  const T = trace?.T ?? 0;
  const clamps = cell ? clampsFor(config, cell, T) : [];
  const clampsText = JSON.stringify(clamps);
  useEffect(() => {
    if (!active || !trace || !weights || !sequence || sequence.length !== trace.T) return;
    const spec = trace.spec;
    const list = JSON.parse(clampsText) as typeof clamps;
    const key = inputsKey(spec, sequence.inputs, list);
    const h = lensHost();
    const shown = useLens.getState();
    // Same inputs, new weights (training): the lens on screen stays until the new one is whole.
    const fillIn = !shown.lens || shown.partial || shown.lens.T !== trace.T || shownKey !== key;
    useLens.setState({ status: 'computing', error: null, progress: { done: 0, total: 1 } });
    let first = true;
    h.compute(
      {
        spec,
        weights,
        inputs: sequence.inputs,
        length: trace.T,
        clamps: list,
        maxWork: LENS_MAX_WORK,
        floor: LENS_FLOOR,
      },
      key,
      (lens, progress) => {
        if (fillIn) {
          useLens.setState((s) => ({ lens, partial: true, version: s.version + 1, progress }));
          if (first) shownKey = key;
        } else useLens.setState({ progress });
        first = false;
      },
    ).then(
      (result) => {
        if (!result) return; // overtaken
        shownKey = key;
        useLens.setState((s) => ({
          status: 'ready',
          lens: result.lens,
          partial: false,
          version: s.version + 1,
          progress: null,
          ms: result.ms,
          mapMs: result.mapMs,
          onPage: h.fellBack,
        }));
      },
      (e: unknown) =>
        useLens.setState({ status: 'error', progress: null, error: (e as Error).message }),
    );
  }, [active, trace, weights, sequence, clampsText]);
}

/** The inputs key of the lens on screen (module state: one lens panel per page). */
let shownKey = '';
