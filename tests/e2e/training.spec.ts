/** Live training in the page and the shipped checkpoints, as a teacher would use them. */
import { expect, test } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

test('trains live: the loss curve advances and the page stays responsive', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  const panel = page.getByTestId('training');
  await panel.getByRole('button', { name: 'Train' }).click();
  await expect(panel.getByText(/^update \d+ · loss/)).toBeVisible();
  // The page still answers while training runs: stepping the cursor works.
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByRole('slider', { name: 'Timestep' })).toHaveAttribute(
    'aria-valuenow',
    '2',
  );
  await page.waitForTimeout(2000);
  await panel.getByRole('button', { name: 'Pause training' }).click();
  const stats = await panel.locator('.training-stats').innerText();
  const updates = Number(/update (\d+)/.exec(stats)?.[1]);
  expect(updates).toBeGreaterThan(3);
  await screenshot(page, 'training.png');
  expect(errors).toEqual([]);
});

test('loads a trained checkpoint and adopts its settings', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('combobox', { name: 'Weights' }).selectOption('trained');
  await expect(page.locator('.status-line')).toContainText('Trained checkpoint lstm-adding');
  // The checkpoint was trained at length 30 with 16 hidden units: the page switches to those.
  await expect(page.getByLabel('Sequence length')).toHaveValue('30');
  await expect(page.getByRole('slider', { name: 'Timestep' })).toHaveAttribute(
    'aria-valuemax',
    '30',
  );
  await screenshot(page, 'checkpoint-lstm-adding.png');
  expect(errors).toEqual([]);
});
