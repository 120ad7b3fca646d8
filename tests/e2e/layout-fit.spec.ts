/**
 * Presentation and embed layouts on a projector: at 1280×720 and 1920×1080 the header's
 * controls never overlap, the enlarged (or embedded) view sits wholly above the playback bar,
 * nothing widens the page, and an embedded strip shows every step.
 */
import { expect, test, type Page } from '@playwright/test';
import { PANEL_IDS } from '../../src/store/ui';
import { openApp, screenshot, watchErrors } from './app';

type Box = { left: number; top: number; right: number; bottom: number };

/** Every panel of the single view: each must fit, enlarged or embedded. */
const PANELS = PANEL_IDS;

/** Opens another mode in the same page: the link sync applies a changed hash. */
async function goTo(page: Page, hash: string) {
  await page.evaluate((h) => (window.location.hash = h), hash);
  await page.waitForTimeout(400);
  await page.evaluate(() => window.scrollTo(0, 0));
}

const boxOf = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((el): Box => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    });

/** The header's visible controls, and each pair of them that overlaps. */
const headerOverlaps = (page: Page) =>
  page.evaluate(() => {
    const shown = [
      ...document.querySelectorAll<HTMLElement>(
        '.app-header h1, .app-header button, .app-header select, .app-header .badge, .chrome-bar > *',
      ),
    ].filter((el) => el.getClientRects().length > 0);
    const pairs: string[] = [];
    for (const [i, a] of shown.entries())
      for (const b of shown.slice(i + 1)) {
        if (a.contains(b) || b.contains(a)) continue;
        const p = a.getBoundingClientRect();
        const q = b.getBoundingClientRect();
        if (
          p.left < q.right - 1 &&
          q.left < p.right - 1 &&
          p.top < q.bottom - 1 &&
          q.top < p.bottom - 1
        )
          pairs.push(`${a.textContent?.slice(0, 20)} / ${b.textContent?.slice(0, 20)}`);
      }
    return { count: shown.length, pairs };
  });

const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test.describe(`${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('presentation: every enlarged view fits above the playback bar, the header uncrowded', async ({
      page,
    }) => {
      const errors = watchErrors(page);
      await openApp(page, '/?backend=cpu#present=1');
      await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
      for (const focus of PANELS) {
        await goTo(page, `present=1&focus=${focus}`);
        const panel = await boxOf(page, `[data-testid='panel-${focus}']`);
        const bar = await boxOf(page, '.playback');
        expect(panel.bottom, `${focus}: panel bottom vs bar top`).toBeLessThanOrEqual(bar.top);
        expect(panel.top, focus).toBeGreaterThanOrEqual(0);
        const header = await headerOverlaps(page);
        expect(header.count, focus).toBeGreaterThan(3);
        expect(header.pairs, focus).toEqual([]);
        expect(await pageWidth(page), focus).toBeLessThanOrEqual(width);
      }
      await goTo(page, 'present=1&focus=gradients');
      await screenshot(page, `present-${width}.png`);
      expect(errors).toEqual([]);
    });

    test('embed: each view fits the screen with the bar below it', async ({ page }) => {
      const errors = watchErrors(page);
      await openApp(page, '/?backend=cpu#embed=gradients');
      await expect(page.locator('.status-line')).toHaveAttribute('data-status', 'ready');
      for (const id of [...PANELS, 'compare']) {
        await goTo(page, `embed=${id}`);
        const view = id === 'compare' ? '.compare-view' : `[data-testid='panel-${id}']`;
        await expect(page.locator(view).first()).toBeVisible();
        const box = await boxOf(page, view);
        const bar = await boxOf(page, '.playback');
        expect(box.top, id).toBeGreaterThanOrEqual(0);
        expect(box.bottom, `${id}: view bottom vs bar top`).toBeLessThanOrEqual(bar.top);
        expect(bar.bottom, id).toBeLessThanOrEqual(height);
        const size = await page.evaluate(() => ({
          w: document.documentElement.scrollWidth,
          h: document.documentElement.scrollHeight,
        }));
        expect(size, id).toEqual({ w: width, h: height });
      }
      // The strip shows all 50 steps at once, each one inside the screen.
      await goTo(page, 'embed=strip');
      const options = page.getByRole('option');
      await expect(options).toHaveCount(50);
      for (const t of [0, 49]) {
        const b = await options.nth(t).boundingBox();
        expect(b!.x + b!.width, `step ${t + 1}`).toBeLessThanOrEqual(width);
        expect(b!.y + b!.height, `step ${t + 1}`).toBeLessThanOrEqual(height);
      }
      await screenshot(page, `embed-strip-${width}.png`);
      expect(errors).toEqual([]);
    });
  });
}
