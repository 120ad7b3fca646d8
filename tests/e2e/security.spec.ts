/**
 * Hardening checks on the production build: the Content-Security-Policy is served and nothing in
 * a normal session violates it, the page talks only to its own origin, and a view that throws
 * stays inside its panel with a way to try again.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, watchErrors } from './app';

declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

/** Records every CSP violation from the first script on (before the app's own code runs). */
async function recordViolations(page: Page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations!.push(
        `${e.effectiveDirective}: ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`,
      );
    });
  });
}

const violations = (page: Page) => page.evaluate(() => window.__cspViolations ?? []);

test('a normal session runs under the CSP without violations or foreign requests', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await recordViolations(page);
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));

  // No ?backend=: the page measures cpu, wasm and WebGL, so the policy must let the wasm
  // binaries compile and WebGL work where it exists.
  const response = await page.goto('/', { waitUntil: 'commit' });
  // As long as openApp allows and more: timing every backend (WebGL warm-up on SwiftShader) with
  // another browser test beside it on two cores took over 30 s in a fresh-clone run.
  await expect(page.locator('body[data-ready="1"]')).toBeAttached({ timeout: 60_000 });
  const meta = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  expect(meta).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(meta).not.toMatch(/'unsafe-eval'|script-src[^;]*'unsafe-inline'/);
  expect(response!.headers()['content-security-policy']).toBe(meta);

  // Which backend the policy was checked under (WebGL where the machine has it).
  const backend = await page.locator('body').getAttribute('data-backend');
  test.info().annotations.push({ type: 'backend', description: backend ?? 'unknown' });
  // wasm compiled and ran under the policy (were it blocked, the badge would say why).
  await expect(page.getByTestId('backend-label')).toHaveText(/ wasm [\d.]+ (ms|s)\b/);
  const status = page.locator('.status-line');
  await expect(status).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Step forward' }).click();
  const gru = page.getByRole('group', { name: 'Cell kind' }).getByRole('button', { name: 'GRU' });
  await gru.click();
  await expect(gru).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('panel-heatmaps').getByRole('heading')).toContainText('Gate');
  await expect(status).toHaveAttribute('data-status', 'ready');

  // Exports rasterise SVG through blob: URLs and a canvas: the PNG and the SVG must both work.
  const panel = page.getByTestId('panel-heatmaps');
  for (const item of ['PNG image (2×)', 'SVG vector']) {
    await panel.getByRole('button', { name: /^Export / }).click();
    const pending = page.waitForEvent('download');
    await page.getByRole('menuitem', { name: item }).click();
    expect((await pending).suggestedFilename()).toMatch(/\.(png|svg)$/);
  }

  await page.getByRole('button', { name: 'Compare Elman · LSTM · GRU' }).click();
  const view = page.getByTestId('compare-view');
  await expect(view.locator('path.overlay-line.grad')).toHaveCount(3);

  expect(await violations(page)).toEqual([]);
  const foreign = requests.filter(
    (u) => !u.startsWith(`${baseURL}/`) && !u.startsWith('blob:') && !u.startsWith('data:'),
  );
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test('a view that throws shows a message in its panel, and Try again recovers', async ({
  page,
}) => {
  const errors = watchErrors(page);
  const warnings: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'warning' && m.text().includes('view hit an error')) warnings.push(m.text());
  });
  // Test-only fault hook (src/ui/ErrorBoundary.tsx): the heatmaps panel throws while rendering.
  await openApp(page, '/?backend=cpu&__throw=heatmaps');
  const panel = page.getByTestId('panel-heatmaps');
  const message = panel.getByTestId('view-error-heatmaps');
  await expect(message).toContainText('This view hit an error: injected test fault');
  // Only that panel: its header, the other panels and the page stay up.
  await expect(panel.getByRole('heading')).toBeVisible();
  await expect(page.getByTestId('panel-gradients').locator('figure')).toBeVisible();
  await expect(page.getByTestId('view-error-app')).toHaveCount(0);
  expect(warnings.length).toBeGreaterThanOrEqual(1);
  expect(warnings[0]).toContain('"heatmaps"');

  await message.getByRole('button', { name: 'Try again' }).click();
  await expect(message).toHaveCount(0);
  await expect(panel.locator('canvas').first()).toBeVisible();
  expect(errors).toEqual([]);
});
