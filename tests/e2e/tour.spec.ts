/** The guided tour: each step sets the page's state; Back, Next and Skip move through it. */
import { expect, test, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

const cellButton = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Cell kind' }).getByRole('button', { name });
const slider = (page: Page) => page.getByRole('slider', { name: 'Timestep' });

test('the tour walks from recurrence through the Jacobian lens to the comparison', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');

  await page.getByRole('button', { name: 'Tour', exact: true }).click();
  const card = page.getByRole('dialog', { name: 'A loop through time' });
  await expect(card).toBeVisible();
  await expect(card).toContainText('Step 1 of 9');
  await expect(cellButton(page, 'Elman')).toHaveAttribute('aria-pressed', 'true');
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '6');
  await expect(card.getByRole('button', { name: 'Back' })).toBeDisabled();

  // Next: the vanishing gradient, W_hh scaled down, cursor at the loss step.
  const next = () => page.getByRole('dialog').getByRole('button', { name: 'Next' }).click();
  const back = () => page.getByRole('dialog').getByRole('button', { name: 'Back' }).click();
  await next();
  await expect(page.getByRole('dialog')).toContainText('Step 2 of 9');
  await expect(page.getByRole('dialog')).toContainText('Why gradients vanish');
  const gradients = page.getByTestId('panel-gradients');
  await expect(gradients.locator('.intervention-badge')).toContainText('W_hh scaled to ρ = 0.8');
  await expect(gradients).toHaveAttribute('data-tour-focus', '');
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '50');
  await screenshot(page, 'tour-step2.png');

  // Next: the LSTM's forget gate, selected in the heatmaps.
  await next();
  await expect(page.getByRole('dialog')).toContainText('Step 3 of 9');
  await expect(cellButton(page, 'LSTM')).toHaveAttribute('aria-pressed', 'true');
  await expect(
    page.getByTestId('panel-heatmaps').getByRole('button', { name: /forget gate/ }),
  ).toHaveAttribute('aria-pressed', 'true');
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '25');

  // Back returns to step 2's state, scaling included.
  await back();
  await expect(page.getByRole('dialog')).toContainText('Step 2 of 9');
  await expect(cellButton(page, 'Elman')).toHaveAttribute('aria-pressed', 'true');
  await expect(gradients.locator('.intervention-badge')).toContainText('W_hh scaled');

  // Step 4: inside the LSTM step, at the forget gate's op; the next step is outside again.
  await next();
  await next();
  await expect(page.getByRole('dialog')).toContainText('Step 4 of 9');
  await expect(page.getByTestId('micro-card')).toHaveAttribute('data-op', 'gate-forget');
  await expect(slider(page)).toHaveAttribute('aria-valuenow', '25');
  // Steps 5–6, the lens, then the comparison.
  await next();
  await expect(page.getByTestId('micro-card')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toContainText('Step 5 of 9');
  await expect(gradients.locator('.intervention-badge')).toContainText('forget gate clamped to 1');
  await next();
  await expect(page.getByRole('dialog')).toContainText('Step 6 of 9');
  await expect(cellButton(page, 'GRU')).toHaveAttribute('aria-pressed', 'true');
  await expect(gradients.locator('.intervention-badge')).toHaveCount(0);
  // Steps 7 and 8: the Jacobian lens, Elman then LSTM, with k picked at step 10.
  await next();
  await expect(page.getByRole('dialog')).toContainText('Step 7 of 9');
  const lens = page.getByTestId('panel-lens');
  await expect(lens).toHaveAttribute('data-tour-focus', '');
  await expect(lens.getByTestId('lens-status')).toHaveAttribute('data-status', 'ready');
  await expect(lens.locator('.chart-readout')).toContainText('‖∂s₅₀/∂s₁₀‖');
  await expect(lens.locator('path.lens-bound')).toHaveCount(1);
  await next();
  await expect(page.getByRole('dialog')).toContainText('Step 8 of 9');
  await expect(cellButton(page, 'LSTM')).toHaveAttribute('aria-pressed', 'true');
  await expect(lens.getByTestId('lens-status')).toContainText('map of s = (h, c)');
  await expect(lens.locator('path.lens-bound')).toHaveCount(0);
  await screenshot(page, 'tour-lens-lstm.png');
  await next();
  await expect(page.getByRole('dialog')).toContainText('Step 9 of 9');
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Finish' })).toBeVisible();
  await screenshot(page, 'tour-compare.png');

  // Back closes the comparison again; Skip ends the tour.
  await back();
  await expect(page.getByTestId('compare-view')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toContainText('Step 8 of 9');
  await page.getByRole('button', { name: 'Skip tour' }).click();
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(page.locator('[data-tour-focus]')).toHaveCount(0);
  expect(errors).toEqual([]);
});
