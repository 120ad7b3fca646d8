/** The error boundary's state logic, without a DOM: what it keeps from a throw, and its reset. */
import { describe, expect, it } from 'vitest';
import { boundaryState, describeError, ErrorBoundary } from '../../../src/ui/ErrorBoundary';

describe('error boundary state', () => {
  it('keeps a thrown Error, turns anything else into one, and resets to no error', () => {
    const e = new RangeError('index 9 out of range');
    expect(ErrorBoundary.getDerivedStateFromError(e)).toEqual({ error: e });
    expect(boundaryState.caught('plain string').error?.message).toBe('plain string');
    expect(boundaryState.caught(undefined).error?.message).toBe('undefined');
    expect(boundaryState.caught({ code: 1 }).error).toBeInstanceOf(Error);
    expect(boundaryState.reset()).toEqual(boundaryState.initial);
    expect(boundaryState.initial.error).toBeNull();
  });

  it('always has something to say, in one short line', () => {
    expect(describeError(new Error(''))).toBe('Error');
    expect(describeError(new TypeError('  x is not a function '))).toBe('x is not a function');
    expect(describeError(new Error('y'.repeat(500)))).toHaveLength(201);
  });
});
