/**
 * The browser half of `npm run bench` still runs: builds and serves the bench page (its own
 * Vite root, never part of the app), then runs it in --quick mode on webgl, cpu and wasm with
 * every sanity check. Only the results' shape is checked, never a timing.
 */
import { expect, test } from '@playwright/test';
import { buildBenchPage, runBenchPage, serveBenchPage } from '../../scripts/bench/harness';

let server: Awaited<ReturnType<typeof serveBenchPage>> | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await serveBenchPage(await buildBenchPage());
});

test.afterAll(async () => {
  await server?.close();
});

test('bench page runs in quick mode on webgl, cpu and wasm', async ({ page }) => {
  test.setTimeout(180_000);
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
    for (const c of s.cases) {
      expect(c.where).toBe('browser');
      expect(c.sanity.hMaxAbsDiffVsLayers).toBeLessThanOrEqual(1e-4);
      expect(c.sanity.leakedTensors).toBe(0);
      for (const m of ['ours', 'layersPredict', 'layersFwdGrad'] as const) {
        expect(c.timings[m].n).toBe(2);
        expect(c.timings[m].medianMs).toBeGreaterThanOrEqual(0);
        expect(c.kernels[m].perStep).toBeGreaterThan(0);
      }
    }
  }
});
