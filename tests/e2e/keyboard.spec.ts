/** The keyboard: the ? overlay, cell keys, presentation mode, and the screen-reader summary. */
import { expect, test, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

async function openReady(page: Page, url: string) {
  await openApp(page, url);
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

test('? opens the shortcut list, Esc closes it and focus returns', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu');
  await page.keyboard.press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(dialog).toBeVisible();
  for (const text of [
    'Play / pause',
    'Step back / forward',
    'Elman / LSTM / GRU cell',
    'Fullscreen',
  ])
    await expect(dialog).toContainText(text);
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  // Keys do not reach the page behind, and Tab stays inside.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('slider', { name: 'Timestep' })).toHaveAttribute(
    'aria-valuenow',
    '1',
  );
  await page.keyboard.press('Tab');
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await screenshot(page, 'keyboard-help.png');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  const opener = page.getByRole('button', { name: /Shortcuts/ });
  await opener.click();
  await expect(dialog).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await expect(opener).toBeFocused();
  expect(errors).toEqual([]);
});

test('1, 2 and 3 switch the cell', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu');
  const pressed = (name: string) =>
    expect(page.getByRole('button', { name, exact: true })).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('1');
  await pressed('Elman');
  await page.keyboard.press('3');
  await pressed('GRU');
  await page.keyboard.press('2');
  await pressed('LSTM');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  expect(errors).toEqual([]);
});

test('p toggles presentation mode: large type, the gradient panel enlarged', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu');
  await page.keyboard.press('p');
  const html = page.locator('html');
  await expect(html).toHaveAttribute('data-present', '1');
  const px = await html.evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  expect(px).toBeGreaterThanOrEqual(22);
  const grad = await page.getByTestId('panel-gradients').boundingBox();
  const diagram = await page.getByTestId('panel-diagram').boundingBox();
  expect(grad!.width).toBeGreaterThan(diagram!.width * 1.8);
  expect(grad!.y).toBeLessThan(diagram!.y);
  await expect(page.getByRole('button', { name: 'Present' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect.poll(() => page.evaluate(() => location.hash)).toContain('present=1');
  await screenshot(page, 'keyboard-presentation.png');
  await page.keyboard.press('p');
  await expect(html).not.toHaveAttribute('data-present');
  expect(errors).toEqual([]);
});

test('a live region reads the current step, and Tab reaches the new controls', async ({ page }) => {
  await openReady(page, '/?backend=cpu');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('step-announcer')).toHaveText(
    /^Step 2 of 50: LSTM unit 1: input [−\d.]+, forget [−\d.]+, candidate [−\d.]+, output [−\d.]+; h [−\d.]+, c [−\d.]+\.$/,
  );
  const present = page.getByRole('button', { name: 'Present' });
  for (let i = 0; i < 10 && !(await present.evaluate((el) => el === document.activeElement)); i++)
    await page.keyboard.press('Tab');
  await expect(present).toBeFocused();
  const outline = await present.evaluate((el) => getComputedStyle(el).outlineStyle);
  expect(outline).toBe('solid');
});

test('a skip link to the timeline, the I/O strip as one Tab stop, u / Shift+U pick the unit', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu');
  // The first Tab stop, visible once focused; it moves focus without touching the link.
  await page.keyboard.press('Tab');
  const skip = page.getByRole('link', { name: 'Skip to the timeline' });
  await expect(skip).toBeFocused();
  await expect(skip).toBeInViewport();
  const hash = new URL(page.url()).hash;
  await page.keyboard.press('Enter');
  const slider = page.getByRole('slider', { name: 'Timestep' });
  await expect(slider).toBeFocused();
  expect(new URL(page.url()).hash).toBe(hash);

  // The strip: one option per step, only the current one in the Tab order; the names begin
  // with the visible text (step number, then input).
  const strip = page.getByRole('listbox', { name: 'Input and output at each step' });
  await expect(strip.getByRole('option')).toHaveCount(50);
  await expect(strip.locator('[tabindex="0"]')).toHaveCount(1);
  const first = strip.getByRole('option', { selected: true });
  // textContent, not innerText: a strip cell below the fold skips layout (content-visibility),
  // and innerText of unlaid-out text is empty.
  const visible = (await first.locator('.io-step').textContent())!.trim();
  const input = (await first.locator('.io-input').textContent())!.trim();
  await expect(first).toHaveAccessibleName(
    new RegExp(`^step ${visible} input ${input.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
  );
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await expect(slider).toHaveValue('2');
  await expect(strip.getByRole('option', { selected: true })).toBeFocused();
  await expect(strip.getByRole('option', { selected: true })).toHaveAccessibleName(/^step 2 /);
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('50');
  await expect(strip.getByRole('option', { selected: true })).toBeFocused();

  // Hidden units by keyboard, wrapping round (H = 16).
  await page.keyboard.press('u');
  await expect(page).toHaveURL(/[#&]unit=2(&|$)/);
  await page.keyboard.press('Shift+U');
  await page.keyboard.press('Shift+U');
  await expect(page).toHaveURL(/[#&]unit=16(&|$)/);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog')).toContainText('Next / previous hidden unit');
  expect(errors).toEqual([]);
});

test('f toggles fullscreen, or says why it cannot', async ({ page }) => {
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu');
  await page.keyboard.press('f');
  const full = () => page.evaluate(() => document.fullscreenElement !== null);
  // Headless Chromium may grant or refuse it; refused, the page must say so.
  await expect
    .poll(async () => (await full()) || (await page.locator('.flash').count()) > 0)
    .toBe(true);
  if (await full()) {
    await page.keyboard.press('f');
    await expect.poll(full).toBe(false);
  } else {
    await expect(page.locator('.flash')).toContainText('Fullscreen is not allowed here');
  }
  expect(errors).toEqual([]);
});
