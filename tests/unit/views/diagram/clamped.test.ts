/** A gate held by a what-if clamp: its equation line says so and shows what its formula would give. */
import { beforeAll, describe, expect, it } from 'vitest';
import { equationRenderData, markClamped } from '../../../../src/views/diagram/equationData';
import { traceFor, useCpu } from './traces';

beforeAll(useCpu);

describe('markClamped', () => {
  it('replaces the clamped gate’s substitution by a note with the unclamped value', async () => {
    const { trace, model } = await traceFor({ cell: 'lstm' });
    const data = equationRenderData(trace, 2, { unit: 1, gate: null }, model.weights);
    const forget = data.lines.find((l) => l.gate === 'forget')!;
    const marked = markClamped(data, ['forget']);
    const line = marked.lines.find((l) => l.gate === 'forget')!;
    expect(line.substituted).toBeNull();
    // The trace here is unclamped, so "what the formula would give" is the gate's own value.
    expect(line.note).toContain(`its formula would give ${forget.result.toFixed(3)}`);
    expect(marked.lines.filter((l) => l.gate !== 'forget')).toEqual(
      data.lines.filter((l) => l.gate !== 'forget'),
    );
    expect(markClamped(data, [])).toBe(data);
  });
});
