/**
 * The property the "nothing silently ignored" fuzz tests check on every edited input: the reader
 * either refuses it with a message naming a part the edits touched, or it accepts it with the
 * same numbers (checked by the caller) and lists exactly the parts that were added and unused.
 */
import { expect } from 'vitest';
import { EngineInputError } from '../../../src/engine/spec';
import { TraceFileError } from '../../../src/engine/trace-file';
import { show } from './gen';

/** One edit: the names it touched, and the name the reader must list if it accepts the input. */
export interface Edit {
  touched: string[];
  /** undefined where an accepting reader uses the part (a default written out, a dropped one) */
  listed?: string;
}

export interface Counts {
  accepted: number;
  rejected: number;
}

/**
 * Runs `read`. A refusal must name one touched part; an acceptance goes to `sameNumbers`, which
 * checks the numbers and returns the names the reader listed as skipped.
 */
export function expectNamed<R>(
  input: unknown,
  edits: readonly Edit[],
  read: () => R,
  sameNumbers: (result: R) => string[],
  counts: Counts,
) {
  let result: R;
  try {
    result = read();
  } catch (e) {
    if (!(e instanceof EngineInputError) && !(e instanceof TraceFileError))
      throw new Error(`unexpected ${String(e)} for ${show(input)}`, { cause: e });
    const names = edits.flatMap((edit) => edit.touched);
    const named = names.some((n) => e.message.includes(n) || e.message.includes(JSON.stringify(n)));
    expect(named, `"${e.message}" names none of ${show(names)} in ${show(input)}`).toBe(true);
    counts.rejected++;
    return;
  }
  const listed = sameNumbers(result);
  const added = edits.flatMap((edit) => (edit.listed === undefined ? [] : [edit.listed]));
  expect([...listed].sort(), show(input)).toEqual([...added].sort());
  counts.accepted++;
}

/** A name that is not the original and looks like no known part: a typo or a wrong case. */
export function misspell(pick: <T>(xs: readonly T[]) => T, name: string): string {
  const upper = name.toUpperCase();
  return pick([`${name}_`, `${name}s`, upper === name ? `${name}0` : upper, `x_${name}`]);
}
