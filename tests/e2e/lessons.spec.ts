/**
 * Lessons through the UI: a built-in lesson end to end (one answer wrong, one right, the
 * feedback, the veils, the score), a lesson opened from a link, and a three-step lesson built in
 * the editor, exported as a file and read back from it.
 */
import { deflateRawSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { openApp, screenshot, watchErrors } from './app';

const card = (page: Page) => page.locator('.lesson-card');
const next = (page: Page) => card(page).getByRole('button', { name: 'Next' }).click();
const cellButton = (page: Page, name: string) =>
  page.getByRole('group', { name: 'Cell kind' }).getByRole('button', { name });

async function openReady(page: Page, url: string) {
  await openApp(page, url);
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
}

test('a built-in lesson: asked first, one answer wrong and one right, then the score', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  const list = page.getByRole('dialog', { name: 'Lessons' });
  await expect(list.getByRole('button', { name: /^Open the lesson/ })).toHaveCount(6);
  await list
    .getByRole('button', { name: 'Open the lesson The Elman RNN: one loop through time' })
    .click();
  await expect(list).toHaveCount(0);

  await expect(card(page)).toContainText('step 1 of 7');
  await expect(cellButton(page, 'Elman')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('panel-diagram')).toHaveAttribute('data-tour-focus', '');
  await expect(page).toHaveURL(/lesson=elman/);

  // Step 3 asks where unit 1 peaks; the state traces stay hidden until it is answered.
  await next(page);
  await next(page);
  await expect(card(page)).toContainText('step 3 of 7');
  await expect(page.getByTestId('lesson-veil-traces')).toBeVisible();
  await page.keyboard.press('End'); // the last step: whatever the network says, answer there
  await card(page)
    .getByRole('button', { name: /^Answer: step/ })
    .click();
  await expect(page.getByTestId('lesson-feedback')).toContainText(
    'on this trace the answer is step',
  );
  await expect(page.getByTestId('lesson-veil-traces')).toHaveCount(0);

  // Step 4: a range wider than the question allows is wrong, and the feedback says why.
  await next(page);
  await card(page).getByLabel('From').fill('-1');
  await card(page).getByLabel('To').fill('1');
  await card(page).getByRole('button', { name: 'Check' }).click();
  const wrong = page.getByTestId('lesson-feedback');
  await expect(wrong).toContainText('Not quite.');
  await expect(wrong).toContainText('wider than 0.3');
  await screenshot(page, 'lesson-wrong.png');

  // Step 5: the weight count of an 8-unit Elman cell on 2 inputs is 8·(2 + 8 + 2) = 96.
  await next(page);
  await card(page).getByLabel('Your answer').fill('96');
  await card(page).getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('lesson-feedback')).toContainText('Right!');
  await expect(card(page)).toContainText(/[12] of [23] right/);

  // Step 7: predict, then run 200 real updates; the answer comes from the run.
  await next(page);
  await next(page);
  await expect(card(page)).toContainText('step 7 of 7');
  await card(page).getByLabel('yes').check();
  await card(page)
    .getByRole('button', { name: /^Run 200 updates/ })
    .click();
  await expect(page.getByTestId('lesson-feedback')).toContainText(/After 2\d\d updates/, {
    timeout: 60_000,
  });
  await card(page).getByRole('button', { name: 'Finish' }).click();
  await expect(card(page)).toContainText(/You got \d of 4 right/);
  await screenshot(page, 'lesson-score.png');

  // Progress is kept in this browser: the list says so after a reload.
  await page.reload();
  await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Lessons' })).toContainText(/of 4 right/);
  expect(errors).toEqual([]);
});

