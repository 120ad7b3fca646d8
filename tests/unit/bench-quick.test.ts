/**
 * `npm run bench` still runs: the Node half in --quick mode (tiny sizes, two timed runs), through
 * the real entry point (Vite SSR bundle, cpu + wasm, sanity checks, training throughput). Only the
 * JSON's shape is checked, never a timing. The browser half and the app (size, first frame,
 * playback) are exercised by tests/e2e/bench.spec.ts.
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

const timing = (n: number) => ({
  firstMs: expect.any(Number),
  minMs: expect.any(Number),
  medianMs: expect.any(Number),
  n,
});
const verdict = { value: expect.any(Number), target: expect.any(Number), met: expect.any(Boolean) };

describe('npm run bench -- --quick --no-browser', () => {
  it('prints one JSON object with results for every case on node cpu and wasm', async () => {
    const { stdout } = await runBench(['--quick', '--no-browser']);
    const report = JSON.parse(stdout);
    expect(report).toMatchObject({ schema: 'gatescope.bench/2', quick: true, skipped: [] });
    for (const k of ['env', 'setup', 'summary', 'results', 'plain', 'training'])
      expect(report, k).toHaveProperty(k);
    expect(report.app).toBeNull(); // the app needs Chromium: not with --no-browser
    expect(report.env).toHaveProperty('node');
    expect(report.env).toHaveProperty('cpu');
    const cases = report.setup.cases.map((c: { id: string }) => c.id);
    expect(cases).toHaveLength(4);
    expect(report.results).toHaveLength(cases.length * 2);
    expect(report.plain).toHaveLength(cases.length);
    for (const r of report.results) {
      expect(['cpu', 'wasm']).toContain(r.backend);
      // Both backends register the fused kernels: the bench must time them, not the fallback.
      expect(r.oursPath).toBe('fused');
      for (const m of ['ours', 'oursOps', 'layersPredict', 'layersFwdGrad']) {
        expect(r.timings[m], m).toMatchObject(timing(2));
        expect(r.kernels[m].perStep, m).toBeGreaterThan(0);
      }
      expect(r.kernels.ours.fusedCalls).toBeGreaterThan(0);
      expect(r.kernels.ours.programsPerStep).toBeGreaterThan(0);
      expect(r.kernels.oursOps.fusedCalls).toBe(0);
      expect(r.sanity.hMaxAbsDiffVsLayers).toBeLessThanOrEqual(1e-4);
      expect(r.sanity.oursVsOpsErr).toBeLessThanOrEqual(1e-5);
      expect(r.sanity.leakedTensors).toBe(0);
      for (const k of ['speedupVsLayersFwdGrad', 'oursOverLoop32', 'oursOpsOverOurs'])
        expect(r.ratios[k], k).toBeGreaterThan(0);
    }
    expect(report.training.map((t: { backend: string }) => t.backend)).toEqual(['cpu', 'wasm']);
    for (const t of report.training) {
      for (const m of ['ours', 'oursOps', 'layersFit']) {
        expect(t.timings[m], m).toMatchObject({ ...timing(2), stepsPerSec: expect.any(Number) });
      }
      expect(t.ratios.oursOverLayersFit).toBeGreaterThan(0);
      expect(t.ratios.oursOverOursOps).toBeGreaterThan(0);
      for (const l of [t.sanity.oursLoss, t.sanity.oursOpsLoss, t.sanity.layersLoss])
        expect(l.every(Number.isFinite)).toBe(true);
    }
    // The Jacobian lens, per cell, next to each backend (it never uses TF.js itself).
    expect(
      report.lens.map((l: { backend: string; cell: string }) => `${l.backend}/${l.cell}`),
    ).toEqual(['cpu/elman', 'cpu/lstm', 'cpu/gru', 'wasm/elman', 'wasm/lstm', 'wasm/gru']);
    for (const l of report.lens) {
      expect(l.mapMs.medianMs).toBeGreaterThan(0);
      expect(l.totalMs.medianMs).toBeGreaterThanOrEqual(l.mapMs.medianMs);
      expect(l.n).toBe(l.cell === 'lstm' ? 16 : 8);
    }
    expect(report.summary.lens['node/cpu'].lstm).toMatchObject({
      mapMs: expect.any(Number),
      n: 16,
    });
    const targets = report.summary.targets;
    for (const key of ['node/cpu', 'node/wasm']) {
      expect(report.summary.table[key]).toBeDefined();
      expect(report.summary.training[key]).toBeDefined();
      expect(targets.kernelsPerStep[key]).toMatchObject(verdict);
      expect(targets.trainingOverLayersFit[key]).toMatchObject(verdict);
      expect(targets.speedupVsLayersFwdGrad[key].value).toEqual(expect.any(Number));
    }
    // Target (2) names cpu (≥ 10×, ≤ 2× the float32 loop) and webgl, not wasm.
    expect(targets.speedupVsLayersFwdGrad['node/cpu']).toMatchObject({ ...verdict, target: 10 });
    expect(targets.oursOverLoop32['node/cpu']).toMatchObject({ ...verdict, target: 2 });
    expect(targets.speedupVsLayersFwdGrad['node/wasm']).toMatchObject({ target: null, met: null });
    for (const k of ['firstFrameMs', 'initialJsGzipKB', 'playbackP95Ms'])
      expect(targets[k], k).toMatchObject({ value: null, met: null });
  }, 180_000);
});
