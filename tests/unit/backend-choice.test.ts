import { describe, expect, it } from 'vitest';
import {
  type BackendChoice,
  type BackendTiming,
  chooseBackend,
  formatMs,
  median,
  notWorthRemeasuring,
  MEASURE_MAX_STEPS,
  firstSteps,
  sizeChangedALot,
  workloadLabel,
  workloadSize,
} from '../../src/engine/backend/choice';
import { createTask } from '../../src/engine/tasks/task';
import { Rng } from '../../src/engine/rng';
import { chooseFastestBackend, progressText } from '../../src/engine/backend/measure';
import { initModel } from '../../src/engine/weights/init';
import { useCpu } from './engine/helpers';

const timed = (name: BackendTiming['name'], ms: number): BackendTiming => ({
  name,
  ms,
  coldMs: ms * 10,
  runs: 3,
});

describe('chooseBackend', () => {
  it('picks the fastest and says why, fastest first', () => {
    const c = chooseBackend(
      [timed('cpu', 3), timed('wasm', 6), timed('webgl', 40)],
      workloadLabel('lstm', 100, 32),
    );
    expect(c.name).toBe('cpu');
    expect(c.summary).toBe(
      'cpu — fastest here for LSTM 100×32: cpu 3 ms · wasm 6 ms · webgl 40 ms',
    );
    expect(c.details[0]).toBe('cpu: 3 ms per trace (median of 3 warm runs; first run 30 ms)');
    expect(c.details).toHaveLength(3);
    expect(c.how).toMatch(/first run \(its warm-up\) excluded/);
    expect(c.workload).toBe('LSTM 100×32');
  });

  it('ranks by time whatever the measuring order', () => {
    const c = chooseBackend(
      [timed('webgl', 2.5), timed('cpu', 30), timed('wasm', 12)],
      'GRU 50×64',
    );
    expect(c.name).toBe('webgl');
    expect(c.summary).toBe(
      'webgl — fastest here for GRU 50×64: webgl 2.5 ms · wasm 12 ms · cpu 30 ms',
    );
    expect(c.timings.map((t) => t.name)).toEqual(['cpu', 'wasm', 'webgl']);
  });

  it('settles a tie within noise for the simpler backend, and says so', () => {
    const c = chooseBackend([timed('webgl', 10), timed('cpu', 10.5)], 'Elman 50×16');
    expect(c.name).toBe('cpu');
    expect(c.summary).toContain('(a tie within noise: the simpler backend wins)');
    // Outside the tie margin the faster one wins.
    expect(chooseBackend([timed('webgl', 10), timed('cpu', 12)], 'x').name).toBe('webgl');
  });

  it('skips a failed backend and shows its reason', () => {
    const c = chooseBackend(
      [
        timed('cpu', 8),
        { name: 'wasm', skipped: 'its .wasm file failed to load or compile', failed: true },
        timed('webgl', 120),
      ],
      'LSTM 50×16',
    );
    expect(c.name).toBe('cpu');
    expect(c.summary).toBe(
      'cpu — fastest here for LSTM 50×16: cpu 8 ms · webgl 120 ms · wasm skipped: its .wasm file failed to load or compile',
    );
    expect(c.details).toContain('wasm: skipped — its .wasm file failed to load or compile');
  });

  it('says when only one backend ran', () => {
    const c = chooseBackend(
      [timed('cpu', 8), { name: 'webgl', skipped: 'no WebGL context', failed: true }],
      'LSTM 50×16',
    );
    expect(c.summary).toBe(
      'cpu — the only one that ran for LSTM 50×16: cpu 8 ms · webgl skipped: no WebGL context',
    );
  });

  it('throws with every reason when nothing ran', () => {
    expect(() =>
      chooseBackend(
        [
          { name: 'cpu', skipped: 'boom', failed: true },
          { name: 'webgl', skipped: 'no WebGL context', failed: true },
        ],
        'x',
      ),
    ).toThrow('no TF.js backend could run a trace (cpu: boom; webgl: no WebGL context)');
  });
});

