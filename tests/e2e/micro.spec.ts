/**
 * Micro-steps in the built app: ↓ steps into a step and walks every op of an LSTM step, each
 * with its numbers and the diagram lit where the op works; ↑ walks back and out; a link opens
 * at an op; the ops play by themselves.
 */
import { expect, test, type Page } from '@playwright/test';
import { MICRO_OP_IDS } from '../../src/config/microOps';
import { openApp, screenshot, watchErrors } from './app';

async function openReady(page: Page, url: string) {
  await openApp(page, url);
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

const card = (page: Page) => page.getByTestId('micro-card');

test('↓ steps into an LSTM step and walks all its ops; ↑ walks back out', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu#cell=lstm&H=8&task=adding&p.length=20&t=12&unit=3');
  await expect(page.getByRole('button', { name: /Step into t = 12/ })).toBeVisible();
  await page.keyboard.press('ArrowDown');
  await expect(card(page)).toHaveAttribute('data-op', 'wx');
  await expect(card(page)).toContainText('Forward 1 of 13 · unit 3 at t = 12');
  const ids = MICRO_OP_IDS.lstm;
  for (const [k, id] of ids.entries()) {
    await expect(card(page)).toHaveAttribute('data-op', id);
    await expect(page.getByTestId('micro-numbers')).toContainText(/\d/);
    await expect(page.getByTestId('micro-numbers')).not.toContainText(/NaN|undefined/);
    // The diagram shows what this op touches (the readout and ∂L/∂h light the h wire).
    await expect(page.locator('.gs-diagram-svg.is-micro .gs-part.is-lit').first()).toBeAttached();
    if (id === 'gate-forget') {
      // The op's result is the number the equation line shows for f_t.
      const eq = await page.getByTestId('eq-result-forget').textContent();
      const got = await page.getByTestId('micro-result').textContent();
      expect(Number(got!.replace('−', '-')).toFixed(3)).toBe(eq!.replace('−', '-'));
    }
    if (id === 'b-dh') await expect(card(page)).toContainText('Backward 1 of 6');
    if (k < ids.length - 1) await page.keyboard.press('ArrowDown');
  }
  await screenshot(page, 'micro-lstm-backward.png');
  // The last op stays the last; ↑ walks back, and out from the first.
  await page.keyboard.press('ArrowDown');
  await expect(card(page)).toHaveAttribute('data-op', ids.at(-1)!);
  for (let k = 0; k < ids.length; k++) await page.keyboard.press('ArrowUp');
  await expect(card(page)).toHaveCount(0);
  await expect(page.locator('.gs-diagram-svg.is-micro')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a link opens at an op; the ops play on their own; the help lists the keys', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openReady(
    page,
    '/?backend=cpu#cell=lstm&H=8&task=adding&p.length=20&t=12&unit=3&op=gate-forget',
  );
  await expect(card(page)).toHaveAttribute('data-op', 'gate-forget');
  await expect(card(page)).toContainText('Forget gate');
  await expect(card(page)).toContainText('unit 3 at t = 12');
  await expect(page.locator('.gs-diagram-svg.is-micro .gs-part.is-lit')).not.toHaveCount(0);
  // The equation line of the forget gate is the one outlined.
  await expect(page.locator('.gs-eq-list > li.is-op')).toHaveCount(1);
  await expect(
    page.locator('.gs-eq-list > li.is-op').getByTestId('eq-result-forget'),
  ).toBeVisible();
  await screenshot(page, 'micro-link.png');
  await card(page).getByLabel('Op speed').selectOption('2');
  await card(page).getByRole('button', { name: 'Play ops' }).click();
  await expect(card(page)).toHaveAttribute('data-op', 'gate-candidate', { timeout: 10_000 });
  await card(page).getByRole('button', { name: 'Pause ops' }).click();
  await expect.poll(() => page.evaluate(() => location.hash)).toMatch(/op=gate-(candidate|output)/);
  await card(page).getByRole('button', { name: 'Step out' }).click();
  await expect(card(page)).toHaveCount(0);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toContainText(
    'Into the step, op by op',
  );
  expect(errors).toEqual([]);
});
