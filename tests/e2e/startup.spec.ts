/**
 * Start-up: the first frame comes from the shipped precomputed trace before TF.js is ready and
 * is then replaced by the live trace, keeping what the user did; a link to another config never
 * shows those numbers; the page measures the backends, says which it chose and why, and the
 * user can override it.
 */
import { expect, test, type Page, type Route } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

/** The panels drawn on canvas or SVG; the equations and the strip are HTML (checked apart). */
const VIEW_PANELS = ['diagram', 'heatmaps', 'traces', 'gradients'];

/** Holds back the engine start (the chunk that imports TF.js) until `release()`. */
async function holdEngine(page: Page): Promise<() => void> {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/backendControl-[^/]*\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** Every view panel has drawn something: a canvas or an SVG with real size, no placeholder. */
async function expectViewsDrawn(page: Page) {
  for (const area of VIEW_PANELS) {
    const panel = page.getByTestId(`panel-${area}`);
    await expect(panel.locator('.panel-placeholder')).toHaveCount(0);
    const sizes = await panel
      .locator('canvas, svg')
      .evaluateAll((els) => els.map((e) => e.getBoundingClientRect().width));
    expect(Math.max(0, ...sizes), `panel ${area} draws`).toBeGreaterThan(50);
  }
  // The equations, with this step's numbers filled in.
  const equations = page.getByTestId('panel-equations');
  await expect(equations.locator('.panel-placeholder')).toHaveCount(0);
  await expect(equations).toContainText(/-?\d\.\d{2}/);
  // The input/output strip: one cell per step.
  expect(await page.getByTestId('panel-strip').locator('.io-cell').count()).toBeGreaterThan(1);
}

test('the first frame is drawn from the precomputed trace before TF.js is ready', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  const release = await holdEngine(page);
  await page.goto('/', { waitUntil: 'commit' });
  const status = page.locator('.status-line');
  await expect(status).toHaveAttribute('data-status', 'precomputed');
  await expect(page.getByTestId('precomputed-note')).toContainText('Precomputed trace');
  await expect(page.getByTestId('backend-label')).toHaveText('Starting TensorFlow.js…');
  await expect(page.locator('body')).not.toHaveAttribute('data-ready');
  await expectViewsDrawn(page);
  await expect(page.locator('html')).toHaveAttribute('data-first-frame-ms', /^\d+$/);
  const mark = await page.evaluate(() =>
    performance.getEntriesByName('gatescope:first-frame', 'mark').map((m) => m.startTime),
  );
  expect(mark).toHaveLength(1);
  const ms = Number(await page.locator('html').getAttribute('data-first-frame-ms'));
  test.info().annotations.push({ type: 'first frame', description: `${ms} ms` });
  // The 1.5 s goal is measured by the bench (`npm run bench -- --app-only`: 585 ms median
  // here); beside another browser test on two cores this has read 3.3 s, so the guard here
  // only catches a frame that waits for something it should not.
  expect(ms).toBeLessThan(10_000);
  // Training needs the engine: not offered yet.
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeDisabled();
  await screenshot(page, 'startup-precomputed.png');

  // The user moves the cursor and picks a unit meanwhile: both survive the live trace.
  const forward = page.getByRole('button', { name: 'Step forward' });
  for (let k = 0; k < 3; k++) await forward.click();
  const slider = page.getByRole('slider', { name: 'Timestep' });
  await expect(slider).toHaveValue('4');
  const meta = page.locator('.status-meta');
  await expect(meta).toContainText('trace precomputed');
  const fingerprint = /weights #\S+/.exec((await meta.textContent()) ?? '')?.[0];
  // Where the views sit: the live trace and the badge's verdict must not move them.
  const viewsTop = async () => (await page.getByTestId('panel-diagram').boundingBox())?.y;
  const top = await viewsTop();

  release();
  // TF.js loads and measures every backend now; with another browser test beside it on these
  // two cores that took over 30 s once.
  await expect(page.locator('body[data-ready="1"]')).toBeAttached({ timeout: 60_000 });
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(status).toHaveAttribute('data-source', 'live');
  await expect(slider).toHaveValue('4');
  await expect(meta).toContainText(fingerprint!);
  await expect(meta).toContainText(/trace \d+ ms/);
  await expectViewsDrawn(page);
  await expect(page.getByTestId('backend-label')).toHaveText(/ — fastest here for /);
  expect(await viewsTop()).toBe(top);
  await expect(page.getByRole('button', { name: 'Train', exact: true })).toBeEnabled();
  // Still the one mark: the live trace does not count as a first frame again.
  expect(
    await page.evaluate(() => performance.getEntriesByName('gatescope:first-frame').length),
  ).toBe(1);
  await screenshot(page, 'startup-ready.png');
  expect(errors).toEqual([]);
});

