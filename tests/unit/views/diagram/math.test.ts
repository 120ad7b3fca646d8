/** The equation markup and number formatting. */
import { describe, expect, it } from 'vitest';
import {
  baselineShifts,
  italicRuns,
  mathSegments,
  operand,
  sumText,
} from '../../../../src/views/diagram/math';

describe('mathSegments', () => {
  it('splits single-character and grouped subscripts and superscripts', () => {
    expect(mathSegments('W_f x_t + h_{t−1}')).toEqual([
      { text: 'W', pos: 'base' },
      { text: 'f', pos: 'sub' },
      { text: ' x', pos: 'base' },
      { text: 't', pos: 'sub' },
      { text: ' + h', pos: 'base' },
      { text: 't−1', pos: 'sub' },
    ]);
    expect(mathSegments('x^{2}')).toEqual([
      { text: 'x', pos: 'base' },
      { text: '2', pos: 'sup' },
    ]);
    expect(mathSegments('plain')).toEqual([{ text: 'plain', pos: 'base' }]);
  });
});

describe('italicRuns', () => {
  it('italicises single-letter variables, not words', () => {
    expect(italicRuns('tanh(W x')).toEqual([
      { text: 'tanh(', italic: false },
      { text: 'W', italic: true },
      { text: ' ', italic: false },
      { text: 'x', italic: true },
    ]);
  });
});

describe('number text', () => {
  it('wraps negative operands in parentheses', () => {
    expect(operand(0.5)).toBe('0.500');
    expect(operand(-0.31)).toBe('(−0.310)');
  });
  it('writes sums with minus signs', () => {
    expect(sumText([0.8, -0.93, 1])).toBe('0.800 − 0.930 + 1.000');
    expect(sumText([-0.2, 0])).toBe('−0.200 + 0');
  });
});

describe('baselineShifts', () => {
  it('moves each segment relative to the previous one and returns to the baseline', () => {
    const { dy, reset } = baselineShifts(mathSegments('h_{t−1} + x^{2}'));
    expect(dy).toEqual([0, 5, -5, -7]);
    expect(reset).toBe(7);
  });
});
