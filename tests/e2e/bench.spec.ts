/**
 * The browser half of `npm run bench` still runs: builds and serves the bench page (its own
 * Vite root, never part of the app), then runs it in --quick mode on webgl, cpu and wasm with
 * every sanity check and the training case; and the app part: its own build, initial JS from
 * the manifest, first frame, playback with the render probe. Only the results' shape is
 * checked, never a timing.
 */
import { expect, test } from '@playwright/test';
import { measureApp } from '../../scripts/bench/app';
import { buildBenchPage, runBenchPage, serveBenchPage } from '../../scripts/bench/harness';

let server: Awaited<ReturnType<typeof serveBenchPage>> | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await serveBenchPage(await buildBenchPage());
});

test.afterAll(async () => {
  await server?.close();
});

const timing = { firstMs: expect.any(Number), medianMs: expect.any(Number), n: 2 };

test('bench page runs in quick mode on webgl, cpu and wasm', async ({ page }) => {
  test.setTimeout(240_000);
  const run = await runBenchPage(
    page,
    server!.url,
    { quick: true },
    ['webgl', 'cpu', 'wasm'],
    () => {},
  );
  expect(run.skipped).toEqual([]);
  expect(run.plain).toHaveLength(4);
  expect(run.suites.map((s) => s.backend)).toEqual(['webgl', 'cpu', 'wasm']);
  expect(run.suites[0]!.renderer).toMatch(/\S/);
  for (const s of run.suites) {
    expect(s.cases).toHaveLength(4);
    expect(s.lens.map((l) => l.cell)).toEqual(['elman', 'lstm', 'gru']);
    for (const l of s.lens) expect(l.mapMs.medianMs).toBeGreaterThan(0);
    for (const c of s.cases) {
      expect(c.where).toBe('browser');
      expect(['fused', 'ops']).toContain(c.oursPath);
      expect(c.sanity.hMaxAbsDiffVsLayers).toBeLessThanOrEqual(1e-4);
      expect(c.sanity.oursVsOpsErr).toBeLessThanOrEqual(1e-5);
      expect(c.sanity.leakedTensors).toBe(0);
      for (const m of ['ours', 'oursOps', 'layersPredict', 'layersFwdGrad'] as const) {
        expect(c.timings[m]).toMatchObject(timing);
        expect(c.kernels[m].perStep).toBeGreaterThan(0);
      }
      expect(c.kernels.ours.programsPerStep).toBeGreaterThan(0);
    }
  }
  expect(run.training.map((t) => t.backend)).toEqual(['webgl', 'cpu', 'wasm']);
  for (const t of run.training) {
    for (const m of ['ours', 'oursOps', 'layersFit'] as const)
      expect(t.timings[m]).toMatchObject({ ...timing, stepsPerSec: expect.any(Number) });
    expect(t.ratios.oursOverLayersFit).toBeGreaterThan(0);
  }
});

test('bench app part: initial JS, first frame and playback in quick mode', async ({ browser }) => {
  test.setTimeout(300_000);
  const app = await measureApp(browser, { quick: true }, () => {});
  expect(app.initialJs.entry).toBe('index.html');
  expect(app.initialJs.files.length).toBeGreaterThan(0);
  expect(app.initialJs.gzipBytes).toBeGreaterThan(0);
  expect(app.initialJs.gzipBytes).toBeLessThan(app.initialJs.bytes);
  expect(app.firstFrame.runsMs).toHaveLength(1);
  const { playback } = app;
  expect(playback.link).toMatch(/cell=lstm&H=\d+&task=adding&p\.length=\d+/);
  expect(playback.viewport.height).toBeGreaterThanOrEqual(playback.plan.viewport.height);
  expect(playback.runs.map((r) => r.speed)).toEqual(playback.plan.speeds);
  for (const r of playback.runs) {
    expect(r.frames.frames).toBeGreaterThan(0);
    expect(r.frames).toMatchObject({ medianMs: expect.any(Number), p95Ms: expect.any(Number) });
    // The probe saw React commit while playing, and each commit moved the step.
    expect(r.react).not.toBeNull();
    expect(r.react!.stepFrames).toBeGreaterThan(0);
    expect(r.react!.commits).toBeGreaterThan(0);
    expect(r.react!.rendersPerStep['playback']).toBeGreaterThan(0);
    expect(r.react!.unchangedViewRendersPerStep).toEqual(expect.any(Number));
  }
});
