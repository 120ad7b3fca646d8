/**
 * The built-in lessons against real networks: each one reads back through the lesson reader
 * unchanged, and every question gets an answer computed from a real Node trace (and, for the
 * experiments, a real if short training run) for two seeds, which grading accepts when given
 * back and rejects when moved away. Answers must follow the network, not be written down.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, clampsFor, sanitize } from '../../../src/config/config';
import { initModelFor, sequenceFor, taskFor } from '../../../src/config/inputs';
import { QUESTION_KINDS, type LessonStep, type Question } from '../../../src/config/lesson';
import { CELL_KINDS } from '../../../src/engine/cellKinds';
import type { LossPoint } from '../../../src/engine/lossHistory';
import { DEFAULT_TRAIN, Trainer, isDivergence } from '../../../src/engine/train';
import { runTrace } from '../../../src/engine/trace';
import type { CellKind } from '../../../src/engine/types';
import { BUILTIN_LESSONS } from '../../../src/lessons/builtin';
import { type StudentAnswer, grade } from '../../../src/lessons/grade';
import type { ProbeAnswer, ProbeContext, RunSummary } from '../../../src/lessons/probeTypes';
import { PROBES, optionsFor, runProbe } from '../../../src/lessons/probes';
import { readLesson } from '../../../src/lessons/read';
import { viewToState } from '../../../src/lessons/viewState';

/** Updates per experiment here: enough for a loss history, far fewer than a lesson asks. */
const TEST_UPDATES = 25;
const SEEDS = [1, 2];

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
});

async function train(step: LessonStep, seed: number, cell: CellKind): Promise<RunSummary> {
  const config = sanitize(DEFAULT_CONFIG, viewToState({ ...step.view, seed }).config);
  const task = taskFor(config);
  const trainer = new Trainer(initModelFor(config, cell, task), task, DEFAULT_TRAIN);
  const history: LossPoint[] = [];
  try {
    for (let k = 0; k < TEST_UPDATES; k++) {
      const r = await trainer.step();
      if (isDivergence(r)) return { steps: k, history, divergence: r.reason };
      history.push({ step: r.step, loss: r.loss, metric: r.metric });
    }
  } finally {
    trainer.dispose();
  }
  return { steps: TEST_UPDATES, history };
}

/** What the page would hold after opening this step (and running its experiment) with `seed`. */
async function contextFor(step: LessonStep, seed: number): Promise<ProbeContext> {
  const state = viewToState({ ...step.view, seed });
  const config = sanitize(DEFAULT_CONFIG, state.config);
  const task = taskFor(config);
  const seq = sequenceFor(config, task);
  const model = initModelFor(config, config.cell, task);
  const trace = await runTrace(model, seq, { clamps: clampsFor(config, config.cell, seq.length) });
  const none: RunSummary = { steps: 0, history: [] };
  const ctx: ProbeContext = {
    trace,
    t: Math.min(state.t, trace.T - 1),
    unit: state.selection.unit,
    task,
    training: none,
    compare: {
      elman: { ...none, trace: null },
      lstm: { ...none, trace: null },
      gru: { ...none, trace: null },
    },
  };
  const reads = step.ask ? PROBES[step.ask.answer.probe]!.reads : 'trace';
  if (reads === 'training') ctx.training = await train(step, seed, config.cell);
  if (reads === 'compare')
    for (const cell of CELL_KINDS)
      ctx.compare[cell] = { ...(await train(step, seed, cell)), trace: null };
  return ctx;
}

/** The computed answer given back as a student would, and one that must be wrong. */
function rightAndWrong(
  q: Question,
  a: ProbeAnswer,
  options: string[],
): [StudentAnswer, StudentAnswer] {
  const v = a.value!;
  if (typeof v === 'string') {
    const other = options.find((o) => o !== v)!;
    return [
      { kind: 'choice', pick: v },
      { kind: 'choice', pick: other },
    ];
  }
  switch (q.kind) {
    case 'point':
      return [
        { kind: 'point', t: v },
        { kind: 'point', t: v + (q.tolerance ?? 0) + 3 },
      ];
    case 'range':
      return [
        { kind: 'range', lo: v - 0.1, hi: v + 0.1 },
        { kind: 'range', lo: v + 1, hi: v + 2 },
      ];
    default: {
      const tol = Math.max(q.kind === 'number' ? (q.tolerance?.abs ?? 0) : 0, 0.1 * Math.abs(v));
      return [
        { kind: 'number', x: v },
        { kind: 'number', x: v + 2 * tol + 10 },
      ];
    }
  }
}

