/**
 * Grading one answer against the probe's answer: each question kind, its tolerance, and the
 * feedback's words (the right answer, the student's, and why).
 */
import { describe, expect, it } from 'vitest';
import type {
  ChoiceQuestion,
  ExperimentQuestion,
  NumberQuestion,
  PointQuestion,
  Question,
  RangeQuestion,
} from '../../../src/config/lesson';
import { DEFAULT_REL, type StudentAnswer, grade } from '../../../src/lessons/grade';
import type { AnswerValue, ProbeAnswer } from '../../../src/lessons/probeTypes';

const computed = (value: AnswerValue | null, panel = 'heatmaps'): ProbeAnswer => ({
  value,
  why: 'Because the heatmap says so.',
  panel,
});

const choice: ChoiceQuestion = {
  kind: 'choice',
  prompt: 'Which gate?',
  answer: { probe: 'gateExtreme' },
};
const point = (tolerance?: number): PointQuestion => ({
  kind: 'point',
  prompt: 'Where?',
  answer: { probe: 'gradDropStep' },
  ...(tolerance !== undefined && { tolerance }),
});
const number = (tolerance?: NumberQuestion['tolerance']): NumberQuestion => ({
  kind: 'number',
  prompt: 'How much?',
  answer: { probe: 'gateMean' },
  ...(tolerance && { tolerance }),
});
const range = (maxWidth?: number): RangeQuestion => ({
  kind: 'range',
  prompt: 'Between?',
  answer: { probe: 'gateMean' },
  ...(maxWidth !== undefined && { maxWidth }),
});
const experiment: ExperimentQuestion = {
  kind: 'experiment',
  prompt: 'Which cell wins?',
  answer: { probe: 'bestCell' },
  train: 100,
};

const right = (q: Question, a: StudentAnswer, v: AnswerValue) => grade(q, a, computed(v)).correct;

