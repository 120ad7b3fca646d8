/**
 * `npm run bench` still runs: the Node half in --quick mode (tiny sizes, two timed runs), through
 * the real entry point (Vite SSR bundle, cpu + wasm, sanity checks). Only the JSON's shape is
 * checked, never a timing. The browser half is exercised by `npm run bench` itself.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function runBench(args: string[]): Promise<{ stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    execFile(
      'node_modules/.bin/tsx',
      ['scripts/bench.ts', ...args],
      { cwd: ROOT, timeout: 150_000, maxBuffer: 64 * 1024 * 1024 },
      (err, stdout, stderr) =>
        err
          ? reject(new Error(`${err.message}\n${stderr.slice(-2000)}`))
          : resolve({ stdout, stderr }),
    );
  });
}

describe('npm run bench -- --quick --no-browser', () => {
  it('prints one JSON object with results for every case on node cpu and wasm', async () => {
    const { stdout } = await runBench(['--quick', '--no-browser']);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ schema: 'gatescope.bench/1', quick: true, skipped: [] });
    for (const k of ['env', 'setup', 'summary', 'results', 'plain'])
      expect(report, k).toHaveProperty(k);
    expect(report.env).toHaveProperty('node');
    expect(report.env).toHaveProperty('cpu');
    const cases = report.setup.cases.map((c: { id: string }) => c.id);
    expect(cases).toHaveLength(4);
    expect(report.results).toHaveLength(cases.length * 2);
    expect(report.plain).toHaveLength(cases.length);
    for (const r of report.results) {
      expect(['cpu', 'wasm']).toContain(r.backend);
      for (const m of ['ours', 'layersPredict', 'layersFwdGrad']) {
        expect(r.timings[m], m).toMatchObject({
          firstMs: expect.any(Number),
          minMs: expect.any(Number),
          medianMs: expect.any(Number),
          n: 2,
        });
        expect(r.kernels[m].perStep, m).toBeGreaterThan(0);
      }
      expect(r.sanity.hMaxAbsDiffVsLayers).toBeLessThanOrEqual(1e-4);
      expect(r.sanity.leakedTensors).toBe(0);
      expect(r.ratios.speedupVsLayersFwdGrad).toBeGreaterThan(0);
      expect(r.ratios.oursOverLoop32).toBeGreaterThan(0);
    }
    for (const key of ['node/cpu', 'node/wasm']) {
      expect(report.summary.table[key]).toBeDefined();
      expect(report.summary.targets.speedupVsLayersFwdGrad[key].met).toEqual(expect.any(Boolean));
      expect(report.summary.targets.maxKernelsPerStep[key].met).toEqual(expect.any(Boolean));
    }
  }, 180_000);
});
