/**
 * The visualizer as a student uses it: pick each cell, step forward and back, play, and check
 * that a number on screen is the engine's own (recomputed here in Node on the cpu backend).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { expect, test, type Page } from '@playwright/test';
import { Rng } from '../../src/engine/rng';
import { createTask } from '../../src/engine/tasks/task';
import { runTrace } from '../../src/engine/trace';
import { initModel } from '../../src/engine/weights/init';
import { DEFAULT_CONFIG, sequenceSeed } from '../../src/config/config';
import { openApp, screenshot, watchErrors } from './app';

const slider = (page: Page) => page.getByRole('slider', { name: 'Timestep' });

async function ready(page: Page) {
  await expect(page.locator('.status-line')).toContainText('weights #');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

test('steps, plays and shows the engine’s numbers for every cell', async ({ page }) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openApp(page, '/');
  await ready(page);
  // Drawing the strip must not scroll the page away from the top (a shared link opens at the top).
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  for (const cell of ['Elman', 'LSTM', 'GRU']) {
    await page
      .getByRole('group', { name: 'Cell kind' })
      .getByRole('button', { name: cell })
      .click();
    await ready(page);
    await expect(
      page.getByRole('group', { name: 'Cell kind' }).getByRole('button', { name: cell }),
    ).toHaveAttribute('aria-pressed', 'true');
    await page.getByRole('button', { name: 'Jump to start' }).click();
    await expect(slider(page)).toHaveAttribute('aria-valuenow', '1');
    const equations = page.getByTestId('panel-equations');
    const before = await equations.innerText();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await page.getByRole('button', { name: 'Step forward' }).click();
    await expect(slider(page)).toHaveAttribute('aria-valuenow', '3');
    await expect(equations).not.toHaveText(before);
    await page.getByRole('button', { name: 'Step backward' }).click();
    await expect(slider(page)).toHaveAttribute('aria-valuenow', '2');
    await screenshot(page, `visualizer-${cell.toLowerCase()}.png`);
  }
  // Play for about a second: the cursor moves on its own, and pause stops it.
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByRole('button', { name: 'Play' }).click();
  await page.waitForTimeout(1200);
  await page.getByRole('button', { name: 'Pause' }).click();
  const t = Number(await slider(page).getAttribute('aria-valuenow'));
  expect(t).toBeGreaterThan(2);
  expect(errors).toEqual([]);
});

test('the forget gate on screen equals the engine’s trace', async ({ page }) => {
  // The same defaults the page starts with: LSTM on the adding problem, seeded.
  tf.env().set('PROD', true); // no tfjs-node advert in the test log
  await tf.setBackend('cpu');
  const c = DEFAULT_CONFIG;
  const task = createTask(c.task, c.taskParams);
  const model = initModel(
    {
      cell: c.cell,
      inputSize: task.inputSize,
      hiddenSize: c.hiddenSize,
      outputSize: task.outputSize,
    },
    { seed: c.seed, recurrentScale: c.recurrentScale, forgetBias: c.forgetBias },
  );
  const trace = await runTrace(model, task.sample(new Rng(sequenceSeed(c.seed))));
  const t = 6;
  const expected = trace.gates.forget![t * trace.H + 0]!;

  await openApp(page, '/');
  await ready(page);
  for (let k = 0; k < t; k++) await page.getByRole('button', { name: 'Step forward' }).click();
  await expect(slider(page)).toHaveAttribute('aria-valuenow', String(t + 1));
  const shown = Number((await page.getByTestId('eq-result-forget').innerText()).replace('−', '-'));
  expect(Math.abs(shown - expected)).toBeLessThanOrEqual(5e-4); // shown to three decimals
});