describe('measuring again', () => {
  const last: BackendChoice = chooseBackend(
    [timed('cpu', 10), timed('wasm', 5), timed('webgl', 150)],
    'LSTM 50×16',
  );

  it('only when the size changes 4× or more', () => {
    const base = workloadSize('lstm', 50, 16);
    expect(base).toBe(50 * 4 * 16 * 16);
    expect(sizeChangedALot(base, workloadSize('lstm', 50, 24))).toBe(false);
    expect(sizeChangedALot(base, workloadSize('lstm', 50, 32))).toBe(true);
    expect(sizeChangedALot(base, workloadSize('lstm', 10, 16))).toBe(true);
    expect(sizeChangedALot(base, workloadSize('elman', 50, 16))).toBe(true);
    expect(sizeChangedALot(0, base)).toBe(true);
  });

  it('leaves out a backend that lost by far, saying so', () => {
    expect(notWorthRemeasuring(last)).toEqual([
      {
        name: 'webgl',
        skipped: 'not measured again: 30× slower than wasm for LSTM 50×16',
      },
    ]);
    expect(notWorthRemeasuring(undefined)).toEqual([]);
  });
});

describe('helpers', () => {
  it('median, formatMs, labels', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
    expect([formatMs(0.42), formatMs(3), formatMs(12.4), formatMs(2345)]).toEqual([
      '0.4 ms',
      '3 ms',
      '12 ms',
      '2.3 s',
    ]);
    expect(workloadLabel('gru', 30, 8)).toBe('GRU 30×8');
    expect(workloadLabel('elman', 30, 8)).toBe('Elman 30×8');
    expect(progressText('webgl', 2, 3)).toBe('Warming up WebGL… 2/3');
  });
});

describe('long sequences are timed on their first steps', () => {
  it('cuts inputs, mask and targets to the first steps, sharing the arrays', () => {
    for (const [id, params] of [
      ['adding', { length: 1000 }],
      ['charlm', {}],
    ] as const) {
      const seq = createTask(id, params).sample(new Rng(3));
      const cut = firstSteps(seq, MEASURE_MAX_STEPS);
      const T = Math.min(seq.length, MEASURE_MAX_STEPS);
      expect(cut.length, id).toBe(T);
      expect(cut.inputs.length, id).toBe(T * seq.inputSize);
      expect(cut.mask).toEqual(seq.mask.subarray(0, T));
      expect(cut.targets.length * seq.length, id).toBe(seq.targets.length * T);
      expect(cut.inputs.buffer).toBe(seq.inputs.buffer); // a view, not a copy
    }
    const short = createTask('adding', { length: 30 }).sample(new Rng(1));
    expect(firstSteps(short, MEASURE_MAX_STEPS)).toBe(short);
  });

  it('says so in the badge, and a longer sequence alone is not a reason to measure again', () => {
    expect(workloadLabel('lstm', 1000, 64)).toBe('LSTM 1000×64 (timed on 100 steps)');
    expect(workloadSize('lstm', 1000, 64)).toBe(workloadSize('lstm', 100, 64));
    expect(sizeChangedALot(workloadSize('lstm', 200, 64), workloadSize('lstm', 1000, 64))).toBe(
      false,
    );
  });
});

describe('chooseFastestBackend in Node', () => {
  it('times cpu, skips what cannot run here with the reason, reports progress', async () => {
    await useCpu();
    const model = initModel(
      { cell: 'lstm', inputSize: 2, hiddenSize: 4, outputSize: 1 },
      { seed: 1 },
    );
    const T = 6;
    const sequence = {
      length: T,
      inputSize: 2,
      inputs: new Float32Array(T * 2).fill(0.5),
      loss: 'mse' as const,
      mask: Uint8Array.from([0, 0, 0, 0, 0, 1]),
      targets: new Float32Array(T),
    };
    const progress: string[] = [];
    const { choice, info } = await chooseFastestBackend(
      { model, sequence, label: workloadLabel('lstm', T, 4) },
      { onProgress: (p) => progress.push(p), warmRuns: 2 },
    );
    expect(progress).toEqual(['Timing cpu… 1/3', 'Loading wasm… 2/3', 'Warming up WebGL… 3/3']);
    expect(choice.name).toBe('cpu');
    expect(info.name).toBe('cpu');
    const [cpu, wasm, webgl] = choice.timings;
    expect(cpu).toMatchObject({ name: 'cpu', runs: 2 });
    expect(cpu!.ms).toBeGreaterThan(0);
    expect(wasm).toEqual({ name: 'wasm', skipped: 'not available here', failed: true });
    expect(webgl).toEqual({
      name: 'webgl',
      skipped: 'no canvas in this environment',
      failed: true,
    });
    expect(choice.summary).toMatch(
      /^cpu — the only one that ran for LSTM 6×4: cpu [\d.]+ ms · wasm skipped: not available here · webgl skipped: no canvas in this environment$/,
    );
  });
});
