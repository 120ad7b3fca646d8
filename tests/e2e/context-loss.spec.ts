import { expect, test } from '@playwright/test';
import { openApp, watchErrors } from './app';

/**
 * A WebGL context lost mid-session (GPU reset, driver crash) must not take the lesson down:
 * TF.js moves to cpu, the badge says so, and the user's state and weights carry over.
 */
test('falls back to cpu when the WebGL context is lost, keeping the state', async ({ page }) => {
  const errors = watchErrors(page);
  // WebGL by name: left to itself the page may pick a faster backend (software WebGL is slow).
  await openApp(page, '/?backend=webgl');
  const label = page.getByTestId('backend-label');
  const status = page.locator('.status-line');
  await expect(label).toHaveText('WebGL 2 · SwiftShader (software)');
  await expect(status).toHaveAttribute('data-status', 'ready');

  await page.getByRole('button', { name: 'GRU', exact: true }).click();
  await expect(status).toHaveAttribute('data-status', 'ready');
  const forward = page.getByRole('button', { name: 'Step forward' });
  for (let k = 0; k < 4; k++) await forward.click();
  const slider = page.getByRole('slider', { name: 'Timestep' });
  await expect(slider).toHaveValue('5');
  const meta = page.locator('.status-meta');
  await expect(meta).toContainText('weights #');
  const fingerprint = /weights #\S+/.exec((await meta.textContent()) ?? '')?.[0];
  expect(fingerprint).toBeTruthy();

  // The test hook installed by watchContextLoss (src/engine/backend/webglContext.ts).
  await page.evaluate(() => {
    (window as unknown as { __gatescopeLoseContext: () => void }).__gatescopeLoseContext();
  });

  await expect(label).toHaveText('CPU (WebGL context lost; switched to CPU)');
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(slider).toHaveValue('5');
  await expect(page.getByRole('button', { name: 'GRU', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(meta).toContainText(fingerprint!);
  await expect(page.locator('.status-error')).toHaveCount(0);
  expect(await page.locator('body').innerText()).not.toContain('NaN');

  // The engine keeps working on cpu: a config change still yields a fresh trace.
  await page.getByRole('button', { name: 'LSTM', exact: true }).click();
  await expect(page.getByRole('button', { name: 'LSTM', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(page.locator('.status-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a loss during training pauses it, keeps its history and trains on cpu', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=webgl');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  const panel = page.getByTestId('training');
  await panel.getByRole('button', { name: 'Train' }).click();
  await expect(panel.getByText(/^update \d+ · loss/)).toBeVisible();
  await page.waitForTimeout(1000);

  await page.evaluate(() => {
    (window as unknown as { __gatescopeLoseContext: () => void }).__gatescopeLoseContext();
  });
  await expect(page.getByTestId('backend-label')).toHaveText(
    'CPU (WebGL context lost; switched to CPU)',
  );
  // Paused, not reset: the curve so far stays.
  await expect(panel.getByRole('button', { name: 'Train' })).toBeVisible();
  await expect(panel.getByText(/^update \d+ · loss/)).toBeVisible();
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');

  await panel.getByRole('button', { name: 'Train' }).click();
  await page.waitForTimeout(1500);
  await panel.getByRole('button', { name: 'Pause training' }).click();
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  await expect(page.locator('.status-error')).toHaveCount(0);
  expect(await page.locator('body').innerText()).not.toContain('NaN');
  expect(errors).toEqual([]);
});
