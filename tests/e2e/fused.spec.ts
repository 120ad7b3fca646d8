/**
 * The WebGL fused recurrence kernels (src/engine/fused/webgl.ts) in real Chromium WebGL:
 * builds tests/e2e/fused/ (its own Vite root, never part of the app) with the bench harness,
 * serves it with `vite preview` on a free port and runs its checks: every cell kind, clamped or
 * not, against the cpu loops (kernel level) and against the op-by-op path (whole pass), each
 * within 1e-5 scaled error, and nothing leaked; and the shader warm-up
 * (src/engine/webgl-warmup.ts, checked in fused/warmup.ts). Timings are logged, never asserted.
 */
import { join } from 'node:path';
import { type Page, expect, test } from '@playwright/test';
import { type Preview, ROOT, buildPage, servePreview } from '../../scripts/bench/harness';
import type { FusedReport, RunOptions } from './fused/main';

const PAGE_ROOT = join(ROOT, 'tests/e2e/fused');
const TOL = 1e-5;

let server: Preview | undefined;
let url = '';

test.beforeAll(async () => {
  test.setTimeout(120_000);
  // unminified: readable stacks from page errors
  const outDir = await buildPage(PAGE_ROOT, 'fused', { minify: false });
  server = await servePreview(outDir, { configFile: false, root: PAGE_ROOT });
  url = server.url;
});

test.afterAll(async () => {
  await server?.close();
});

/** Opens the page, runs its checks with `opts` and asserts them; logs the numbers. */
async function check(page: Page, opts: RunOptions, version: number): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // TF.js prints a failing shader's source and log here; shown only when the run throws
  const consoleLines: string[] = [];
  page.on('console', (m) => consoleLines.push(m.text()));
  await page.goto(url);
  await page.waitForFunction(() => window.gatescopeFused !== undefined, null, { timeout: 60_000 });
  const report: FusedReport = await page
    .evaluate((o) => window.gatescopeFused!.run(o), opts)
    .catch((e: unknown) => {
      console.log(consoleLines.slice(-80).join('\n'));
      throw e;
    });
  expect(errors).toEqual([]);
  expect(report.backend).toBe('webgl');
  expect(report.webglVersion).toBe(version);
  console.log(`WebGL ${report.webglVersion} · ${report.renderer}`);

  const worst = new Map<string, number>();
  for (const k of report.kernels) {
    const tag = `kernel ${k.cell}${k.clamped ? ' clamped' : ''}`;
    worst.set(tag, Math.max(worst.get(tag) ?? 0, k.forwardError, k.backwardError));
    const what = `${tag} T=${k.T} B=${k.B} H=${k.H} chunk=${k.chunk} split=${k.split ?? 'auto'}`;
    expect(k.forwardError, `${what} forward`).toBeLessThanOrEqual(TOL);
    expect(k.backwardError, `${what} backward`).toBeLessThanOrEqual(TOL);
  }
  for (const p of report.passes) {
    const tag = `pass ${p.variant}${p.clamped ? ' clamped' : ''}`;
    worst.set(tag, Math.max(worst.get(tag) ?? 0, p.error));
    const what = `${tag} T=${p.T} B=${p.B} H=${p.H}`;
    expect(p.missing, what).toEqual([]);
    expect(p.programs, `${what}: the fused path ran`).toBeGreaterThan(0);
    expect(p.error, `${what} (worst: ${p.worstArray})`).toBeLessThanOrEqual(TOL);
    // Not the fused kernels' doing (both paths agree on them), but worth seeing every run.
    if (p.nonFinite.length)
      console.log(`WARNING ${what}: both paths non-finite in ${p.nonFinite.join(', ')}`);
  }
  for (const [tag, e] of worst) console.log(`${tag}: worst scaled error ${e.toExponential(2)}`);

  for (const t of report.timings) {
    const runs = t.runs.map((r) => r.toFixed(1)).join(', ');
    console.log(
      `${t.what}: ${t.ms.toFixed(1)} ms (runs ${runs}; forward ${t.forwardMs.toFixed(1)}), ` +
        `${t.programsPerStep.toFixed(2)} programs/step`,
    );
    expect(t.forwardError).toBeLessThanOrEqual(TOL);
    expect(t.backwardError).toBeLessThanOrEqual(TOL);
  }
  for (const t of report.passTimings) {
    const [f, o] = [t.fusedMs.toFixed(1), t.opsMs.toFixed(1)];
    console.log(`lstm T=${t.T} H=${t.H} whole pass: fused ${f} ms, ops ${o} ms`);
  }
  for (const w of report.warmUps) {
    const what = `warm-up ${w.cell}${w.clamped ? ' clamped' : ''}`;
    console.log(
      `${what}: ${w.programs} programs in ${w.passes} passes, error ${w.error.toExponential(2)}`,
    );
    expect(w.programs, `${what}: programs compiled`).toBeGreaterThan(0);
    expect(w.compiledByFirstRun, `${what}: the first run found them all`).toBe(0);
    expect(w.error, `${what} vs cpu (worst: ${w.worstArray})`).toBeLessThanOrEqual(TOL);
    expect(w.leaked, `${what}: leaked`).toBe(0);
    expect(w.flagLeftOn, `${what}: ENGINE_COMPILE_ONLY left on`).toBe(false);
  }
  expect(report.broken.programs, 'a failing program is dropped').toBe(0);
  expect(report.broken.realRunError).toMatch(/Failed to compile fragment shader/);
  expect(report.broken.leaked).toBe(0);
  expect(report.broken.flagLeftOn).toBe(false);
  expect(report.leakedTensors).toBe(0);
  expect(report.leakedDataIds).toBe(0);
  expect(report.leakedOnError).toBe(0);
}

// GATESCOPE_FUSED_TIMINGS=1 adds the timings (LSTM T=100 H=32 and T=500 H=128) to the log.
test('fused WebGL kernels match the cpu loops and the op path, without leaks', async ({ page }) => {
  test.setTimeout(300_000);
  await check(page, { timings: !!process.env.GATESCOPE_FUSED_TIMINGS }, 2);
});

test('the same on a WebGL 1 context', async ({ page }) => {
  test.setTimeout(300_000);
  await check(page, { timings: false, webgl1: true }, 1);
});
