/**
 * Exports and imports as a teacher uses them: a chart as PNG and SVG, the trace as CSV, the
 * weights as gatescope.weights/1 and back in (file picker and drag and drop), and bad files
 * refused inline with the network on screen unchanged.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Download, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

const MARGIN = 12; // src/ui/export/snapshot.ts EXPORT_MARGIN

async function ready(page: Page) {
  await expect(page.locator('.status-line')).toContainText('weights #');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

async function fingerprint(page: Page): Promise<string> {
  const text = await page.locator('.status-meta').innerText();
  return /weights #([0-9a-f]+)/.exec(text)![1]!;
}

async function download(page: Page, open: () => Promise<void>, item: string): Promise<Download> {
  await open();
  const pending = page.waitForEvent('download');
  await page.getByRole('menuitem', { name: item }).click();
  return pending;
}

const exportMenu = (page: Page) => page.getByRole('button', { name: 'Export', exact: true });
const fileInput = (page: Page) => page.getByTestId('import-weights-input');
const cellButton = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Cell kind' }).getByRole('button', { name });

test('a chart exports as a 2× PNG and as an SVG', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await ready(page);
  const panel = page.getByTestId('panel-gradients');
  const box = (await panel.locator('figure').boundingBox())!;
  const png = await download(
    page,
    () => panel.getByRole('button', { name: 'Export Gradient flow' }).click(),
    'PNG image (2×)',
  );
  expect(png.suggestedFilename()).toBe('gatescope-lstm-adding-t1-gradients.png');
  const bytes = readFileSync((await png.path())!);
  expect([...bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  // IHDR: width and height, big-endian, at bytes 16 and 20.
  const w = bytes.readUInt32BE(16);
  const h = bytes.readUInt32BE(20);
  expect(Math.abs(w - 2 * (box.width + 2 * MARGIN))).toBeLessThanOrEqual(1);
  expect(Math.abs(h - 2 * (box.height + 2 * MARGIN))).toBeLessThanOrEqual(1);

  // The heatmaps are drawn on canvases: their SVG embeds the colours as a bitmap.
  const heatmaps = page.getByTestId('panel-heatmaps');
  const svg = await download(
    page,
    () => heatmaps.getByRole('button', { name: /^Export / }).click(),
    'SVG vector',
  );
  expect(svg.suggestedFilename()).toBe('gatescope-lstm-adding-t1-heatmaps.svg');
  const text = readFileSync((await svg.path())!, 'utf8');
  expect(text.startsWith('<?xml')).toBe(true);
  expect(text).toContain('<svg');
  expect(text).toContain('<image');
  expect(text).toContain('forget gate');
  expect(errors).toEqual([]);
});

test('the trace exports as long-format CSV', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await ready(page);
  const csv = await download(page, () => exportMenu(page).click(), 'Trace as CSV (long format)');
  expect(csv.suggestedFilename()).toBe('gatescope-lstm-adding-trace.csv');
  const lines = readFileSync((await csv.path())!, 'utf8')
    .trimEnd()
    .split('\n');
  expect(lines[0]).toMatch(/^# gatescope trace: lstm .*T=50 I=2 H=16 O=1/);
  expect(lines[1]).toBe('step,quantity,unit,value');
  // Per step: x 2, h 16, c 16, four gates 64, y 1, grad.h 16, grad.c 16, grad.x 2, 7 scalars.
  const rows = lines.slice(2);
  expect(rows.length).toBe(50 * 140);
  for (const r of rows) expect(r.split(',').length).toBe(4);
  expect(rows.filter((r) => r.startsWith('50,series.memoryPath,,'))).toEqual([
    '50,series.memoryPath,,1',
  ]);
  expect(errors).toEqual([]);
});

test('weights export and import back; bad files are refused inline', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu');
  await ready(page);

  // A GRU with 8 units, exported in the Keras layout.
  await cellButton(page, 'GRU').click();
  await page.getByRole('spinbutton', { name: 'hidden units' }).fill('8');
  await page.getByRole('spinbutton', { name: 'hidden units' }).press('Enter');
  await ready(page);
  await expect(page.locator('.status-meta')).toBeVisible();
  const gruPrint = await fingerprint(page);
  const keras = await download(page, () => exportMenu(page).click(), 'Weights (Keras layout)');
  expect(keras.suggestedFilename()).toBe('gatescope-gru-adding-weights-keras.json');
  const kerasText = readFileSync((await keras.path())!, 'utf8');
  expect(JSON.parse(kerasText)).toMatchObject({ layout: 'keras', cell: 'gru', hiddenSize: 8 });

  // Back to an LSTM with 16 units: a different network.
  await cellButton(page, 'LSTM').click();
  await page.getByRole('spinbutton', { name: 'hidden units' }).fill('16');
  await page.getByRole('spinbutton', { name: 'hidden units' }).press('Enter');
  await ready(page);
  const lstmPrint = await fingerprint(page);
  expect(lstmPrint).not.toBe(gruPrint);

  // A malformed file: the tensor is named, the LSTM stays.
  const broken = JSON.parse(kerasText) as { tensors: Record<string, unknown> };
  broken.tensors.recurrent_kernel = [[1, 2]];
  await fileInput(page).setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(broken)),
  });
  const alert = page.locator('.import-error[role="alert"]');
  await expect(alert).toContainText('broken.json');
  await expect(alert).toContainText('tensor "recurrent_kernel" must have shape [8, 24]');
  await screenshot(page, 'import-error.png');
  expect(await fingerprint(page)).toBe(lstmPrint);
  await expect(cellButton(page, 'LSTM')).toHaveAttribute('aria-pressed', 'true');

  // Valid, but for another task's sizes.
  const elman3 = {
    format: 'gatescope.weights/1',
    layout: 'pytorch',
    cell: 'elman',
    inputSize: 3,
    hiddenSize: 2,
    outputSize: 1,
    tensors: {
      weight_ih_l0: [
        [0.1, 0.2, 0.3],
        [0.4, 0.5, 0.6],
      ],
      weight_hh_l0: [
        [0.5, 0],
        [0, 0.5],
      ],
      bias_ih_l0: [0, 0],
      bias_hh_l0: [0, 0],
      'readout.weight': [[1, -1]],
      'readout.bias': [0],
    },
  };
  await fileInput(page).setInputFiles({
    name: 'elman3.json',
    mimeType: 'application/json',
    buffer: Buffer.from(JSON.stringify(elman3)),
  });
  await expect(alert).toContainText('this file has inputSize 3 but the adding task needs 2 inputs');
  expect(await fingerprint(page)).toBe(lstmPrint);

  // Any file can be picked (no accept filter); a binary one, e.g. a PyTorch .pt, gets a reason.
  await expect(fileInput(page)).not.toHaveAttribute('accept', /./);
  await fileInput(page).setInputFiles({
    name: 'model.pt',
    mimeType: 'application/octet-stream',
    buffer: Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0, 0x08, 0]),
  });
  await expect(alert).toContainText('model.pt');
  await expect(alert).toContainText('this is not a gatescope.weights/1 JSON file');
  expect(await fingerprint(page)).toBe(lstmPrint);

  // The exported GRU comes back: cell and size switch, the same weights (fingerprint) show.
  await fileInput(page).setInputFiles((await keras.path())!);
  await expect(page.locator('.status-line')).toContainText(
    /Imported weights from [\w-]+/, // Playwright stores downloads under a generated name
  );
  await expect(alert).toHaveCount(0);
  await ready(page);
  await expect(cellButton(page, 'GRU')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByRole('spinbutton', { name: 'hidden units' })).toHaveValue('8');
  expect(await fingerprint(page)).toBe(gruPrint);

  // The PyTorch export of what is shown re-imports by drag and drop onto the page.
  const torch = await download(page, () => exportMenu(page).click(), 'Weights (PyTorch layout)');
  expect(torch.suggestedFilename()).toBe('gatescope-gru-adding-weights.json');
  await cellButton(page, 'Elman').click();
  await ready(page);
  const torchText = readFileSync((await torch.path())!, 'utf8');
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped-gru.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dt, bubbles: true }));
  }, torchText);
  await expect(page.locator('.drop-overlay')).toBeVisible();
  await page.screenshot({ path: test.info().outputPath('drop-overlay.png') });
  await page.evaluate((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'dropped-gru.json', { type: 'application/json' }));
    window.dispatchEvent(new DragEvent('drop', { dataTransfer: dt, bubbles: true }));
  }, torchText);
  await expect(page.locator('.drop-overlay')).toHaveCount(0);
  await expect(page.locator('.status-line')).toContainText(
    'Imported weights from dropped-gru.json',
  );
  await ready(page);
  await expect(cellButton(page, 'GRU')).toHaveAttribute('aria-pressed', 'true');
  expect(await fingerprint(page)).toBe(gruPrint);
  await screenshot(page, 'imported.png');
  expect(errors).toEqual([]);
});
