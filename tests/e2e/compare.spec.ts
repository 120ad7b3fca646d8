/** The side-by-side comparison: three cells, one timeline, trained together. */
import { expect, test } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

test('compare view trains all three and overlays their gradients', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Compare Elman · LSTM · GRU' }).click();
  const view = page.getByTestId('compare-view');
  await expect(view).toBeVisible();
  // One gradient line per cell in the overlay (plus each cell's dashed memory path).
  for (const cell of ['elman', 'lstm', 'gru']) {
    await expect(view.locator(`path.overlay-line.grad[data-cell="${cell}"]`)).toHaveCount(1);
    await expect(view.locator(`path.overlay-line.path[data-cell="${cell}"]`)).toHaveCount(1);
  }
  // The shared timeline moves all three columns.
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByRole('slider', { name: 'Timestep' })).toHaveAttribute(
    'aria-valuenow',
    '2',
  );
  await view.getByRole('button', { name: 'Train all three' }).click();
  await page.waitForTimeout(4000);
  await view.getByRole('button', { name: 'Pause' }).click();
  // All three loss curves advanced.
  for (const cell of ['elman', 'lstm', 'gru']) {
    const n = Number(
      await view.locator(`path.loss-series[data-series="${cell}"]`).getAttribute('data-points'),
    );
    expect(n, cell).toBeGreaterThan(3);
  }
  await screenshot(page, 'compare.png');
  expect(errors).toEqual([]);
});

test('a clamped forget gate is badged and keeps the LSTM memory path at 1', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('combobox', { name: 'Clamp a gate' }).selectOption('forget');
  await expect(page.getByTestId('panel-gradients').locator('.intervention-badge')).toContainText(
    'forget gate clamped to 1',
  );
  await expect(page.getByTestId('panel-diagram').locator('.intervention-badge')).toBeVisible();
  await expect(page.getByTestId('panel-equations')).toContainText(
    'held constant by the what-if clamp',
  );
  await screenshot(page, 'clamp-forget.png');
  expect(errors).toEqual([]);
});
