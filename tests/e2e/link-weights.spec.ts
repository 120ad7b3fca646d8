/**
 * The link and the weights selector never claim weights they cannot show: imported (or trained)
 * weights are named in the link by their fingerprint and reported missing when it is opened,
 * and a checkpoint that cannot load puts the selector back on what is shown.
 */
import { expect, test, type Page } from '@playwright/test';
import { openApp, watchErrors } from './app';

const ready = async (page: Page) => {
  await expect(page.locator('.status-line')).toContainText('weights #');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
};
const fingerprint = async (page: Page) =>
  /weights #([0-9a-f]{8})/.exec(await page.locator('.status-meta').innerText())![1]!;
const weightsSelect = (page: Page) => page.getByRole('combobox', { name: 'Weights' });

/** A small Elman for the adding task (2 inputs, 1 output), as a user's file. */
const elman = {
  format: 'gatescope.weights/1',
  layout: 'pytorch',
  cell: 'elman',
  inputSize: 2,
  hiddenSize: 3,
  outputSize: 1,
  tensors: {
    weight_ih_l0: [
      [0.1, 0.2],
      [0.3, -0.4],
      [0.5, 0.6],
    ],
    weight_hh_l0: [
      [0.5, 0, 0.1],
      [0, 0.5, 0],
      [0.2, 0, 0.5],
    ],
    bias_ih_l0: [0, 0.1, 0],
    bias_hh_l0: [0, 0, 0],
    'readout.weight': [[1, -1, 0.5]],
    'readout.bias': [0],
  },
};

test('imported weights: the selector says so, the link names them, opening it says they are missing', async ({
  page,
  context,
}) => {
  const errors = watchErrors(page);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await openApp(page, '/?backend=cpu');
  await ready(page);
  const seeded = await fingerprint(page);

  await page.getByTestId('import-weights-input').setInputFiles({
    name: 'my-elman.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(elman)),
  });
  await expect(page.locator('.status-line')).toContainText('Imported weights from my-elman.json');
  await ready(page);
  const imported = await fingerprint(page);
  expect(imported).not.toBe(seeded);
  await expect(weightsSelect(page)).toHaveValue('imported');
  await expect(page).toHaveURL(new RegExp(`[#&]wid=${imported}(&|$)`));
  await expect(page).toHaveURL(/[#&]H=3(&|$)/);

  await page.getByRole('button', { name: 'Copy link' }).click();
  const flash = page.locator('.flash');
  await expect(flash).toContainText(`not the weights on screen (#${imported}, imported)`);
  const link = page.url();

  // The link edited by hand in this page (another step): the imported weights stay, no notice.
  await page.evaluate(() => (window.location.hash = `${window.location.hash.slice(1)}&t=5`));
  await expect(page.getByRole('slider', { name: 'Timestep' })).toHaveValue('5');
  await ready(page);
  await expect(weightsSelect(page)).toHaveValue('imported');
  expect(await fingerprint(page)).toBe(imported);
  await expect(page.getByTestId('link-notice')).toHaveCount(0);

  // Opened elsewhere: the settings apply, the missing weights are named, seeded ones are shown.
  const other = await context.newPage();
  const otherErrors = watchErrors(other);
  await openApp(other, link);
  await ready(other);
  await expect(other.getByTestId('link-notice')).toContainText(
    `wid=${imported} (this link used weights #${imported}, which are not in the link: import their file`,
  );
  await expect(weightsSelect(other)).toHaveValue('random');
  await expect(other.getByRole('spinbutton', { name: 'hidden units' })).toHaveValue('3');
  expect(await fingerprint(other)).not.toBe(imported);
  await expect(other).not.toHaveURL(/wid=/);

  // Back on the first page: a new size is a seeded model again, and the selector says so.
  await page.getByRole('spinbutton', { name: 'hidden units' }).fill('4');
  await page.getByRole('spinbutton', { name: 'hidden units' }).press('Enter');
  await ready(page);
  await expect(weightsSelect(page)).toHaveValue('random');
  await expect(page).not.toHaveURL(/wid=/);
  expect(errors).toEqual([]);
  expect(otherErrors).toEqual([]);
});

test('trained weights are named in the link as missing too', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await ready(page);
  await expect(page).not.toHaveURL(/wid=/);
  const panel = page.getByTestId('training');
  await panel.getByRole('button', { name: 'Train' }).click();
  await expect(panel.getByText(/^update \d+ · loss/)).toBeVisible();
  await page.waitForTimeout(1500);
  await panel.getByRole('button', { name: 'Pause training' }).click();
  await ready(page);
  await expect(page).toHaveURL(new RegExp(`[#&]wid=${await fingerprint(page)}(&|$)`));
  await panel.getByRole('button', { name: 'Reset weights' }).click();
  await ready(page);
  await expect(page).not.toHaveURL(/wid=/);
  expect(errors).toEqual([]);
});

test('a checkpoint that cannot load puts the selector back on the seeded weights', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await ready(page);
  const seeded = await fingerprint(page);
  await page.route(/\/checkpoints\//, (route) => route.abort('internetdisconnected'));
  await weightsSelect(page).selectOption('trained');
  await expect(page.locator('.flash')).toContainText(
    'Could not load the trained checkpoint: checkpoints/manifest.json did not load: the network did not answer',
  );
  await expect(weightsSelect(page)).toHaveValue('random');
  await ready(page);
  expect(await fingerprint(page)).toBe(seeded);
  await expect(page.locator('.status-error')).toHaveCount(0);

  // The network is back: choosing it again loads the checkpoint.
  await page.unroute(/\/checkpoints\//);
  await weightsSelect(page).selectOption('trained');
  await expect(page.locator('.status-line')).toContainText('Trained checkpoint lstm-adding');
  await expect(weightsSelect(page)).toHaveValue('trained');
  expect(errors.filter((e) => !/ERR_INTERNET_DISCONNECTED/.test(e))).toEqual([]);
});
