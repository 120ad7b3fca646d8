/** Shareable links: a link reproduces the picture, the hash follows the page, bad links are explained. */
import { expect, test, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

async function openReady(page: Page, url: string) {
  await openApp(page, url);
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

const hashOf = (page: Page) => page.evaluate(() => window.location.hash);

test('a link opens at its step, and the hash follows the cursor', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu#t=12');
  const slider = page.getByRole('slider', { name: 'Timestep' });
  await expect(slider).toHaveAttribute('aria-valuenow', '12');
  const entries = await page.evaluate(() => history.length);
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveAttribute('aria-valuenow', '13');
  await expect.poll(() => hashOf(page)).toContain('t=13');
  // The query (backend=cpu) is kept; replaceState adds no history entries.
  expect(page.url()).toContain('?backend=cpu#');
  expect(await page.evaluate(() => history.length)).toBe(entries);
  expect(errors).toEqual([]);
});

test('a link sets the model controls, and a changed control updates the link', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu#cell=gru&H=8&seed=7');
  await expect(page.getByRole('button', { name: 'GRU', exact: true })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByLabel('hidden units')).toHaveValue('8');
  await expect(page.getByLabel('seed')).toHaveValue('7');
  await expect(page.getByTestId('panel-heatmaps')).toContainText('update');
  await page.getByRole('button', { name: 'Elman', exact: true }).click();
  await expect.poll(() => hashOf(page)).toBe('#cell=elman&H=8&seed=7');
  expect(errors).toEqual([]);
});

test('an invalid link applies what it can and says what it ignored', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu#H=abc&cell=transformer&seed=7&t=0&zoom');
  const notice = page.getByTestId('link-notice');
  await expect(notice).toContainText('Ignored from the link:');
  await expect(notice).toContainText('H=abc (not a number)');
  await expect(notice).toContainText('cell=transformer (unknown: use elman, lstm, gru)');
  await expect(notice).toContainText('zoom (unknown key)');
  await expect(notice).toContainText('Adjusted from the link: t=0 (used 1, the smallest allowed)');
  await expect(page.getByLabel('seed')).toHaveValue('7');
  // The link is rewritten without the parts it could not use.
  await expect.poll(() => hashOf(page)).toBe('#seed=7');
  await screenshot(page, 'url-invalid-link.png');
  await page.getByRole('button', { name: 'Dismiss the link notice' }).click();
  await expect(notice).toHaveCount(0);
  await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(page.getByRole('slider', { name: 'Timestep' })).toHaveAttribute(
    'aria-valuenow',
    '2',
  );
  expect(errors).toEqual([]);
});

test('teacher=play shows only the views and the playback bar', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu#teacher=play');
  for (const id of ['model-controls', 'what-if', 'panel-training'])
    await expect(page.getByTestId(id)).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(page.locator('.panel-caption').first()).toBeHidden();
  await expect(page.getByTestId('panel-gradients')).toBeVisible();
  await expect(page.getByTestId('panel-diagram')).toBeVisible();
  await expect(page.getByTestId('playback')).toBeVisible();
  await screenshot(page, 'url-teacher-play.png');
  expect(errors).toEqual([]);
});

test('teacher=1 hides the explanations but keeps the controls', async ({ page }) => {
  await openReady(page, '/?backend=cpu#teacher=1');
  await expect(page.getByTestId('model-controls')).toBeVisible();
  await expect(page.locator('.panel-caption').first()).toBeHidden();
  await expect(page.getByRole('button', { name: 'What is Gradient flow?' })).toBeHidden();
});

test('embed=gradients shows that one panel and a playback bar', async ({ page }) => {
  const errors = watchErrors(page);
  await page.setViewportSize({ width: 900, height: 560 });
  await openReady(page, '/?backend=cpu#embed=gradients&t=20');
  await expect(page.getByTestId('panel-gradients')).toBeVisible();
  for (const id of ['diagram', 'heatmaps', 'traces', 'equations', 'training', 'strip'])
    await expect(page.getByTestId(`panel-${id}`)).toBeHidden();
  for (const id of ['model-controls', 'what-if']) await expect(page.getByTestId(id)).toBeHidden();
  await expect(page.getByRole('heading', { level: 1 })).toBeHidden();
  await expect(page.getByRole('slider', { name: 'Timestep' })).toHaveAttribute(
    'aria-valuenow',
    '20',
  );
  await screenshot(page, 'url-embed-gradients.png');
  expect(errors).toEqual([]);
});