test('a link to another config shows the loading state, never the precomputed numbers', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const release = await holdEngine(page);
  await page.goto('/#cell=gru&H=8', { waitUntil: 'commit' });
  const status = page.locator('.status-line');
  await expect(status).toHaveAttribute('data-status', 'waiting');
  // Give the precomputed file time to arrive: it must still not be drawn.
  await page.waitForTimeout(800);
  await expect(status).toHaveAttribute('data-status', 'waiting');
  await expect(page.getByTestId('panel-gradients').locator('.panel-placeholder')).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-first-frame-ms');

  release();
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expectViewsDrawn(page);
  await expect(page.locator('html')).toHaveAttribute('data-first-frame-ms', /^\d+$/);
  expect(errors).toEqual([]);
});

test('the page picks the fastest backend, says why, and the user can override it', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/');
  const label = page.getByTestId('backend-label');
  const status = page.locator('.status-line');
  const body = page.locator('body');
  await expect(label).toHaveText(
    /^(cpu|wasm|webgl) — fastest here for LSTM 50×16: (cpu|wasm|webgl) [\d.]+ m?s · /,
  );
  const chosen = (await label.textContent())!.split(' — ')[0]!;
  await expect(body).toHaveAttribute('data-backend', chosen);
  await expect(status).toHaveAttribute('data-status', 'ready');

  // The (?) explains: one line per backend with its times, and how the choice is made.
  await page.getByRole('button', { name: 'Why this backend?' }).click();
  const help = page.locator('.badge-help');
  for (const name of ['cpu', 'wasm', 'webgl'])
    await expect(help).toContainText(new RegExp(`${name}: [\\d.]+ m?s per trace`));
  await expect(help).toContainText('first run (its warm-up) excluded');

  const menu = page.getByRole('combobox', { name: 'TF.js backend' });
  await expect(menu).toHaveValue('auto');
  const meta = page.locator('.status-meta');
  for (const [mode, text] of [
    ['cpu', /^CPU$/],
    ['wasm', /^wasm \((no )?SIMD, 1 thread\)$/],
    ['webgl', /^WebGL 2 · SwiftShader \(software\)$/],
  ] as const) {
    await menu.selectOption(mode);
    await expect(body).toHaveAttribute('data-backend', mode);
    await expect(label).toHaveText(text);
    await expect(status).toHaveAttribute('data-status', 'ready');
    await expect(meta).toContainText(/weights #\S+ · trace \d+ ms/);
    await expectViewsDrawn(page);
    // The link keeps the choice, so a reload does too.
    await expect(page).toHaveURL(new RegExp(`[#&]backend=${mode}(&|$)`));
  }
  await expect(help).toContainText(`You picked webgl; auto would use ${chosen}.`);

  await menu.selectOption('auto');
  await expect(body).toHaveAttribute('data-backend', chosen);
  await expect(label).toHaveText(new RegExp(`^${chosen} — fastest here for LSTM 50×16: `));
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(page).not.toHaveURL(/backend=/);

  // A model 16× bigger may run fastest elsewhere: measured again, for the new size.
  const hidden = page.getByRole('spinbutton', { name: 'hidden units' });
  await hidden.fill('64');
  await hidden.press('Enter');
  await expect(label).toHaveText(
    /^(cpu|wasm|webgl) — (fastest here|the only one that ran) for LSTM 50×64: /,
  );
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expectViewsDrawn(page);
  expect(await body.innerText()).not.toContain('NaN');
  expect(errors).toEqual([]);
});

test('a backend that fails to start is skipped, with its reason shown', async ({ page }) => {
  // The wasm binaries cannot be fetched (a proxy, an offline cache missing them, …).
  await page.route(/\.wasm$/, (route) => route.abort());
  await openApp(page, '/');
  const label = page.getByTestId('backend-label');
  await expect(label).toHaveText(
    /^(cpu|webgl) — fastest here for LSTM 50×16: .* · wasm skipped: .+$/,
  );
  const menu = page.getByRole('combobox', { name: 'TF.js backend' });
  await expect(menu.locator('option[value="wasm"]')).toBeDisabled();
  await expect(menu.locator('option[value="wasm"]')).toHaveText('wasm (unavailable)');
  await page.getByRole('button', { name: 'Why this backend?' }).click();
  await expect(page.locator('.badge-help')).toContainText('wasm: skipped — ');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
});
