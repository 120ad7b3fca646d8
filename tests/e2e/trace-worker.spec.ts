/**
 * Where the page's traces run (src/workers/traceDispatch.ts): in the trace worker when the page is
 * on cpu or wasm, on that same backend, following the badge's menu; on the page itself on WebGL;
 * and on the page, saying so in the status line, when the worker cannot start (test-only fault
 * `?__throw=trace-worker`). Read through the page's test hook `window.__gatescopeTraces`, which
 * counts the traces computed on the page and answered by the worker, and asks the worker for
 * its own count, backend and tensors. Behaviour only: no timings.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, watchErrors } from './app';

type Stats = Awaited<ReturnType<NonNullable<Window['__gatescopeTraces']>>>;

const stats = (page: Page): Promise<Stats> => page.evaluate(() => window.__gatescopeTraces!());

/** The weights' fingerprint in the status line: it changes when a new trace is drawn. */
async function fingerprint(page: Page): Promise<string> {
  const meta = await page.locator('.status-line .status-meta').innerText();
  return /weights #(\w+)/.exec(meta)?.[1] ?? '';
}

/** Sets a new seed (new weights and sequence) and waits until their trace is on screen. */
async function retrace(page: Page, seed: number): Promise<void> {
  const before = await fingerprint(page);
  await page.getByLabel('seed').fill(String(seed));
  await page.getByLabel('seed').press('Enter');
  await expect.poll(() => fingerprint(page)).not.toBe(before);
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

async function workerReady(page: Page): Promise<void> {
  await expect.poll(async () => (await stats(page)).worker).toBe('ready');
}

for (const backend of ['cpu', 'wasm'] as const) {
  test(`on ${backend} the traces run in the trace worker, on ${backend}, leaving no tensors`, async ({
    page,
  }) => {
    const errors = watchErrors(page);
    await openApp(page, `/?backend=${backend}#cell=lstm&H=32&p.length=100`);
    await expect(page.locator('body')).toHaveAttribute('data-backend', backend);
    await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
    await workerReady(page); // until it is up, traces run on the page as before
    await retrace(page, 11);
    const first = await stats(page);
    for (const seed of [12, 13, 14]) await retrace(page, seed);
    const last = await stats(page);
    expect(last.inPage).toBe(first.inPage); // none on the page's main thread
    expect(last.inWorker).toBe(first.inWorker + 3);
    expect(last.runner!.traces).toBe(first.runner!.traces + 3); // the worker's own count
    expect(last.runner!.backend).toBe(backend);
    expect(last.runner!.numTensors).toBe(first.runner!.numTensors);
    expect(await page.evaluate(() => window.__gatescopeMemory!().numTensors)).toBe(0);
    await expect(page.getByTestId('trace-fallback')).toHaveCount(0);
    await expect(page.locator('.status-error')).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

test('on WebGL the page traces itself; switched to cpu, then wasm, the worker follows', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/?backend=webgl');
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgl');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  const start = await stats(page);
  await retrace(page, 21);
  const onWebgl = await stats(page);
  expect(onWebgl.inPage).toBe(start.inPage + 1);
  expect(onWebgl).toMatchObject({ inWorker: 0, worker: 'none', runner: null });

  const menu = page.getByRole('combobox', { name: 'TF.js backend' });
  await menu.selectOption('cpu');
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
  await workerReady(page); // started by the first trace on cpu, which ran on the page meanwhile
  const cpuStart = await stats(page);
  await retrace(page, 22);
  const onCpu = await stats(page);
  expect(onCpu.inPage).toBe(cpuStart.inPage);
  expect(onCpu.inWorker).toBeGreaterThan(cpuStart.inWorker);
  expect(onCpu.runner!.backend).toBe('cpu');

  await menu.selectOption('wasm');
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'wasm');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  const switched = await stats(page); // the switch's own retrace may still be in flight
  await retrace(page, 23);
  const onWasm = await stats(page);
  expect(onWasm.inPage).toBe(switched.inPage);
  expect(onWasm.inWorker).toBeGreaterThan(switched.inWorker);
  expect(onWasm.runner!.backend).toBe('wasm');
  await expect(page.locator('.status-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a trace worker that cannot start: traces run on the page and the status line says so', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu&__throw=trace-worker');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  const notice = page.getByTestId('trace-fallback');
  await expect(notice).toHaveText(
    "Traces run on the page's main thread, so the page may pause while each is computed: " +
      'the trace worker could not start (injected test fault (?__throw=trace-worker)).',
  );
  const before = await stats(page);
  await retrace(page, 31);
  const after = await stats(page);
  expect(after).toMatchObject({ inWorker: 0, worker: 'failed', runner: null });
  expect(after.inPage).toBe(before.inPage + 1);
  await expect(page.locator('.status-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a long first trace waits for the worker, off the main thread, with a progress bar', async ({
  page,
}) => {
  const errors = watchErrors(page);
  // Everything the progress bar ever said, recorded as it changes (the bar lives ~0.1–1 s).
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __progressSeen: string[] }).__progressSeen = seen;
    new MutationObserver(() => {
      const bar = document.querySelector<HTMLProgressElement>('.status-line progress');
      if (bar) seen.push(`${bar.value}/${bar.max} ${bar.nextElementSibling?.textContent ?? ''}`);
    }).observe(document, { subtree: true, childList: true, attributes: true });
  });
  await openApp(page, '/?backend=cpu#cell=lstm&H=64&task=adding&p.length=1000');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  const s = await stats(page);
  expect(s).toMatchObject({ inPage: 0, inWorker: 1, worker: 'ready' });
  const seen = await page.evaluate(
    () => (window as unknown as { __progressSeen: string[] }).__progressSeen,
  );
  expect(seen.length).toBeGreaterThan(0);
  expect(seen.every((p) => /^\d+\/2000 (forward pass|back through time|finishing)/.test(p))).toBe(
    true,
  );
  await expect(page.locator('.status-line progress')).toHaveCount(0); // gone once drawn
  expect(errors).toEqual([]);
});
