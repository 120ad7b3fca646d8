/** Trace exports: the CSV (long format) and the JSON read back to the trace's own numbers. */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { Rng } from '../../../src/engine/rng';
import { createTask } from '../../../src/engine/tasks/task';
import { type Trace, runTrace } from '../../../src/engine/trace';
import { TRACE_CSV_COLUMNS, float32Text, traceToCsv, traceToJson } from '../../../src/engine/io';
import type { CellKind } from '../../../src/engine/types';
import { initModel } from '../../../src/engine/weights/init';

async function traceOf(cell: CellKind, recurrentScale = 1): Promise<Trace> {
  const task = createTask('adding', { length: 12 }, '');
  const model = initModel(
    { cell, inputSize: task.inputSize, hiddenSize: 5, outputSize: task.outputSize },
    { seed: 3, recurrentScale },
  );
  return runTrace(model, task.sample(new Rng(11)));
}

interface Row {
  step: number;
  quantity: string;
  unit: string;
  value: string;
}

function parseCsv(text: string): { comment: string; header: string; rows: Row[] } {
  const lines = text.trimEnd().split('\n');
  const rows = lines.slice(2).map((l) => {
    const [step, quantity, unit, value, ...rest] = l.split(',');
    expect(rest).toEqual([]);
    return { step: Number(step), quantity: quantity!, unit: unit!, value: value! };
  });
  return { comment: lines[0]!, header: lines[1]!, rows };
}

beforeAll(async () => {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
});

describe('float32Text', () => {
  it('prints the shortest text that reads back as the same float32', () => {
    for (const v of [0.1, 1 / 3, -2.5e-7, 123456.789, 1e-40, 3.4e38, 0, -0.75]) {
      const f = Math.fround(v);
      const s = float32Text(f);
      expect(Math.fround(Number(s))).toBe(f);
      expect(s.replace(/^-|e.*$|\./g, '').replace(/^0+/, '').length).toBeLessThanOrEqual(9);
    }
    expect(float32Text(Math.fround(0.1))).toBe('0.1');
  });
});

describe.each(['elman', 'lstm', 'gru'] as const)('%s trace CSV', (cell) => {
  it('has the documented header and T·(…) rows that give back every number', async () => {
    const tr = await traceOf(cell, cell === 'elman' ? 0.5 : 1);
    const { comment, header, rows } = parseCsv(traceToCsv(tr, 'task=adding, "seed" 1'));
    expect(comment.startsWith(`# gatescope trace: ${cell}`)).toBe(true);
    expect(comment).toContain('long format');
    // One field for a reader that does not skip comments, even with commas in the note.
    expect(comment).not.toMatch(/[,"]/);
    expect(comment).toMatch(/^[\x20-\x7e]+$/); // ASCII: no BOM is written
    expect(header).toBe(TRACE_CSV_COLUMNS);
    const { T, I, H, O } = tr;
    const nGates = Object.keys(tr.gates).length;
    const hasC = cell === 'lstm' ? 1 : 0;
    const perStep = I + H + hasC * H + nGates * H + O + H + hasC * H + I + 6 + hasC;
    expect(rows.length).toBe(T * perStep);

    const get = (q: string) => rows.filter((r) => r.quantity === q);
    const matrix = (q: string, a: Float32Array, n: number) => {
      const rs = get(q);
      expect(rs.length, q).toBe(T * n);
      for (const r of rs) {
        const k = (r.step - 1) * n + Number(r.unit) - 1;
        expect(Math.fround(Number(r.value)), `${q}[${r.step},${r.unit}]`).toBe(a[k]);
      }
    };
    matrix('x', tr.x, I);
    matrix('h', tr.h, H);
    matrix('y', tr.y, O);
    matrix('grad.h', tr.grad.h, H);
    matrix('grad.x', tr.grad.x, I);
    for (const [g, a] of Object.entries(tr.gates)) matrix(`gate.${g}`, a, H);
    if (tr.c) matrix('c', tr.c, H);
    if (tr.grad.c) matrix('grad.c', tr.grad.c, H);
    // float64 series keep full precision, tiny values included
    const path = get('series.memoryPath');
    expect(path.map((r) => Number(r.value))).toEqual(Array.from(tr.series.memoryPath));
    expect(path.every((r) => r.unit === '')).toBe(true);
    expect(get('mask').map((r) => Number(r.value))).toEqual(Array.from(tr.mask));
    expect(get('stepLoss').map((r) => Math.fround(Number(r.value)))).toEqual(
      Array.from(tr.stepLoss),
    );
  });
});

describe('trace JSON', () => {
  it('parses back to the trace (PyTorch-named weight gradients)', async () => {
    const tr = await traceOf('lstm');
    const json = JSON.parse(JSON.stringify(traceToJson(tr, 'pytorch'))) as {
      cell: string;
      T: number;
      h: number[][];
      c: number[][];
      gates: Record<string, number[][]>;
      loss: number;
      grad: { h: number[][]; weights: Record<string, unknown> };
    };
    expect(json.cell).toBe('lstm');
    expect(json.T).toBe(tr.T);
    expect(Float32Array.from(json.h.flat())).toEqual(tr.h);
    expect(Float32Array.from(json.c.flat())).toEqual(tr.c);
    expect(Float32Array.from(json.gates.forget!.flat())).toEqual(tr.gates.forget);
    expect(Float32Array.from(json.grad.h.flat())).toEqual(tr.grad.h);
    expect(json.loss).toBe(tr.loss);
    expect(Object.keys(json.grad.weights)).toContain('weight_hh_l0');
  });
});
