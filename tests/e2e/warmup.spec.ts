/**
 * Measuring the backends and warming WebGL up: the page times cpu, wasm and WebGL on its own
 * trace (src/engine/backend-measure.ts) with its progress in the badge and keeps the fastest;
 * WebGL made active by a link or the menu is warmed up for the current model before the first
 * live trace (src/app/backendControl.ts). WebGL's warm-up compiles every shader program a
 * trace needs; on SwiftShader that used to be one main-thread task of ~1 s, and it now runs in
 * short tasks (src/engine/webgl-warmup.ts).
 *
 * Checked here without timings (a shared 2-core machine makes any bound flaky): the progress
 * appears, WebGL is warmed up and timed, the badge states the choice, the page ends ready.
 * Long tasks (> 50 ms) are collected with a buffered PerformanceObserver installed before the
 * page's scripts, and those during WebGL's part (from its progress line to the next one, or to
 * the end of the progress) are picked out; LONGTASK_REPORT=1 prints them (numbers in
 * docs/reliability.md). They are annotated on the test, never asserted.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, watchErrors } from './app';

const REPORT = process.env.LONGTASK_REPORT === '1';

interface LongTask {
  start: number;
  duration: number;
}

/** A progress text as the badge showed it, from `at` (page clock, ms); '' when it went away. */
interface Shown {
  at: number;
  text: string;
}

declare global {
  interface Window {
    __longTasks?: LongTask[];
    __badgeProgress?: Shown[];
  }
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const tasks: LongTask[] = [];
    window.__longTasks = tasks;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) tasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
    // The badge's progress as rendered (what the user saw), each change with its time.
    const shown: Shown[] = [];
    window.__badgeProgress = shown;
    const progress =
      /(Timing cpu|Loading wasm|Warming up WebGL|Measuring|Switching)[^…]*…( \d\/\d)?/;
    let last = '';
    new MutationObserver(() => {
      const badge = document.querySelector('.badge[role="status"]')?.textContent ?? '';
      const text = progress.exec(badge)?.[0] ?? '';
      if (text !== last) shown.push({ at: performance.now(), text });
      last = text;
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
});

/** Long tasks and progress texts from `from` on (page clock, ms). */
async function collect(page: Page, from: number) {
  return page.evaluate(
    (t0) => ({
      tasks: window.__longTasks!.filter((t) => t.start >= t0),
      shown: window.__badgeProgress!.filter((p) => p.at >= t0),
    }),
    from,
  );
}

const list = (ts: LongTask[]) => ts.map((t) => t.duration.toFixed(0)).join(', ');
const max = (ts: LongTask[]) => Math.max(0, ...ts.map((t) => t.duration)).toFixed(0);

/**
 * Reports (LONGTASK_REPORT=1) and annotates the long tasks, all of them and those while the
 * badge showed `webgl` (the WebGL part: its progress text until the next change).
 */
function report(name: string, tasks: LongTask[], shown: Shown[], webgl: RegExp) {
  const k = shown.findIndex((s) => webgl.test(s.text));
  const [from, to] = k < 0 ? [0, 0] : [shown[k]!.at, shown[k + 1]?.at ?? Infinity];
  const during = tasks.filter((t) => t.start + t.duration >= from && t.start <= to);
  const line =
    `${tasks.length} long tasks, max ${max(tasks)} ms [${list(tasks)}]; ` +
    `while "${shown[k]?.text ?? webgl.source}" (${k < 0 ? 'never shown' : `${(to - from).toFixed(0)} ms`}): ` +
    `${during.length}, max ${max(during)} ms [${list(during)}]`;
  if (REPORT) console.log(`long tasks, ${name}: ${line}`);
  test.info().annotations.push({ type: 'longtasks', description: `${name}: ${line}` });
}

/** Texts the badge showed, in order, blanks dropped. */
const texts = (shown: Shown[]) => shown.map((s) => s.text).filter(Boolean);

test('start-up: the backends are measured with progress shown, WebGL warmed up and timed', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/');
  await expect(page.getByTestId('backend-label')).toHaveText(
    /^(cpu|wasm|webgl) — fastest here for LSTM 50×16: (cpu|wasm|webgl) [\d.]+ m?s · /,
  );
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  // WebGL was warmed up, then timed like the others: its warm time and its first run.
  await page.getByRole('button', { name: 'Why this backend?' }).click();
  const help = page.locator('.badge-help');
  for (const name of ['cpu', 'wasm'])
    await expect(help).toContainText(new RegExp(`${name}: [\\d.]+ m?s per trace`));
  await expect(help).toContainText(
    /webgl: [\d.]+ m?s per trace \(median of \d warm runs?; first run [\d.]+ m?s\)/,
  );

  const { tasks, shown } = await collect(page, 0);
  report('start-up, auto, LSTM 50×16', tasks, shown, /^Warming up WebGL/);
  expect(texts(shown)).toEqual(['Timing cpu… 1/3', 'Loading wasm… 2/3', 'Warming up WebGL… 3/3']);
  expect(errors).toEqual([]);
});

