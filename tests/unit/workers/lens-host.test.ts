/**
 * The lens host and runner, in-process (the runner the worker runs, with real slices and
 * pauses): parts fill the lens, a request for other inputs overtakes the one in flight, a
 * request with new weights only waits for it, and a worker that fails hands over to the page.
 */
import { describe, expect, it } from 'vitest';
import { jacobianLens } from '../../../src/engine/jacobian/lens';
import { normalizeSpec } from '../../../src/engine/spec';
import { initWeights } from '../../../src/engine/weights/init';
import { type LensAsk, type LensPort, LensHost, inPagePort } from '../../../src/workers/lensHost';
import { mulberry32, randomSequence } from '../../../reference/random';

function ask(seed: number, T = 40): LensAsk {
  const spec = normalizeSpec({ cell: 'lstm', inputSize: 2, hiddenSize: 6, outputSize: 1 });
  const seq = randomSequence(spec, T, 'mse', mulberry32(7));
  return {
    spec,
    weights: initWeights(spec, { seed }),
    inputs: seq.inputs,
    length: T,
    clamps: [],
    maxWork: Infinity,
    floor: 0,
  };
}

const reference = (a: LensAsk) =>
  jacobianLens(
    { spec: a.spec, weights: a.weights },
    { length: a.length, inputSize: 2, inputs: a.inputs },
  );

describe('lens host', () => {
  it('fills the lens part by part, and the whole is the engine lens', async () => {
    const host = new LensHost(inPagePort(1), inPagePort, 0);
    const a = ask(1);
    const parts: number[] = [];
    const result = await host.compute(a, 'x', (_lens, p) => parts.push(p.done / p.total));
    expect(result).not.toBeNull();
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.at(-1)).toBe(1);
    expect(parts).toEqual([...parts].sort((x, y) => x - y));
    expect(Array.from(result!.lens.norm)).toEqual(Array.from(reference(a).norm));
    expect(Array.from(result!.lens.stepSingularValues)).toEqual(
      Array.from(reference(a).stepSingularValues),
    );
    expect(result!.mapMs).toBeLessThanOrEqual(result!.ms);
  });

  it('other inputs overtake the lens in flight; new weights alone wait for it', async () => {
    const host = new LensHost(inPagePort(1), inPagePort, 0);
    const first = host.compute(ask(1), 'inputs A', () => {});
    const second = host.compute(ask(2), 'inputs B', () => {});
    expect(await first).toBeNull();
    const b = await second;
    expect(Array.from(b!.lens.norm)).toEqual(Array.from(reference(ask(2)).norm));

    const training1 = host.compute(ask(3), 'inputs B', () => {});
    const training2 = host.compute(ask(4), 'inputs B', () => {}); // waits, not overtaking
    const training3 = host.compute(ask(5), 'inputs B', () => {}); // replaces the waiting one
    expect(Array.from((await training1)!.lens.norm)).toEqual(Array.from(reference(ask(3)).norm));
    expect(await training2).toBeNull();
    expect(Array.from((await training3)!.lens.norm)).toEqual(Array.from(reference(ask(5)).norm));
  });

  it('new weights alone start at most every refresh interval; other inputs never wait', async () => {
    const host = new LensHost(inPagePort(1), inPagePort, 400);
    const t0 = performance.now();
    await host.compute(ask(1, 8), 'same', () => {});
    let secondStarted = 0;
    const second = host.compute(ask(2, 8), 'same', () => (secondStarted ||= performance.now()));
    const replaced = host.compute(ask(3, 8), 'same', () => (secondStarted ||= performance.now()));
    expect(await second).toBeNull(); // replaced while it waited
    expect(await replaced).not.toBeNull();
    expect(secondStarted - t0).toBeGreaterThanOrEqual(390);
    const t1 = performance.now();
    let otherStarted = 0;
    await host.compute(ask(4, 8), 'other inputs', () => (otherStarted ||= performance.now()));
    expect(otherStarted - t1).toBeLessThan(300);
  });

  it('a worker that fails hands its lens over to the page', async () => {
    let fail: (why: string) => void = () => {};
    const broken: LensPort = {
      send: () => {},
      listen: (_m, onFailure) => (fail = onFailure),
      close: () => {},
    };
    const host = new LensHost(broken, inPagePort, 0);
    const pending = host.compute(ask(1, 12), 'x', () => {});
    fail('its script failed to load');
    const result = await pending;
    expect(host.fellBack).toBe('its script failed to load');
    expect(Array.from(result!.lens.norm)).toEqual(Array.from(reference(ask(1, 12)).norm));
  });

  it('a request the engine refuses is an error, not a hang', async () => {
    const host = new LensHost(inPagePort(1), inPagePort, 0);
    const bad = {
      ...ask(1, 5),
      clamps: [{ gate: 'forget', value: 1, from: 0, to: 4 }],
      weights: { ...ask(1, 5).weights, wHh: new Float32Array(3) },
    };
    await expect(host.compute(bad, 'x', () => {})).rejects.toThrow();
  });
});
