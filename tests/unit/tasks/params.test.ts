/** createTask's validation: clamping and snapping params, unknown ids. */
import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../../../src/engine/spec';
import { resolveParams } from '../../../src/engine/tasks/params';
import { createTask, TASK_IDS, TASK_PARAMS, type TaskId } from '../../../src/engine/tasks/task';

describe('createTask params', () => {
  it('uses the table defaults when nothing is given', () => {
    for (const id of TASK_IDS) {
      if (id === 'custom') continue;
      const task = createTask(id);
      for (const p of TASK_PARAMS[id]) expect(task.params[p.key]).toBe(p.default);
    }
    expect(createTask('adding').length).toBe(50);
    expect(createTask('copy').length).toBe(3 + 10 + 1 + 3);
  });

  it('clamps to bounds and rounds integer params', () => {
    expect(createTask('adding', { length: 5 }).length).toBe(10);
    expect(createTask('adding', { length: 1e9 }).length).toBe(1000);
    expect(createTask('parity', { length: 12.6 }).length).toBe(13);
    expect(createTask('charlm', { length: -3 }).length).toBe(5);
    const copy = createTask('copy', { symbols: 99, items: 0, gap: 1e6 });
    expect(copy.params).toEqual({ symbols: 8, items: 1, gap: 200 });
    expect(copy.length).toBe(1 + 200 + 1 + 1);
    expect(copy.outputSize).toBe(8);
    expect(createTask('copy', { items: 10, gap: 200 }).length).toBe(221);
  });

  it('snaps fractional params to their step grid without float noise', () => {
    expect(createTask('forecast', { noise: 0.123 }).params.noise).toBe(0.12);
    expect(createTask('forecast', { noise: 0.07 }).params.noise).toBe(0.07);
    expect(createTask('forecast', { noise: 9 }).params.noise).toBe(0.5);
    expect(createTask('anomaly', { rate: 0 }).params.rate).toBe(0.01);
    expect(createTask('anomaly', { rate: 0.2951 }).params.rate).toBe(0.3);
  });

  it('falls back to defaults for NaN or non-numbers and ignores unknown keys', () => {
    const task = createTask('adding', { length: NaN, bogus: 3 });
    expect(task.params).toEqual({ length: 50 });
    const loose = { length: '20' } as unknown as Record<string, number>;
    expect(createTask('adding', loose).length).toBe(50);
    expect(createTask('forecast', { length: Infinity }).length).toBe(1000);
  });

  it('returns frozen params and a frozen table', () => {
    expect(Object.isFrozen(createTask('parity').params)).toBe(true);
    expect(Object.isFrozen(TASK_PARAMS.adding[0])).toBe(true);
    expect(resolveParams(TASK_PARAMS.copy, { gap: 3.4 })).toEqual({ symbols: 4, items: 3, gap: 3 });
  });

  it('snaps to steps that are not powers of ten, counted from min', () => {
    const spec = { key: 'k', label: 'k', min: 1, max: 2, step: 0.25, default: 1.5, help: '' };
    expect(resolveParams([spec], { k: 1.3 })).toEqual({ k: 1.25 });
    expect(resolveParams([spec], { k: 1.9 })).toEqual({ k: 2 });
    const odd = { ...spec, min: 1, max: 10, step: 3, default: 4 };
    expect(resolveParams([odd], { k: 6 })).toEqual({ k: 7 });
    expect(resolveParams([odd], { k: 10 })).toEqual({ k: 10 });
  });

  it('rejects unknown task ids with the list of valid ones', () => {
    const bad = () => createTask('sorting' as TaskId);
    expect(bad).toThrow(EngineInputError);
    expect(bad).toThrow(
      "unknown task 'sorting': expected one of adding, copy, parity, forecast, anomaly, charlm, custom",
    );
  });
});
