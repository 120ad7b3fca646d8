/**
 * The shipped first trace (public/precomputed/, drawn before TF.js loads) must be exactly what
 * the engine computes now for the page's default view: a change to the defaults, the tasks, the
 * init or the engine that leaves the file stale fails here (fix: `npm run precompute`).
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  PRECOMPUTED_FILE,
  type PrecomputedAbout,
  precomputedConfig,
  sameConfig,
} from '../../../src/app/precomputedFile';
import { initModelFor, sequenceFor, taskFor } from '../../../src/config/inputs';
import { type Trace, runTrace } from '../../../src/engine/trace';
import { TraceFileError, decodeTraceFile, encodeTraceFile } from '../../../src/engine/trace-file';
import { weightsFingerprint } from '../../../src/engine/weights/fingerprint';
import { DEFAULT_CONFIG, clampsFor } from '../../../src/config/config';
import { useCpu } from '../engine/helpers';

beforeAll(useCpu);

type Arrays = Record<string, ArrayLike<number>>;

/** Every array of a trace under a dotted path, to compare two traces field by field. */
function flatten(tr: Trace): Arrays {
  const out: Arrays = { x: tr.x, h: tr.h, y: tr.y, stepLoss: tr.stepLoss, mask: tr.mask };
  if (tr.c) out.c = tr.c;
  const put = (prefix: string, rec: object) => {
    for (const [k, v] of Object.entries(rec)) if (v) out[`${prefix}.${k}`] = v as ArrayLike<number>;
  };
  put('gates', tr.gates);
  put('grad', { h: tr.grad.h, c: tr.grad.c, x: tr.grad.x });
  put('grad.pre', tr.grad.pre);
  put('grad.weights', tr.grad.weights);
  put('series', tr.series);
  return out;
}

/** |a − e| ≤ tol·max(1, |e|): absolute for the usual O(1) values, relative for big ones. */
function worstError(a: ArrayLike<number>, e: ArrayLike<number>): number {
  let worst = 0;
  for (let k = 0; k < e.length; k++)
    worst = Math.max(worst, Math.abs(a[k]! - e[k]!) / Math.max(1, Math.abs(e[k]!)));
  return worst;
}

describe('the precomputed first trace', () => {
  const file = readFileSync(`public/${PRECOMPUTED_FILE}`);
  const buffer = file.buffer.slice(file.byteOffset, file.byteOffset + file.byteLength);
  const { trace: shipped, about } = decodeTraceFile<PrecomputedAbout>(buffer);

  it('is made for the page’s default view', () => {
    expect(sameConfig(about.config, DEFAULT_CONFIG)).toBe(true);
    expect(about.config).toEqual(precomputedConfig());
  });

  it('matches what the engine computes now, to 1e-5', async () => {
    const config = precomputedConfig();
    const task = taskFor(config);
    const model = initModelFor(config, config.cell, task);
    expect(weightsFingerprint(model.weights)).toBe(about.fingerprint);
    const sequence = sequenceFor(config, task);
    const live = await runTrace(model, sequence, {
      clamps: clampsFor(config, config.cell, sequence.length),
    });
    expect(shipped.spec).toEqual(live.spec);
    expect([shipped.T, shipped.I, shipped.H, shipped.O]).toEqual([live.T, live.I, live.H, live.O]);
    expect(shipped.lossStep).toBe(live.lossStep);
    expect(Math.abs(shipped.loss - live.loss)).toBeLessThanOrEqual(1e-5 * Math.max(1, live.loss));
    const want = flatten(live);
    const got = flatten(shipped);
    expect(Object.keys(got).sort()).toEqual(Object.keys(want).sort());
    for (const [path, e] of Object.entries(want)) {
      expect(got[path]!.length, path).toBe(e.length);
      const err = worstError(got[path]!, e);
      expect(err, `${path}: error ${err.toExponential(2)}`).toBeLessThanOrEqual(1e-5);
    }
  });

  it('round-trips through the file format exactly', () => {
    const again = decodeTraceFile<PrecomputedAbout>(encodeTraceFile(shipped, about).slice().buffer);
    expect(again.about).toEqual(about);
    const a = flatten(again.trace);
    for (const [path, e] of Object.entries(flatten(shipped)))
      expect(Array.from(a[path]!), path).toEqual(Array.from(e));
  });

  it('refuses what is not a trace file, saying why', () => {
    expect(() => decodeTraceFile(new TextEncoder().encode('{"a":1}').buffer)).toThrow(
      new TraceFileError('not a Gatescope trace file'),
    );
    expect(() => decodeTraceFile(buffer.slice(0, 40))).toThrow(/truncated/);
    expect(() => decodeTraceFile(buffer.slice(0, buffer.byteLength - 64))).toThrow(
      /missing or malformed/,
    );
  });
});