describe('the built-in lessons', () => {
  it('are six, each 5–10 steps with at least three questions, and use every question kind', () => {
    expect(BUILTIN_LESSONS.map((b) => b.id)).toEqual([
      'elman',
      'vanishing',
      'lstm',
      'gru',
      'race',
      'uses',
    ]);
    const kinds = new Set<string>();
    for (const { lesson } of BUILTIN_LESSONS) {
      expect(lesson.steps.length).toBeGreaterThanOrEqual(5);
      expect(lesson.steps.length).toBeLessThanOrEqual(10);
      const asks = lesson.steps.flatMap((s) => (s.ask ? [s.ask] : []));
      expect(asks.length).toBeGreaterThanOrEqual(3);
      for (const q of asks) kinds.add(q.kind);
    }
    expect([...kinds].sort()).toEqual([...QUESTION_KINDS].sort());
  });

  it('pass the lesson reader unchanged', () => {
    for (const { id, lesson } of BUILTIN_LESSONS) {
      const read = readLesson(JSON.parse(JSON.stringify(lesson)));
      expect(read.ok ? '' : read.error, id).toBe('');
      if (read.ok) expect(read.lesson).toEqual(lesson);
    }
  });

  for (const { id, lesson } of BUILTIN_LESSONS) {
    it(`${id}: every question has an answer computed from the network, for seeds ${SEEDS.join(' and ')}`, async () => {
      for (const [i, step] of lesson.steps.entries()) {
        if (!step.ask) continue;
        const q = step.ask;
        for (const seed of SEEDS) {
          const where = `${id} step ${i + 1} seed ${seed}`;
          const ctx = await contextFor(step, seed);
          const a = runProbe(q.answer, ctx);
          expect(a.value, `${where}: ${a.why}`).not.toBeNull();
          expect(a.why.length, where).toBeGreaterThan(10);
          const options = optionsFor(q, ctx);
          if (typeof a.value === 'string') expect(options, where).toContain(a.value);
          else if (q.kind === 'point') {
            expect(Number.isInteger(a.value), where).toBe(true);
            expect(a.value, where).toBeLessThan(ctx.trace!.T);
          } else expect(Number.isFinite(a.value), where).toBe(true);
          const [right, wrong] = rightAndWrong(q, a, options);
          expect(grade(q, right, a).correct, where).toBe(true);
          expect(grade(q, wrong, a).correct, where).toBe(false);
        }
      }
    }, 60_000);
  }

  it('give answers that follow the network: the same question changes with the seed', async () => {
    const step = BUILTIN_LESSONS.find((b) => b.id === 'elman')!.lesson.steps[2]!;
    const answers = new Set<unknown>();
    for (const seed of [1, 2, 3, 4])
      answers.add(runProbe(step.ask!.answer, await contextFor(step, seed)).value);
    expect(answers.size).toBeGreaterThan(1);
  });

  it('count the weights of the network the step builds', async () => {
    // G blocks of (H×I + H×H + 2H), with G = 1, 4, 3 and I = 2 inputs on the adding problem.
    const counts = { elman: 1, lstm: 4, gru: 3 } as const;
    for (const [cell, G] of Object.entries(counts)) {
      const step: LessonStep = {
        title: '',
        text: '',
        view: { cell, task: 'adding', H: 16 },
        ask: { kind: 'number', prompt: '', answer: { probe: 'paramCount' } },
      };
      const a = runProbe(step.ask!.answer, await contextFor(step, 1));
      expect(a.value, cell).toBe(G * (16 * 2 + 16 * 16 + 2 * 16));
    }
  });
});
