/** Page helpers shared by the e2e specs. */
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';

/** Known harmless Chromium noise (see BROWSER.md); everything else is a real error. */
const NOISE = [/GPU stall due to ReadPixels/, /dbus/i];

/** Collects console errors and uncaught exceptions from the page. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error' && !NOISE.some((re) => re.test(msg.text()))) {
      errors.push(`console.error: ${msg.text()}`);
    }
  });
  page.on('pageerror', (err) => errors.push(`uncaught: ${err.message}`));
  return errors;
}

/**
 * Opens the app and waits for its ready signal (the load event may lag behind TF.js). Up to
 * 50 s: left to choose, the page times every backend first, which with another browser test
 * beside it on two cores has taken over 30 s.
 */
export async function openApp(page: Page, url: string) {
  await page.goto(url, { waitUntil: 'commit' });
  await expect(page.locator('body[data-ready="1"]')).toBeAttached({ timeout: 50_000 });
}

/** Saves a full-page screenshot under test-results/ for a human to look at. */
export async function screenshot(page: Page, name: string) {
  await page.screenshot({ path: path.join(test.info().project.outputDir, name), fullPage: true });
}
