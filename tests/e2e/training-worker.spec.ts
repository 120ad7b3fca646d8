/**
 * The training worker's edges (src/workers/trainerHost.ts, sharedTrainerHost.ts): where training
 * runs is said next to its speed, a worker that cannot start falls back to the main thread and
 * says so in the status line, a failing update stops training with a message, and a backend
 * switch pauses training and moves the worker along. Faults come from the test-only
 * `?__throw=train-worker|train-step` hook.
 */
import { expect, test } from '@playwright/test';
import { openApp, watchErrors } from './app';

test('WebGL stays with the page: the worker trains on wasm, and follows a switch to cpu', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openApp(page, '/?backend=webgl');
  const status = page.locator('.status-line');
  await expect(status).toHaveAttribute('data-status', 'ready');
  const panel = page.getByTestId('training');
  await panel.getByRole('button', { name: 'Train' }).click();
  const stats = panel.locator('.training-stats');
  await expect(stats).toContainText(/update \d+ · loss/);
  await expect(stats).toContainText('in a worker, wasm');
  await expect(stats).toContainText('WebGL stays with the page');

  // A backend switch pauses training and keeps the curve; Train resumes in the worker on cpu.
  await page.getByRole('combobox', { name: 'TF.js backend' }).selectOption('cpu');
  await expect(page.locator('body')).toHaveAttribute('data-backend', 'cpu');
  await expect(panel.getByRole('button', { name: 'Resume training' })).toBeVisible();
  const before = Number(/update (\d+)/.exec(await stats.innerText())?.[1]);
  expect(before).toBeGreaterThan(0);
  await panel.getByRole('button', { name: 'Resume training' }).click();
  await expect(stats).toContainText('in a worker, cpu');
  await expect
    .poll(async () => Number(/update (\d+)/.exec(await stats.innerText())?.[1]))
    .toBeGreaterThan(before);
  await panel.getByRole('button', { name: 'Pause training' }).click();
  await expect(status).toHaveAttribute('data-status', 'ready');
  await expect(page.locator('.status-error')).toHaveCount(0);
  expect(errors).toEqual([]);
});

test('a worker that cannot start: training runs on the main thread and says so', async ({
  page,
}) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu&__throw=train-worker');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  const panel = page.getByTestId('training');
  await panel.getByRole('button', { name: 'Train' }).click();
  const notice = page.getByTestId('training-fallback');
  await expect(notice).toContainText("Training runs on the page's main thread");
  await expect(notice).toContainText('the training worker could not start (injected test fault');
  await expect(panel.locator('.training-stats')).toContainText("on the page's main thread");
  await expect
    .poll(async () =>
      Number(/update (\d+)/.exec(await panel.locator('.training-stats').innerText())?.[1] ?? 0),
    )
    .toBeGreaterThan(3);
  await panel.getByRole('button', { name: 'Pause training' }).click();
  expect(errors).toEqual([]);
});

test('an update that throws stops training with a message in the status line', async ({ page }) => {
  const errors = watchErrors(page);
  await openApp(page, '/?backend=cpu&__throw=train-step');
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  const panel = page.getByTestId('training');
  await panel.getByRole('button', { name: 'Train' }).click();
  await expect(page.getByTestId('training-error')).toHaveText(
    'Training stopped: injected test fault in a training step (?__throw=train-step)',
  );
  // Stopped, not stuck: the button offers Train again and the picture is still there.
  await expect(panel.getByRole('button', { name: 'Train', exact: true })).toBeVisible();
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  // One update starts a fresh trainer, which fails the same way and says so again.
  await panel.getByRole('button', { name: 'One update' }).click();
  await expect(page.getByTestId('training-error')).toContainText('injected test fault');
  expect(errors).toEqual([]);
});
