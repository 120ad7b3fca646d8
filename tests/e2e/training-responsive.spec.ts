/**
 * Training at the biggest sizes the sliders reach in class (LSTM, T = 200, H = 64, batch 32)
 * must not freeze the page: the trainer runs in a Web Worker (src/workers/trainWorker.ts) and the
 * retraces from its weights in the trace worker (src/workers/traceWorker.ts), so the main thread
 * only draws. Checked here without timings (a shared machine makes any bound flaky): training
 * runs in the worker, every retrace meanwhile is computed in the trace worker, the cursor
 * answers a click mid-training, the loss line advances. Long tasks (> 50 ms) are collected with a buffered PerformanceObserver installed
 * before the page's own scripts and reported with LONGTASK_REPORT=1 (numbers in
 * docs/reliability.md); they are annotated on the test, never asserted.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

const REPORT = process.env.LONGTASK_REPORT === '1';

declare global {
  interface Window {
    __longTasks?: { start: number; duration: number }[];
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const seen: { start: number; duration: number }[] = [];
    window.__longTasks = seen;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) seen.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
});

/** Traces computed on the page and in the trace worker so far (src/workers/traceDispatch.ts). */
async function traceCounts(page: Page): Promise<{ inPage: number; inWorker: number }> {
  return page.evaluate(async () => {
    const { inPage, inWorker } = await window.__gatescopeTraces!();
    return { inPage, inWorker };
  });
}

/** Points on the single view's loss line (one "M"/"L" command each). */
async function lossPoints(page: Page): Promise<number> {
  const d = (await page.locator('path.loss-line').getAttribute('d')) ?? '';
  return (d.match(/[ML]/g) ?? []).length;
}

for (const backend of ['wasm', 'cpu']) {
  test(`training LSTM T=200 H=64 runs in a worker and the page keeps answering (${backend})`, async ({
    page,
  }) => {
    test.setTimeout(120_000);
    const errors = watchErrors(page);
    await openApp(page, `/?backend=${backend}#cell=lstm&H=64&p.length=200`);
    await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
    await expect(page.getByLabel('Sequence length')).toHaveValue('200');
    const panel = page.getByTestId('training');
    // Batch 32 (the default): set it explicitly so the size does not depend on the default.
    await panel.getByRole('spinbutton', { name: 'batch' }).fill('32');
    await panel.getByRole('spinbutton', { name: 'batch' }).press('Enter');
    // Until the trace worker is up, traces run on the page (as when it cannot start).
    await expect
      .poll(() => page.evaluate(async () => (await window.__gatescopeTraces!()).worker))
      .toBe('ready');
    const tracesBefore = await traceCounts(page);

    const from = await page.evaluate(() => performance.now());
    await panel.getByRole('button', { name: 'Train' }).click();
    await expect(panel.getByText(/^update \d+ · loss/)).toBeVisible();
    const firstPoints = await lossPoints(page);
    // The page answers while training: the cursor steps at once.
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(page.getByRole('slider', { name: 'Timestep' })).toHaveAttribute(
      'aria-valuenow',
      '2',
    );
    await page.waitForTimeout(5000);
    const to = await page.evaluate(() => performance.now());
    // Still training; after the window, as a full-page capture resizes and repaints the page.
    await screenshot(page, `training-responsive-${backend}.png`);
    await panel.getByRole('button', { name: 'Pause training' }).click();
    await expect(panel.getByRole('button', { name: 'Resume training' })).toBeVisible();

    const tasks = await page.evaluate(
      ([a, b]) => window.__longTasks!.filter((t) => t.start >= a && t.start <= b),
      [from, to],
    );
    const traces = await traceCounts(page);
    const max = Math.max(0, ...tasks.map((t) => t.duration));
    const stats = await panel.locator('.training-stats').innerText();
    const updates = Number(/update (\d+)/.exec(stats)?.[1]);
    const line = `${backend}: ${updates} updates in ${((to - from) / 1000).toFixed(1)} s; ${tasks.length} long tasks, max ${max.toFixed(0)} ms [${tasks.map((t) => t.duration.toFixed(0)).join(', ')}]; retraces: ${traces.inWorker - tracesBefore.inWorker} in the trace worker, ${traces.inPage - tracesBefore.inPage} on the page; ${stats}`;
    if (REPORT) console.log(`long tasks while training, ${line}`);
    test.info().annotations.push({ type: 'longtasks', description: line });

    expect(stats).toMatch(/in a worker/);
    expect(traces.inPage, 'retraces on the main thread').toBe(tracesBefore.inPage);
    expect(traces.inWorker).toBeGreaterThan(tracesBefore.inWorker);
    expect(updates).toBeGreaterThan(1);
    expect(await lossPoints(page)).toBeGreaterThan(firstPoints);
    expect(errors).toEqual([]);
  });
}