describe('grade', () => {
  it('choice: the same option, nothing else', () => {
    expect(grade(choice, { kind: 'choice', pick: 'forget' }, computed('forget'))).toEqual({
      correct: true,
      answer: 'forget',
      yours: 'forget',
      why: 'Because the heatmap says so.',
      panel: 'heatmaps',
    });
    const wrong = grade(choice, { kind: 'choice', pick: 'input' }, computed('forget'));
    expect(wrong).toMatchObject({ correct: false, answer: 'forget', yours: 'input' });
    expect(right(choice, { kind: 'choice', pick: 'Forget' }, 'forget')).toBe(false);
    // an answer of another shape never counts
    expect(right(choice, { kind: 'number', x: 0 }, 'forget')).toBe(false);
  });

  it('experiment: graded like a choice, on the run’s answer', () => {
    const fb = grade(experiment, { kind: 'choice', pick: 'lstm' }, computed('lstm', 'compare'));
    expect(fb).toMatchObject({ correct: true, answer: 'LSTM', yours: 'LSTM', panel: 'compare' });
    expect(right(experiment, { kind: 'choice', pick: 'gru' }, 'lstm')).toBe(false);
  });

  it('point: exactly the step by default, within the tolerance when one is set', () => {
    const fb = grade(point(), { kind: 'point', t: 11 }, computed(11, 'gradients'));
    // steps are 0-based inside and said 1-based, as the page shows them
    expect(fb).toMatchObject({ correct: true, answer: 'step 12', yours: 'step 12' });
    expect(right(point(), { kind: 'point', t: 12 }, 11)).toBe(false);
    expect(right(point(0), { kind: 'point', t: 10 }, 11)).toBe(false);
    for (const t of [9, 10, 11, 12, 13])
      expect(right(point(2), { kind: 'point', t }, 11)).toBe(true);
    expect(right(point(2), { kind: 'point', t: 8 }, 11)).toBe(false);
    expect(right(point(2), { kind: 'point', t: 14 }, 11)).toBe(false);
    expect(right(point(2), { kind: 'number', x: 11 }, 11)).toBe(false);
  });

  it('number: within 10% of the answer by default', () => {
    expect(DEFAULT_REL).toBe(0.1);
    expect(right(number(), { kind: 'number', x: 55 }, 50)).toBe(true);
    expect(right(number(), { kind: 'number', x: 45 }, 50)).toBe(true);
    expect(right(number(), { kind: 'number', x: 55.01 }, 50)).toBe(false);
    expect(right(number(), { kind: 'number', x: -0.9 }, -1)).toBe(true); // |answer|
    expect(right(number(), { kind: 'number', x: -0.89 }, -1)).toBe(false);
    // an answer of 0 has no 10% to give: exact only
    expect(right(number(), { kind: 'number', x: 0 }, 0)).toBe(true);
    expect(right(number(), { kind: 'number', x: 1e-9 }, 0)).toBe(false);
    const fb = grade(number(), { kind: 'number', x: 0.123456 }, computed(0.12));
    expect(fb).toMatchObject({ correct: true, answer: '0.12', yours: '0.123' });
  });

  it('number: the larger of the absolute and the relative tolerance', () => {
    // abs only: the default 10% still applies, whichever is wider counts
    expect(right(number({ abs: 1 }), { kind: 'number', x: 3 }, 2)).toBe(true);
    expect(right(number({ abs: 1 }), { kind: 'number', x: 3.01 }, 2)).toBe(false);
    expect(right(number({ abs: 1 }), { kind: 'number', x: 109 }, 100)).toBe(true);
    expect(right(number({ abs: 1 }), { kind: 'number', x: 0.5 }, 0)).toBe(true);
    // rel only
    expect(right(number({ rel: 0.5 }), { kind: 'number', x: 15 }, 10)).toBe(true);
    expect(right(number({ rel: 0.5 }), { kind: 'number', x: 15.01 }, 10)).toBe(false);
    // rel 0 switches the relative part off: then only abs counts
    expect(right(number({ rel: 0 }), { kind: 'number', x: 10.001 }, 10)).toBe(false);
    expect(right(number({ rel: 0 }), { kind: 'number', x: 10 }, 10)).toBe(true);
    expect(right(number({ abs: 0.5, rel: 0 }), { kind: 'number', x: 10.5 }, 10)).toBe(true);
    expect(right(number({ abs: 0.5, rel: 0 }), { kind: 'number', x: 10.51 }, 10)).toBe(false);
    expect(right(number({ abs: 0.5, rel: 0.2 }), { kind: 'number', x: 12 }, 10)).toBe(true);
    expect(right(number({ abs: 0.5 }), { kind: 'range', lo: 0, hi: 20 }, 10)).toBe(false);
  });

  it('range: holds the answer (either way round), no wider than maxWidth', () => {
    expect(right(range(), { kind: 'range', lo: 0.2, hi: 0.8 }, 0.5)).toBe(true);
    expect(right(range(), { kind: 'range', lo: 0.8, hi: 0.2 }, 0.5)).toBe(true);
    expect(right(range(), { kind: 'range', lo: 0.5, hi: 0.5 }, 0.5)).toBe(true);
    expect(right(range(), { kind: 'range', lo: 0.6, hi: 0.8 }, 0.5)).toBe(false);
    expect(right(range(), { kind: 'range', lo: -1e9, hi: 1e9 }, 0.5)).toBe(true); // no maxWidth
    expect(right(range(0.5), { kind: 'range', lo: 0.25, hi: 0.75 }, 0.5)).toBe(true);
    const wide = grade(range(0.5), { kind: 'range', lo: 0, hi: 1 }, computed(0.5));
    expect(wide).toMatchObject({ correct: false, answer: '0.5', yours: '0 to 1' });
    expect(wide.why).toBe('Because the heatmap says so. Your range is wider than 0.5.');
    // a narrow range that misses says nothing about width
    const missed = grade(range(0.5), { kind: 'range', lo: 0.6, hi: 0.7 }, computed(0.5));
    expect(missed).toMatchObject({ correct: false, why: 'Because the heatmap says so.' });
    expect(right(range(), { kind: 'number', x: 0.5 }, 0.5)).toBe(false);
  });

  it('no answer on this trace: not scored, whatever was answered', () => {
    const none = computed(null, 'gradients');
    const cases: [Question, StudentAnswer][] = [
      [choice, { kind: 'choice', pick: 'forget' }],
      [point(3), { kind: 'point', t: 4 }],
      [number(), { kind: 'number', x: 1 }],
      [range(0.1), { kind: 'range', lo: 0, hi: 5 }],
      [experiment, { kind: 'choice', pick: 'gru' }],
    ];
    for (const [q, a] of cases) {
      const fb = grade(q, a, none);
      expect(fb.correct).toBeNull();
      expect(fb.answer).toBe('none on this trace');
      expect(fb.why).toBe('Because the heatmap says so.'); // no width note either
      expect(fb.panel).toBe('gradients');
    }
  });
});

describe('a typed answer', () => {
  it('reads a decimal point or comma, the page’s minus sign and powers of ten', async () => {
    const { parseTyped } = await import('../../../src/lessons/QuestionForm');
    expect(parseTyped(' 0.95 ')).toBe(0.95);
    expect(parseTyped('0,95')).toBe(0.95);
    expect(parseTyped('−3')).toBe(-3);
    expect(parseTyped('1e-3')).toBe(0.001);
    expect(parseTyped('')).toBeNaN();
    expect(parseTyped('1,000,5')).toBeNaN();
    expect(parseTyped('abc')).toBeNaN();
  });
});