test('a lesson opens from a link: a built-in one at a step, or one carried in the link', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu#lesson=gru&lstep=2');
  await expect(card(page)).toContainText('The GRU: update and reset · step 2 of 7');
  await expect(cellButton(page, 'GRU')).toHaveAttribute('aria-pressed', 'true');

  const lesson = {
    format: 'gatescope.lesson/1',
    title: 'From a link',
    level: 'beginner',
    steps: [
      {
        title: 'An LSTM of four units',
        text: 'Small enough to read.',
        view: { cell: 'lstm', H: 4 },
      },
      {
        title: 'Count them',
        text: 'Four blocks.',
        view: { cell: 'lstm', H: 4 },
        ask: { kind: 'number', prompt: 'How many weights?', answer: { probe: 'paramCount' } },
      },
    ],
  };
  const packed = deflateRawSync(Buffer.from(JSON.stringify(lesson))).toString('base64url');
  await page.goto('about:blank');
  await openReady(page, `/?backend=cpu#lesson=~${packed}`);
  await expect(card(page)).toContainText('From a link · step 1 of 2');
  await expect(cellButton(page, 'LSTM')).toHaveAttribute('aria-pressed', 'true');
  await next(page);
  await card(page)
    .getByLabel('Your answer')
    .fill(String(4 * 4 * (2 + 4 + 2)));
  await card(page).getByRole('button', { name: 'Check' }).click();
  await expect(page.getByTestId('lesson-feedback')).toContainText('Right!');

  // A damaged link says so and leaves the page as it was.
  await page.goto('about:blank');
  await openReady(page, '/?backend=cpu#cell=gru&lesson=~AAAA');
  await expect(
    page
      .getByRole('alert')
      .or(page.getByRole('status'))
      .filter({ hasText: /lesson/i })
      .first(),
  ).toBeVisible();
  await expect(cellButton(page, 'GRU')).toHaveAttribute('aria-pressed', 'true');
  expect(errors).toEqual([]);
});

test('the editor records three steps, exports them, and reads the file back', async ({ page }) => {
  test.setTimeout(90_000);
  const errors = watchErrors(page);
  await openReady(page, '/?backend=cpu');
  await page.getByRole('button', { name: 'Lessons', exact: true }).click();
  await page.getByRole('button', { name: 'Write a lesson…' }).click();
  const editor = page.getByRole('dialog', { name: 'Lesson editor' });
  await editor.getByLabel('Lesson title').fill('Three cells');

  const record = async (cell: string, title: string) => {
    await cellButton(page, cell).click();
    await editor.getByRole('button', { name: 'Record this view as a step' }).click();
    await editor.getByLabel('Step title').fill(title);
    await editor.getByLabel('Text').fill(`The ${cell} cell.`);
  };
  await record('Elman', 'Elman first');
  await record('GRU', 'Then the GRU');
  await record('LSTM', 'The LSTM last');
  await editor.getByLabel('Kind').selectOption('number');
  await editor.getByLabel('Prompt').fill('How many weights has this LSTM?');
  await expect(editor.getByTestId('editor-check')).toContainText('Ready');
  await screenshot(page, 'lesson-editor.png');

  const download = page.waitForEvent('download');
  await editor.getByRole('button', { name: 'Export file' }).click();
  const file = await (await download).path();
  const exported = JSON.parse(readFileSync(file, 'utf8'));
  expect(exported.steps.map((s: { title: string }) => s.title)).toEqual([
    'Elman first',
    'Then the GRU',
    'The LSTM last',
  ]);

  page.on('dialog', (d) => void d.accept());
  await editor.getByRole('button', { name: 'New' }).click();
  await expect(editor.locator('.editor-steps li')).toHaveCount(0);
  await editor.getByTestId('editor-file-input').setInputFiles(file);
  await expect(editor.locator('.editor-steps li')).toHaveCount(3);
  await expect(editor.getByLabel('Lesson title')).toHaveValue('Three cells');
  await expect(editor.locator('.editor-steps')).toContainText('3. The LSTM last · number');

  // Tried out, the lesson plays: the GRU step sets the GRU.
  await editor.getByRole('button', { name: 'Try it' }).click();
  await expect(card(page)).toContainText('Three cells · step 1 of 3');
  await next(page);
  await expect(cellButton(page, 'GRU')).toHaveAttribute('aria-pressed', 'true');

  // A file that is not a lesson is refused with a one-line reason; the lesson on screen stays.
  await card(page).getByRole('button', { name: 'All lessons' }).click();
  const list = page.getByRole('dialog', { name: 'Lessons' });
  await list.getByTestId('lesson-file-input').setInputFiles({
    name: 'notes.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{"format": "gatescope.lesson/9", "title": "x"}'),
  });
  await expect(list.getByRole('alert')).toContainText('Could not open notes.json: format');
  await page.keyboard.press('Escape');
  await expect(card(page)).toContainText('Three cells · step 2 of 3');
  expect(errors).toEqual([]);
});
