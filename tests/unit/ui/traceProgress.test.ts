import { describe, expect, it } from 'vitest';
import { traceProgressText } from '../../../src/ui/traceProgress';

describe('trace progress in words', () => {
  it('names the walk and the step the timeline would show, then the batched rest', () => {
    const total = 2000;
    expect(traceProgressText({ done: 0, total })).toBe('forward pass, step 1 of 1,000');
    expect(traceProgressText({ done: 999, total })).toBe('forward pass, step 1,000 of 1,000');
    // The backward walk starts at the last step: done = 2T − t.
    expect(traceProgressText({ done: 1001, total })).toBe('back through time, step 1,000 of 1,000');
    expect(traceProgressText({ done: 1999, total })).toBe('back through time, step 2 of 1,000');
    expect(traceProgressText({ done: 2000, total })).toBe(
      'finishing: weight gradients and the memory path',
    );
  });
});
