/**
 * Long-session soak on the built app (cpu backend for speed): 10,000 playback steps, 200 cell
 * switches and ~5 s of training must not grow TF.js's tensor count or the JS heap. Tensors are
 * read through the read-only hooks window.__gatescopeMemory (the page's TF.js) and
 * __gatescopeTrainerMemory (the training worker's; src/app/controller.ts) at quiescent moments
 * only (status ready, training paused). Numbers: SOAK_REPORT=1; docs/reliability.md.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, watchErrors } from './app';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './chromium';

const REPORT = process.env.SOAK_REPORT === '1';

// This file's own browser: window.gc() so heap readings are live objects rather than garbage
// awaiting collection, and unquantized performance.memory. Both are guarded below.
test.use({
  launchOptions: {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [...CHROMIUM_ARGS, '--js-flags=--expose-gc', '--enable-precise-memory-info'],
  },
});

async function numTensors(page: Page): Promise<number> {
  return page.evaluate(() => window.__gatescopeMemory!().numTensors);
}

/** Tensors in the training worker; -1 before it was started. */
async function trainerTensors(page: Page): Promise<number> {
  return page.evaluate(async () => (await window.__gatescopeTrainerMemory!())?.numTensors ?? -1);
}

/** usedJSHeapSize in MB (Chromium only), or NaN where the browser does not expose it. */
async function heapMb(page: Page): Promise<number> {
  return page.evaluate(() => {
    (window as { gc?: () => void }).gc?.();
    const m = (performance as { memory?: { usedJSHeapSize: number } }).memory;
    return m ? m.usedJSHeapSize / 2 ** 20 : NaN;
  });
}

/** Dispatches keydown events on <body>; they bubble to the app's window listener (useKeyboard). */
async function pressKeys(page: Page, keys: string[]): Promise<void> {
  await page.evaluate(async (ks) => {
    const frame = () => new Promise((r) => requestAnimationFrame(r));
    for (let k = 0; k < ks.length; k++) {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ks[k], bubbles: true }));
      if (k % 200 === 199) await frame();
    }
    // Two frames: React has committed what the last key changed (e.g. status "computing").
    await frame();
    await frame();
  }, keys);
}

test('soak: 10,000 steps, 200 cell switches and training leave tensors and heap flat', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  const status = page.locator('.status-line');
  const ready = () => expect(status).toHaveAttribute('data-status', 'ready');
  await openApp(page, '/?backend=cpu');
  await ready();
  await page.waitForFunction(() => typeof window.__gatescopeMemory === 'function');
  const base = await numTensors(page);
  const heap0 = await heapMb(page);
  const heaps: [string, number][] = [];
  const rows: string[] = [`start: ${base} tensors, heap ${heap0.toFixed(1)} MB`];
  const phase = async (name: string, t0: number, tensors: number, inWorker?: number) => {
    const heap = await heapMb(page);
    const s = ((Date.now() - t0) / 1000).toFixed(1);
    const worker = inWorker === undefined ? '' : ` (+ ${inWorker} in the training worker)`;
    rows.push(`${name}: ${s} s, ${tensors} tensors${worker}, heap ${heap.toFixed(1)} MB`);
    heaps.push([name, heap]);
  };

  // 1. Playback: 10,000 steps bouncing between the first and the last timestep.
  let t0 = Date.now();
  const slider = page.getByRole('slider', { name: 'Timestep' });
  const T = Number(await slider.getAttribute('aria-valuemax'));
  let at = Number(await slider.getAttribute('aria-valuenow'));
  let dir = 1;
  const keys: string[] = [];
  for (let k = 0; k < 10_000; k++) {
    if (at + dir < 1 || at + dir > T) dir = -dir;
    at += dir;
    keys.push(dir > 0 ? 'ArrowRight' : 'ArrowLeft');
  }
  await pressKeys(page, keys);
  await expect(slider).toHaveAttribute('aria-valuenow', String(at));
  expect(await numTensors(page), 'after playback').toBe(base);
  await phase('10,000 steps', t0, await numTensors(page));

  // 2. 200 cell switches (keys 1/2/3 = Elman/LSTM/GRU), waiting for a trace every 20.
  t0 = Date.now();
  for (let round = 0; round < 10; round++) {
    await pressKeys(
      page,
      Array.from({ length: 20 }, (_, k) => String(((round * 20 + k) % 3) + 1)),
    );
    await ready();
  }
  // The last switch's trace may still be reading back when "ready" from an earlier one shows.
  await expect.poll(() => numTensors(page), { message: 'after cell switches' }).toBe(base);
  await phase('200 cell switches', t0, await numTensors(page));

  // 3. Train ~5 s, pause. The paused Trainer (in the training worker) keeps its variables,
  // optimizer state and the last-good snapshot by design (Train resumes from them); Reset
  // weights frees them. The page itself holds none of them.
  expect(await trainerTensors(page), 'no training worker before Train').toBe(-1);
  t0 = Date.now();
  const panel = page.getByTestId('training');
  await panel.getByRole('button', { name: 'Train' }).click();
  await expect(panel.getByText(/^update \d+ · loss/)).toBeVisible();
  await page.waitForTimeout(5000);
  await panel.getByRole('button', { name: 'Pause training' }).click();
  await ready();
  const updates = Number(
    /update (\d+)/.exec(await panel.locator('.training-stats').innerText())?.[1],
  );
  expect(updates).toBeGreaterThan(3);
  await expect.poll(() => numTensors(page), { message: 'page while paused' }).toBe(base);
  await expect
    .poll(() => trainerTensors(page), { message: 'paused trainer (worker)' })
    .toBeGreaterThan(0);
  const paused = await trainerTensors(page);
  expect(paused, 'paused trainer (worker)').toBeLessThanOrEqual(40);
  await phase(`train 5 s (${updates} updates), paused`, t0, base, paused);
  await panel.getByRole('button', { name: 'Reset weights' }).click();
  await ready();
  await expect.poll(() => numTensors(page), { message: 'after reset' }).toBe(base);
  await expect.poll(() => trainerTensors(page), { message: 'worker after reset' }).toBe(0);
  await phase('reset weights', t0, await numTensors(page), await trainerTensors(page));

  // Idle phases must stay under 3× the start. The training phase keeps its old allowance of
  // start + 200 MB (when the trainer lived in the page it held ~70 MB there); the worker's own
  // heap is a separate isolate, not counted by performance.memory.
  const limit = (name: string) => (name.startsWith('train') ? heap0 + 200 : 3 * heap0);
  if (REPORT || heaps.some(([n, h]) => h >= limit(n))) {
    console.log(['soak (e2e, cpu):', ...rows].join('\n  '));
    test.info().annotations.push({ type: 'soak', description: rows.join('; ') });
  }
  for (const [name, heap] of heaps)
    if (!Number.isNaN(heap)) expect(heap, `${name}: heap MB`).toBeLessThan(limit(name));
  expect(errors).toEqual([]);
});
