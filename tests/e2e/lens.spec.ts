/**
 * The Jacobian lens in the built app: it computes once on screen, a click on the map selects t
 * (the playback cursor follows) and k, arrow keys move them, a link reproduces the selection,
 * and with its worker refused the page computes the lens itself.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

async function openLens(page: Page, url: string) {
  await openApp(page, url);
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  const panel = page.getByTestId('panel-lens');
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.getByTestId('lens-status')).toHaveAttribute('data-status', 'ready', {
    timeout: 60_000,
  });
  return panel;
}

const readout = (panel: ReturnType<Page['getByTestId']>) => panel.locator('.chart-readout');
const timestep = (page: Page) => page.getByRole('slider', { name: 'Timestep' });

test('click the map: t and k follow everywhere; arrow keys move them', async ({ page }) => {
  const errors = watchErrors(page);
  const panel = await openLens(page, '/?backend=cpu#cell=lstm&H=8&task=adding&p.length=40');
  await expect(panel.getByTestId('lens-status')).toContainText(
    '40 × 40 map of s = (h, c) (16 numbers)',
  );
  const map = panel.getByTestId('lens-map');
  const box = (await map.boundingBox())!;
  // Row 31 (t = 30, 0-based), column 6 (k = 5): the centre of that cell.
  await map.click({
    position: { x: ((5 + 0.5) / 40) * box.width, y: ((30 + 0.5) / 40) * box.height },
  });
  await expect(readout(panel)).toContainText('‖∂s₃₁/∂s₆‖ = ');
  await expect(readout(panel)).toContainText('25 steps later');
  await expect(timestep(page)).toHaveAttribute('aria-valuenow', '31');
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/t=31.*from=6|from=6.*t=31/);
  await screenshot(page, 'lens-lstm.png');

  await map.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(readout(panel)).toContainText('‖∂s₃₁/∂s₅‖');
  await page.keyboard.press('ArrowUp');
  await expect(readout(panel)).toContainText('‖∂s₃₀/∂s₅‖');
  await expect(timestep(page)).toHaveAttribute('aria-valuenow', '30');
  // Clicking above the diagonal keeps k ≤ t.
  await map.click({ position: { x: box.width * 0.9, y: box.height * 0.1 } });
  await expect(readout(panel)).toContainText('a state is all of itself');
  expect(errors).toEqual([]);
});

test('a link reproduces a lens selection; Elman shows its bound', async ({ page }) => {
  const errors = watchErrors(page);
  const panel = await openLens(
    page,
    '/?backend=cpu#cell=elman&H=8&task=adding&p.length=30&t=20&from=5',
  );
  await expect(readout(panel)).toContainText('‖∂s₂₀/∂s₅‖ = ');
  await expect(timestep(page)).toHaveAttribute('aria-valuenow', '20');
  await expect(panel.locator('path.lens-bound')).toHaveCount(1);
  await expect(panel.locator('path.lens-row')).toHaveCount(1);
  expect(errors).toEqual([]);
});

test('with its worker refused, the page computes the lens and says so', async ({ page }) => {
  const errors = watchErrors(page);
  const panel = await openLens(page, '/?backend=cpu&__throw=lens-worker#cell=gru&H=8&p.length=24');
  await expect(panel.getByTestId('lens-status')).toContainText(
    'on the page (this browser could not start the lens worker)',
  );
  await expect(readout(panel)).toContainText('‖∂s');
  expect(errors).toEqual([]);
});
