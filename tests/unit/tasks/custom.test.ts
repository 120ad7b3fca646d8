/** Parsing the user's custom text: which mode it picks and the exact error messages. */
import { describe, expect, it } from 'vitest';
import { EngineInputError } from '../../../src/engine/spec';
import { parseCustom } from '../../../src/engine/tasks/custom';
import { createTask } from '../../../src/engine/tasks/task';

function message(text: string | undefined): string {
  try {
    createTask('custom', {}, text);
  } catch (e) {
    expect(e).toBeInstanceOf(EngineInputError);
    return (e as Error).message;
  }
  throw new Error(`no error for ${JSON.stringify(text)}`);
}

describe('parseCustom modes', () => {
  it('reads lists separated by commas, spaces, semicolons or newlines as numbers', () => {
    expect(parseCustom('1,2,3')).toEqual({ kind: 'numbers', values: [1, 2, 3], skipped: [] });
    expect(parseCustom(' -1.5\n+2 ;3e-1, .5 ')).toEqual({
      kind: 'numbers',
      values: [-1.5, 2, 0.3, 0.5],
      skipped: [],
    });
    expect(parseCustom('1000000 -1000000')).toEqual({
      kind: 'numbers',
      values: [1e6, -1e6],
      skipped: [],
    });
    // A separator at an end is punctuation; two in a row leave an empty item, which is refused.
    expect(parseCustom(',1, 2;')).toMatchObject({ values: [1, 2], skipped: [] });
    expect(() => parseCustom('1, 2,, 4')).toThrow(
      "custom numbers: item 3 is empty (two separators in a row after '2')",
    );
    expect(() => parseCustom('1 ; , 2')).toThrow(/item 2 is empty/);
  });

  it('reads mostly-words text as characters, trimmed at the ends', () => {
    expect(parseCustom('3 apples')).toMatchObject({
      kind: 'chars',
      vocab: [' ', '3', 'a', 'e', 'l', 'p', 's'],
    });
    expect(parseCustom('\nhi\r\n')).toEqual({
      kind: 'chars',
      chars: ['h', 'i'],
      vocab: ['h', 'i'],
      skipped: [
        { kind: 'characters', name: '\n', detail: 'at the start' },
        { kind: 'characters', name: '\r\n', detail: 'at the end' },
      ],
    });
    expect(parseCustom('a\r\nb\r\nc').skipped).toEqual([
      { kind: 'characters', name: '\r', detail: 'before 2 newlines' },
    ]);
    expect(parseCustom('a,b')).toMatchObject({ kind: 'chars' });
  });

  it('counts characters by code point, so emoji are single symbols', () => {
    const p = parseCustom('🌧️☀🌧');
    expect(p.kind).toBe('chars');
    expect(createTask('custom', {}, '🌧🌧☀').length).toBe(2);
  });

  it('makes a working task at the size limits', () => {
    const nums = Array.from({ length: 1001 }, (_, i) => i % 7).join(',');
    expect(createTask('custom', {}, nums).length).toBe(1000);
    const text = 'ab'.repeat(500) + 'a';
    expect(createTask('custom', {}, text).length).toBe(1000);
    const wide = Array.from({ length: 64 }, (_, i) => String.fromCharCode(0x100 + i)).join('');
    expect(createTask('custom', {}, wide).outputSize).toBe(64);
  });
});

describe('custom errors', () => {
  it.each([
    ['', 'custom text is empty: type at least 2 numbers (like 1, 2, 3) or at least 2 characters'],
    [
      undefined,
      'custom text is empty: type at least 2 numbers (like 1, 2, 3) or at least 2 characters',
    ],
    [
      ' \n\t ',
      'custom text is empty: type at least 2 numbers (like 1, 2, 3) or at least 2 characters',
    ],
    ['x', 'custom text: need at least 2 characters (got 1)'],
    ['42', 'custom numbers: need at least 2 numbers (got 1)'],
    ['1, 2, x, 4', "custom numbers: item 3 ('x') is not a number"],
    ['1 2 3 4..5', "custom numbers: item 4 ('4..5') is not a number"],
    ['1, inf, 3', "custom numbers: item 2 ('inf') is not a finite number"],
    ['NaN 1 2', "custom numbers: item 1 ('NaN') is not a finite number"],
    ['1, 2e6', "custom numbers: item 2 ('2e6') is too large: numbers must be within ±1000000"],
    ['1 1e400', "custom numbers: item 2 ('1e400') is too large: numbers must be within ±1000000"],
    [
      '1 2 3 abcdefghijklmnopqrstuvwxyz',
      "custom numbers: item 4 ('abcdefghijklmnopqrst…') is not a number",
    ],
  ])('%j', (text, expected) => {
    expect(message(text)).toBe(expected);
  });

  it('rejects too many items and too many distinct characters', () => {
    const nums = Array.from({ length: 1002 }, (_, i) => i).join(' ');
    expect(message(nums)).toBe('custom numbers: at most 1001 numbers are allowed (got 1002)');
    expect(message('a'.repeat(1002))).toBe(
      'custom text: at most 1001 characters are allowed (got 1002)',
    );
    const wide = Array.from({ length: 65 }, (_, i) => String.fromCharCode(0x100 + i)).join('');
    expect(message(wide)).toBe('custom text: uses 65 distinct characters; at most 64 are allowed');
  });
});