test('auto from the menu measures WebGL at a size it never compiled for', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  // cpu forced by the link: WebGL is not touched at start-up.
  await openApp(page, '/?backend=cpu');
  const label = page.getByTestId('backend-label');
  const status = page.locator('.status-line');
  await expect(label).toHaveText(/^CPU/);
  await expect(status).toHaveAttribute('data-status', 'ready');
  // 4× the default's size (H 16 → 32), still on cpu.
  const hidden = page.getByRole('spinbutton', { name: 'hidden units' });
  await hidden.fill('32');
  await hidden.press('Enter');
  await expect(page.locator('.status-meta')).toContainText(/trace \d+ ms/);
  await expect(status).toHaveAttribute('data-status', 'ready');

  // "auto" with nothing measured yet measures every backend, WebGL from its start.
  const from = await page.evaluate(() => performance.now());
  await page.getByRole('combobox', { name: 'TF.js backend' }).selectOption('auto');
  await expect(label).toHaveText(/^(cpu|wasm|webgl) — fastest here for LSTM 50×32: /);
  await expect(status).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Why this backend?' }).click();
  await expect(page.locator('.badge-help')).toContainText(
    /webgl: [\d.]+ m?s per trace \(median of \d warm runs?; first run [\d.]+ m?s\)/,
  );

  const { tasks, shown } = await collect(page, from);
  report('menu cpu → auto, LSTM 50×32', tasks, shown, /^Warming up WebGL/);
  expect(texts(shown)).toContain('Warming up WebGL… 3/3');
  expect(errors).toEqual([]);
});

test('WebGL asked for by the link or the menu is warmed up before the first live trace', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/?backend=webgl');
  const label = page.getByTestId('backend-label');
  const status = page.locator('.status-line');
  const meta = page.locator('.status-meta');
  await expect(label).toHaveText(/^WebGL 2 · SwiftShader \(software\)$/);
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(meta).toContainText(/trace \d+ ms/);
  let { tasks, shown } = await collect(page, 0);
  report('start-up, ?backend=webgl, LSTM 50×16', tasks, shown, /^Warming up WebGL/);
  expect(texts(shown)).toEqual(['Warming up WebGL…']);

  // To cpu, a size WebGL has not compiled for (H 16 → 32), back to WebGL from the menu.
  const menu = page.getByRole('combobox', { name: 'TF.js backend' });
  await menu.selectOption('cpu');
  await expect(label).toHaveText(/^CPU$/);
  const hidden = page.getByRole('spinbutton', { name: 'hidden units' });
  await hidden.fill('32');
  await hidden.press('Enter');
  await expect(meta).toContainText(/trace \d+ ms/);
  await expect(status).toHaveAttribute('data-status', 'ready');
  const from = await page.evaluate(() => performance.now());
  await menu.selectOption('webgl');
  await expect(label).toHaveText(/^WebGL 2 · SwiftShader \(software\)$/);
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(meta).toContainText(/trace \d+ ms/);
  ({ tasks, shown } = await collect(page, from));
  // The switch's own part, then the first live trace at the new size (status "computing").
  report('menu cpu → webgl, LSTM 50×32', tasks, shown, /^Switching to webgl/);
  expect(texts(shown)).toEqual(['Switching to webgl…']);
  expect(errors).toEqual([]);
});

test('a 4× bigger model is measured again, with progress', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/');
  const label = page.getByTestId('backend-label');
  const status = page.locator('.status-line');
  await expect(label).toHaveText(/ — fastest here for LSTM 50×16: /);
  await expect(status).toHaveAttribute('data-status', 'ready');

  const from = await page.evaluate(() => performance.now());
  const hidden = page.getByRole('spinbutton', { name: 'hidden units' });
  await hidden.fill('32');
  await hidden.press('Enter');
  await expect(label).toHaveText(
    /^(cpu|wasm|webgl) — (fastest here|the only one that ran) for LSTM 50×32: /,
  );
  await expect(status).toHaveAttribute('data-status', 'ready');
  // WebGL is timed again unless it lost by far at the old size (backend-choice.ts).
  await page.getByRole('button', { name: 'Why this backend?' }).click();
  const help = page.locator('.badge-help');
  await expect(help).toContainText(
    /webgl: ([\d.]+ m?s per trace|skipped — not measured again: \d+× slower)/,
  );
  const { tasks, shown } = await collect(page, from);
  const webgl = /webgl: [^\n]*/.exec(await help.innerText())?.[0];
  report(`re-measure after H 16 → 32 (${webgl})`, tasks, shown, /^Warming up WebGL/);
  expect(texts(shown)[0]).toMatch(/^(Timing cpu… 1\/3|Loading wasm… 2\/3)$/);
  expect(errors).toEqual([]);
});
