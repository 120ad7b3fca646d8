/** The screen-reader summary of a step reads the selected unit's gates and states. */
import { describe, expect, it } from 'vitest';
import type { Trace } from '../../../src/engine/trace';
import { stepSummary } from '../../../src/ui/stepSummary';

function lstmTrace(): Trace {
  const T = 3;
  const H = 2;
  const grid = (base: number) => Float32Array.from({ length: T * H }, (_, i) => base + i / 100);
  return {
    spec: { cell: 'lstm' },
    T,
    H,
    gates: { input: grid(0.1), forget: grid(0.8), candidate: grid(-0.4), output: grid(0.5) },
    h: grid(0.2),
    c: grid(0.9),
    mask: Uint8Array.from([0, 0, 1]),
    stepLoss: Float32Array.from([0, 0, 0.25]),
  } as unknown as Trace;
}

describe('stepSummary', () => {
  it('names the step, cell, unit, gates and states, 1-based', () => {
    expect(stepSummary(lstmTrace(), 1, 0)).toBe(
      'Step 2 of 3: LSTM unit 1: input 0.12, forget 0.82, candidate −0.38, output 0.52; h 0.22, c 0.92.',
    );
  });

  it('adds the loss on targeted steps and clamps t and unit into the trace', () => {
    expect(stepSummary(lstmTrace(), 99, 7)).toMatch(
      /^Step 3 of 3: LSTM unit 2: .* Loss at this step 0\.25\.$/,
    );
  });
});
