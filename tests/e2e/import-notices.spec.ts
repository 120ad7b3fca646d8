/**
 * Nothing silently ignored (issue 22), in the page: a weights file with harmless extras loads
 * and a polite notice lists what was skipped; a 4-layer file is refused with the reason and the
 * network on screen stays as it was.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

async function ready(page: Page) {
  await expect(page.locator('.status-line')).toContainText('weights #');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

async function fingerprint(page: Page): Promise<string> {
  const text = await page.locator('.status-meta').innerText();
  return /weights #([0-9a-f]+)/.exec(text)![1]!;
}

const cellButton = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Cell kind' }).getByRole('button', { name });

async function importJson(page: Page, name: string, json: unknown) {
  await page.getByTestId('import-weights-input').setInputFiles({
    name,
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(json)),
  });
}

test('harmless extras are listed in a notice; a 4-layer file is refused', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await ready(page);

  // The LSTM on screen, exported as PyTorch would write it.
  const lstmPrint = await fingerprint(page);
  const pending = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export', exact: true }).click();
  await page.getByRole('menuitem', { name: 'Weights (PyTorch layout)' }).click();
  const file = JSON.parse(readFileSync((await (await pending).path())!, 'utf8')) as {
    tensors: Record<string, unknown>;
  };

  // Another network on screen, then the LSTM back from a file with a note and optimizer state.
  await cellButton(page, 'GRU').click();
  await ready(page);
  expect(await fingerprint(page)).not.toBe(lstmPrint);
  const withExtras = {
    ...file,
    note: 'trained in a notebook',
    tensors: { ...file.tensors, 'optimizer.state.0.exp_avg': file.tensors.weight_hh_l0 },
  };
  await importJson(page, 'with-extras.json', withExtras);
  await expect(page.locator('.status-line')).toContainText(
    'Imported weights from with-extras.json',
  );
  const notice = page.locator('.import-notice[role="status"]');
  await expect(notice).toContainText('with-extras.json');
  await expect(notice).toContainText('field "note"');
  await expect(notice).toContainText('tensor "optimizer.state.0.exp_avg" [64, 16]');
  await ready(page);
  await expect(cellButton(page, 'LSTM')).toHaveAttribute('aria-pressed', 'true');
  expect(await fingerprint(page)).toBe(lstmPrint);
  await screenshot(page, 'import-notice.png');

  // The file: numLayers 4 and the tensors of layers 1 to 3. Refused, the view unchanged.
  const deep: { numLayers: number; tensors: Record<string, unknown> } = {
    ...file,
    numLayers: 4,
    tensors: { ...file.tensors },
  };
  for (let l = 1; l < 4; l++)
    for (const name of ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh'])
      deep.tensors[`${name}_l${l}`] = file.tensors[`${name}_l0`];
  await cellButton(page, 'GRU').click();
  await ready(page);
  const gruPrint = await fingerprint(page);
  await importJson(page, 'four-layers.json', deep);
  const alert = page.locator('.import-error[role="alert"]');
  await expect(alert).toContainText('four-layers.json');
  await expect(alert).toContainText(
    'this file is a 4-layer network; Gatescope reads 1 layer today (field "numLayers", tensors "weight_ih_l1"',
  );
  await expect(alert).toContainText('The current weights are kept');
  await expect(notice).toHaveCount(0);
  await screenshot(page, 'import-four-layers.png');
  expect(await fingerprint(page)).toBe(gruPrint);
  await expect(cellButton(page, 'GRU')).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});
