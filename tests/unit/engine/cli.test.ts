/**
 * The headless trace CLI: JSON out for good files, exit 2 and one line for files with parts it
 * does not use, exit 1 and one line for other bad input, and a quiet exit when the pipe closes.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import type { ModelSpec } from '../../../src/engine/types';
import { exportWeights } from '../../../src/engine/weights/format';
import { initWeights } from '../../../src/engine/weights/init';
import { referenceBackward } from '../../../reference/rnn64';
import { referenceLens, referenceSingularValues } from '../../../reference/jacobian64';

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'gatescope-cli-'));
const spec: ModelSpec = { cell: 'lstm', inputSize: 2, hiddenSize: 3, outputSize: 2 };
const weights = initWeights(spec, { seed: 6 });
const input = {
  inputs: [
    [1, 0],
    [0, 1],
    [0.5, -0.5],
  ],
  targets: [null, 1, 0],
  loss: 'softmax-xent',
};

function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}

async function cli(...args: string[]) {
  try {
    const { stdout, stderr } = await run('node', ['--import', 'tsx', 'scripts/trace.ts', ...args]);
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

describe('trace CLI', () => {
  it.each(['pytorch', 'keras'] as const)(
    'prints the trace for a %s weights file',
    async (layout) => {
      const w = file(`w-${layout}.json`, exportWeights({ spec, weights }, layout));
      const { code, stdout } = await cli('--weights', w, '--input', file('x.json', input));
      expect(code).toBe(0);
      const out = JSON.parse(stdout);
      expect(Object.keys(out)).toEqual(
        expect.arrayContaining(['cell', 'T', 'h', 'c', 'gates', 'y', 'loss', 'grad']),
      );
      expect(Object.keys(out.gates)).toEqual(['input', 'forget', 'candidate', 'output']);
      const ref = referenceBackward(spec, weights, {
        length: 3,
        inputSize: 2,
        inputs: Float32Array.from([1, 0, 0, 1, 0.5, -0.5]),
        loss: 'softmax-xent',
        mask: Uint8Array.from([0, 1, 1]),
        targets: Float32Array.from([0, 1, 0]),
      });
      expect(out.loss).toBeCloseTo(ref.loss, 6);
      expect(out.grad.h[0][1]).toBeCloseTo(ref.gradH[1]!, 6);
      // Gradients come back in the file's own tensor names and layout.
      const names = Object.keys(out.grad.weights);
      expect(names).toEqual(Object.keys(exportWeights({ spec, weights }, layout).tensors));
    },
  );

  it('--jacobian adds the lens: norm [T][T] and stepSingularValues [T][n], as the oracle has them', async () => {
    const w = file('w-jac.json', exportWeights({ spec, weights }));
    const { code, stdout } = await cli(
      '--jacobian',
      '--weights',
      w,
      '--input',
      file('xj.json', input),
    );
    expect(code).toBe(0);
    const { jacobian, h } = JSON.parse(stdout);
    expect(h).toHaveLength(3);
    expect(Object.keys(jacobian)).toEqual(['norm', 'stepSingularValues']);
    const x = Float64Array.from(input.inputs.flat());
    const ref = referenceLens(spec, weights, x, 3);
    const n = 2 * spec.hiddenSize; // (h, c) stacked
    expect(jacobian.norm).toHaveLength(3);
    for (let k = 0; k < 3; k++) {
      const products = ref.productsFrom(k);
      for (let t = 0; t < 3; t++) {
        const got = jacobian.norm[t][k];
        if (t < k) expect(got).toBe(0);
        else if (t === k) expect(got).toBe(1);
        else {
          const want = referenceSingularValues(products[t - k]!, n)[0]!;
          expect(Math.abs(got - want) / want).toBeLessThan(0.02);
        }
      }
    }
    for (let t = 0; t < 3; t++) {
      const want = referenceSingularValues(ref.stepJacobian(t), n);
      expect(jacobian.stepSingularValues[t]).toHaveLength(n);
      for (let i = 0; i < n; i++)
        if (want[i]! > 1e-6 * want[0]!)
          expect(Math.abs(jacobian.stepSingularValues[t][i] - want[i]!) / want[i]!).toBeLessThan(
            0.02,
          );
    }
  });

  it.each([
    [
      'an option without its value',
      ['--weights', 'a', '--input', 'b', '--backend'],
      /--backend needs a value/,
    ],
    [
      'a missing file',
      ['--weights', '/nonexistent.json', '--input', '/nonexistent.json'],
      /cannot read weights file/,
    ],
    [
      'bad JSON',
      ['--weights', file('bad.json', '{nope'), '--input', file('x2.json', input)],
      /not valid JSON/,
    ],
    [
      'a wrong input width',
      [
        '--weights',
        file('w.json', exportWeights({ spec, weights })),
        '--input',
        file('x3.json', { ...input, inputs: [[1], [2], [3]] }),
      ],
      /inputs\[0\] must be an array of 2 numbers/,
    ],
    [
      'an unknown option',
      ['--weights', 'a', '--input', 'b', '--speed', 'fast'],
      /unknown option --speed/,
    ],
  ])('exits 1 with one line for %s', async (_, args, message) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(message);
  });

  const good = exportWeights({ spec, weights });
  const layers = (n: number) => {
    const f = { ...good, numLayers: n, tensors: { ...good.tensors } as Record<string, unknown> };
    for (let l = 1; l < n; l++)
      for (const name of ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'])
        f.tensors[`${name}_l${l}`] = good.tensors[`${name}_l0`];
    return f;
  };
  it.each([
    [
      'a 4-layer weights file',
      ['--weights', file('w4.json', layers(4)), '--input', file('x4.json', input)],
      /^trace: weights file: this file is a 4-layer network; Gatescope reads 1 layer today \(field "numLayers", tensors "weight_ih_l1" \[12, 2\], .*… \(12 in all\)\)$/,
    ],
    [
      'harmless extras the page would skip',
      [
        '--weights',
        file('wn.json', { ...good, note: 'from a notebook' }),
        '--input',
        file('x5.json', input),
      ],
      /^trace: weights file has parts it does not use: field "note"$/,
    ],
    [
      'an input file with a field a sequence does not have',
      ['--weights', file('w5.json', good), '--input', file('x6.json', { ...input, mask: [1] })],
      /^trace: input file: this file has fields a sequence does not have \(field "mask"\)/,
    ],
  ])('exits 2 with one line naming the unused parts for %s', async (_, args, message) => {
    const { code, stdout, stderr } = await cli(...args);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr.trim()).toMatch(message);
  });

  it('exits 0, silently, when the reader of its output stops early (| head)', async () => {
    // A trace of several MB, far more than a pipe holds, so the writes meet the closed pipe.
    const long = { cell: 'lstm', inputSize: 2, hiddenSize: 32, outputSize: 2 } as const;
    const w = file(
      'w-long.json',
      exportWeights({ spec: long, weights: initWeights(long, { seed: 1 }) }),
    );
    const T = 1000;
    const x = file('x-long.json', {
      inputs: Array.from({ length: T }, (_, t) => [Math.sin(t), 1]),
      targets: Array.from({ length: T }, (_, t) => t % 2),
      loss: 'softmax-xent',
    });
    const child = spawn('node', [
      '--import',
      'tsx',
      'scripts/trace.ts',
      '--weights',
      w,
      '--input',
      x,
    ]);
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += String(d)));
    // Like `head -c 100`: read the first bytes, then close the pipe.
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise<number | null>((done) => child.on('close', done));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });
});
