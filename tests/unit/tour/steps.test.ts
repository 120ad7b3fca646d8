/** The tour's data: every step names real cells, tasks and gates, and sets valid settings. */
import { CELLS } from '../../../src/engine/cellKinds';
import { describe, expect, it } from 'vitest';
import { TASK_IDS } from '../../../src/engine/tasks/task';
import { CLAMPABLE, DEFAULT_CONFIG, sanitize } from '../../../src/config/config';
import { TOUR_BASE, TOUR_STEPS } from '../../../src/tour/steps';

const sentences = (s: string) => s.split(/(?<=[.!?])\s+(?=[A-Z"])/).filter(Boolean);

describe('tour steps', () => {
  it('has at least six steps with unique ids, titles and 2–4 sentence texts', () => {
    expect(TOUR_STEPS.length).toBeGreaterThanOrEqual(6);
    expect(new Set(TOUR_STEPS.map((s) => s.id)).size).toBe(TOUR_STEPS.length);
    for (const s of TOUR_STEPS) {
      expect(s.title.trim(), s.id).not.toBe('');
      const n = sentences(s.text).length;
      expect(n, `${s.id}: ${n} sentences`).toBeGreaterThanOrEqual(2);
      expect(n, `${s.id}: ${n} sentences`).toBeLessThanOrEqual(4);
      expect(s.focus, s.id).toMatch(/^(panel-[a-z]+|compare-view)$/);
    }
  });

  it.each(TOUR_STEPS.map((s) => [s.id, s] as const))(
    '%s sets only valid values (sanitize keeps them all)',
    (_, step) => {
      const patch = { ...TOUR_BASE, ...step.state.config };
      const applied = sanitize(DEFAULT_CONFIG, patch);
      for (const [k, v] of Object.entries(patch))
        expect(applied[k as keyof typeof applied], k).toEqual(v);
      expect(['elman', 'lstm', 'gru']).toContain(applied.cell);
      expect(TASK_IDS).toContain(applied.task);
      if (applied.clampGate) expect(CLAMPABLE[applied.clampGate].cell).toBe(applied.cell);
      const gate = step.state.ui?.selection.gate;
      if (gate) expect(CELLS[applied.cell].gates).toContain(gate);
      const t = step.state.playback?.t;
      if (typeof t === 'number') {
        expect(Number.isInteger(t) && t >= 0).toBe(true);
        expect(t).toBeLessThan(applied.taskParams.length ?? Infinity);
      }
    },
  );

  it('covers recurrence, vanishing gradients, the forget and update gates, and the comparison', () => {
    const ids = TOUR_STEPS.map((s) => s.id);
    const byId = Object.fromEntries(TOUR_STEPS.map((s) => [s.id, s]));
    expect(ids[0]).toBe('recurrence');
    expect(byId.vanishing!.state.config).toMatchObject({ cell: 'elman', recurrentScale: 0.8 });
    expect(byId['forget-gate']!.state.config.cell).toBe('lstm');
    expect(byId['update-gate']!.state.ui?.selection.gate).toBe('update');
    expect(TOUR_STEPS.at(-1)!.state.compare?.open).toBe(true);
    // Only the last step opens the comparison.
    expect(TOUR_STEPS.slice(0, -1).every((s) => !s.state.compare?.open)).toBe(true);
  });
});
