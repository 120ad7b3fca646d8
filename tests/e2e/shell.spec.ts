import { expect, test, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

const PANELS = [
  'Cell diagram',
  'Gate heatmaps',
  'State traces',
  'Gradient flow',
  'Input / output',
  'Equations',
  'Training',
];

async function expectShell(page: Page) {
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gatescope');
  await expect(page.getByTestId('model-controls')).toBeVisible();
  for (const title of PANELS) {
    await expect(page.getByRole('region', { name: title, exact: true })).toBeVisible();
  }
  // The first trace is drawn: the status line shows the weights' fingerprint.
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

test('shell loads on WebGL (SwiftShader) with no console errors', async ({ page }) => {
  const errors = watchErrors(page);
  // Asked for by name: left to itself the page picks the fastest backend (startup.spec.ts).
  await openApp(page, '/?backend=webgl');
  await expect(page.getByTestId('backend-label')).toHaveText('WebGL 2 · SwiftShader (software)');
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'webgl');
  await expectShell(page);
  await screenshot(page, 'shell-webgl.png');
  expect(errors).toEqual([]);
});

test('shows "Starting TensorFlow.js…" until the backend is ready', async ({ page }) => {
  test.setTimeout(90_000);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  // Hold back the lazily loaded engine start (it imports TF.js) so the starting state stays.
  await page.route(/\/assets\/backendControl-[^/]*\.js$/, async (route) => {
    await held;
    await route.continue();
  });
  await page.goto('/', { waitUntil: 'commit' });
  await expect(page.getByTestId('backend-label')).toHaveText('Starting TensorFlow.js…');
  await expect(page.locator('body')).not.toHaveAttribute('data-ready');
  release();
  // TF.js loads and times every backend now: beside another browser test on two cores that has
  // taken over 30 s (as in startup.spec.ts).
  await expect(page.locator('body[data-ready="1"]')).toBeAttached({ timeout: 60_000 });
  await expect(page.getByTestId('backend-label')).toHaveText(/ — fastest here for LSTM 50×16: /);
});

test.describe('cpu fallback', () => {
  for (const url of ['/?backend=cpu', '/#backend=cpu']) {
    test(`${url} forces the cpu backend`, async ({ page }) => {
      const errors = watchErrors(page);
      await openApp(page, url);
      await expect(page.getByTestId('backend-label')).toHaveText(
        'CPU (WebGL unavailable: disabled by request)',
      );
      await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
      await expectShell(page);
      if (url.includes('?')) await screenshot(page, 'shell-cpu.png');
      expect(errors).toEqual([]);
    });
  }

  test('falls back when WebGL contexts cannot be created', async ({ page }) => {
    await page.addInitScript(() => {
      for (const proto of [HTMLCanvasElement.prototype, OffscreenCanvas.prototype]) {
        const original = proto.getContext as (this: unknown, ...args: unknown[]) => unknown;
        Object.defineProperty(proto, 'getContext', {
          value(this: unknown, kind: string, ...rest: unknown[]) {
            return /webgl/i.test(kind) ? null : original.call(this, kind, ...rest);
          },
        });
      }
    });
    const errors = watchErrors(page);
    await openApp(page, '/');
    // Measured without WebGL: skipped, with the reason in the badge.
    await expect(page.getByTestId('backend-label')).toHaveText(
      /^(cpu|wasm) — fastest here for LSTM 50×16: .* · webgl skipped: no WebGL context$/,
    );
    await expectShell(page);
    expect(errors).toEqual([]);
  });
});
