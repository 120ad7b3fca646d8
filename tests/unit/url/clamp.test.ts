/** Values out of range are clamped (and said so); invalid ones are dropped with the reason. */
import { describe, expect, it } from 'vitest';
import { KNOBS } from '../../../src/config/config';
import { formatIssue, parseHash } from '../../../src/store/url/hash';

const issuesOf = (hash: string) => parseHash(hash).issues.map(formatIssue);

describe('link validation', () => {
  it('clamps numbers to their bounds: H=9999 → max, t=0 → step 1', () => {
    const { state, issues } = parseHash('#H=9999&t=0&seed=-4');
    expect(state.config.hiddenSize).toBe(KNOBS.hiddenSize.max);
    expect(state.t).toBe(0);
    expect(state.config.seed).toBe(0);
    expect(issues.map(formatIssue)).toEqual([
      `H=9999 (used ${KNOBS.hiddenSize.max}, the largest allowed)`,
      'seed=-4 (used 0, the smallest allowed)',
      't=0 (used 1, the smallest allowed)',
    ]);
    expect(issues.every((i) => i.kind === 'adjusted')).toBe(true);
  });

  it('drops what it cannot read and keeps the rest', () => {
    const { state, issues } = parseHash('#H=abc&cell=transformer&seed=7&zoom=2');
    expect(state.config.seed).toBe(7);
    expect(state.config.hiddenSize).toBe(16);
    expect(state.config.cell).toBe('lstm');
    expect(issues.map(formatIssue)).toEqual([
      'zoom=2 (unknown key)',
      'cell=transformer (unknown: use elman, lstm, gru)',
      'H=abc (not a number)',
    ]);
    expect(issues.every((i) => i.kind === 'ignored')).toBe(true);
  });

  it('snaps to the step and reads numbers strictly', () => {
    expect(parseHash('#scale=0.43').state.config.recurrentScale).toBe(0.45);
    expect(parseHash('#H=8.4').state.config.hiddenSize).toBe(8);
    for (const bad of ['0x10', 'Infinity', 'NaN', '1e999', '8px', ''])
      expect(parseHash(`#H=${bad}`).issues[0]?.kind, bad).toBe('ignored');
  });

  it('says when it read a value without the spaces or line break around it (H=8%0A)', () => {
    const { state, issues } = parseHash('#H=8%0A&cell=%20gru&seed=%207%20');
    expect(state.config.hiddenSize).toBe(8);
    expect(state.config.cell).toBe('gru');
    expect(state.config.seed).toBe(7);
    expect(issues.map(formatIssue)).toEqual([
      'cell= gru (read without the spaces around it)',
      'H=8%0A (read without the spaces around it)',
      'seed= 7  (read without the spaces around it)',
    ]);
    expect(issues.every((i) => i.kind === 'adjusted')).toBe(true);
    expect(issuesOf('#H=%209999')).toEqual([
      `H= 9999 (read without the spaces around it; used ${KNOBS.hiddenSize.max}, the largest allowed)`,
    ]);
    expect(issuesOf('#H=8')).toEqual([]);
  });

  it('reads task parameters against the task, in any order', () => {
    const a = parseHash('#p.length=5000&task=parity');
    expect(a.state.config.taskParams).toEqual({ length: 200 });
    expect(issuesOf('#p.gap=5')).toEqual(['p.gap=5 (the adding task has no such parameter)']);
    expect(parseHash('#task=copy&p.gap=5').state.config.taskParams).toEqual({ gap: 5 });
  });

  it('keeps the unit inside H and the gate inside the cell', () => {
    const s = parseHash('#unit=20&H=8&cell=gru&gate=forget').state;
    expect(s.selection.unit).toBe(7);
    expect(s.selection.gate).toBeNull();
    expect(issuesOf('#cell=gru&gate=forget')[0]).toMatch(
      /^gate=forget \(unknown: use reset, update, candidate, h, none\)/,
    );
    expect(parseHash('#cell=gru&gate=update').state.selection.gate).toBe('update');
  });

  it('is lenient where it costs nothing: key case, value case, bare flags', () => {
    const s = parseHash('#h=8&CELL=GRU&present').state;
    expect(s.config.hiddenSize).toBe(8);
    expect(s.config.cell).toBe('gru');
    expect(s.presenting).toBe(true);
  });

  it('lets the last of repeated keys count, and says so', () => {
    const { state, issues } = parseHash('#seed=3&seed=4');
    expect(state.config.seed).toBe(4);
    expect(issues.map(formatIssue)).toEqual(['seed=3 (repeated key: the last one counts)']);
  });

  it('names badly encoded parts and custom text that is not a sequence', () => {
    expect(issuesOf('#seed=%E0%A4%A')).toEqual(['seed=%E0%A4%A (badly encoded)']);
    expect(issuesOf('#task=custom&custom=x')[0]).toMatch(/^custom=x \(not a usable sequence/);
  });
});
