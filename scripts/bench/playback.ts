/**
 * Playback in the built app (issue #9, target 5): open a link with a long, wide trace, press
 * play and collect requestAnimationFrame timestamps from inside the page for a few seconds.
 * A second, separate pass installs a minimal React DevTools hook (./react-probe.ts) and counts
 * which views re-render per step; it is separate so its bookkeeping never inflates the frame
 * times of the first pass.
 */
import type { Browser, Page } from '@playwright/test';
import { type ProbeCommit, installReactProbe } from './react-probe';
import { median, percentile, round } from './stats';
import { FRAME_BUDGET_MS } from './targets';
import type { FrameStats, PlaybackPlan, PlaybackRun, RenderCounts } from './types';

export const FULL_PLAYBACK: PlaybackPlan = {
  cell: 'lstm',
  task: 'adding',
  T: 200,
  H: 64,
  // 1×: the default (4 steps/s, a new step every ~15 frames); 8×: the fastest, a step every
  // ~2 frames, the worst case for the views.
  speeds: [1, 8],
  seconds: 3,
  // The window's width; its height grows to the page's (see openPlan), so every view is painted.
  viewport: { width: 1440, height: 900 },
};

/**
 * --quick: a narrow trace and half a second per speed, only to prove it still runs. Long enough
 * (160 steps, 5 s at 8×) that a loaded machine cannot play it to its end, where playback stops,
 * before the timed window opens: with 24 steps a fresh-clone run saw no step move.
 */
export const QUICK_PLAYBACK: PlaybackPlan = {
  ...FULL_PLAYBACK,
  T: 160,
  H: 8,
  speeds: [8],
  seconds: 0.5,
};

/** The link of a plan, in the app's URL schema (src/store/url/schema.ts). */
export function playbackHash(p: PlaybackPlan): string {
  return `#cell=${p.cell}&H=${p.H}&task=${p.task}&p.length=${p.T}`;
}

// tsx (esbuild keepNames) wraps named functions in __name(...) calls; functions handed to the
// page are serialised, so the page needs a no-op __name too.
const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

/** Opens the app at the plan's link and waits until its trace is drawn. */
async function openPlan(browser: Browser, url: string, plan: PlaybackPlan, probe: boolean) {
  const context = await browser.newContext({ viewport: plan.viewport });
  const page = await context.newPage();
  await page.addInitScript({ content: NAME_SHIM });
  if (probe) await page.addInitScript(installReactProbe);
  await page.goto(url + playbackHash(plan), { waitUntil: 'commit' });
  await page.waitForSelector('body[data-ready="1"]', { state: 'attached', timeout: 60_000 });
  await page.waitForSelector(`input.scrubber[aria-valuemax="${plan.T}"]`, { timeout: 60_000 });
  await page.waitForSelector('[data-testid="panel-heatmaps"] canvas', { timeout: 60_000 });
  await page.waitForFunction(() => !document.querySelector('.layout .panel-placeholder'));
  // The training panel enables Train once the engine runs live traces: no start-up work (backend
  // choice, a shipped trace being replaced) is left to land in the middle of the timing.
  await page.waitForFunction(
    () =>
      ![...document.querySelectorAll<HTMLButtonElement>('[data-testid="training"] button')].some(
        (b) => b.textContent === 'Train' && b.disabled,
      ),
    null,
    { timeout: 60_000 },
  );
  // Grow the window to the whole page, so that every view is on screen and really painted.
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const viewport = { width: plan.viewport.width, height: Math.max(plan.viewport.height, height) };
  await page.setViewportSize(viewport);
  // On screen now, the Jacobian lens computes in its worker: let it finish before timing.
  await page.waitForSelector('[data-testid="lens-status"][data-status="ready"]', {
    timeout: 120_000,
  });
  return { context, page, viewport };
}

interface Collected {
  stamps: number[];
  steps: number[];
  commits: ProbeCommit[];
}

/** Plays from step 1 at `speed` for `seconds` and returns what the page saw. */
async function playOnce(page: Page, speed: number, seconds: number): Promise<Collected> {
  await page.getByRole('button', { name: 'Jump to start' }).click();
  await page.getByLabel('Playback speed').selectOption(String(speed));
  // Let start-up work (URL sync timers, the first paints) finish before timing.
  await page.waitForTimeout(500);
  await page.evaluate(() => {
    const w = window as unknown as { __gatescopeCommits?: unknown[] };
    if (w.__gatescopeCommits) w.__gatescopeCommits.length = 0;
  });
  await page.getByRole('button', { name: 'Play' }).click();
  // Time playback itself, not its start: on a loaded machine the first step may come late, and a
  // short window could otherwise close before any step moved.
  await page.waitForFunction(
    () => Number(document.querySelector<HTMLInputElement>('input.scrubber')?.value) > 1,
    null,
    { timeout: 30_000 },
  );
  const out = await page.evaluate(
    (ms) =>
      new Promise<Collected>((resolve) => {
        const stamps: number[] = [];
        const steps: number[] = [];
        const scrubber = document.querySelector<HTMLInputElement>('input.scrubber');
        const frame = (now: number) => {
          stamps.push(now);
          steps.push(Number(scrubber?.value ?? NaN));
          if (now - stamps[0]! < ms) requestAnimationFrame(frame);
          else {
            const w = window as unknown as { __gatescopeCommits?: ProbeCommit[] };
            resolve({ stamps, steps, commits: [...(w.__gatescopeCommits ?? [])] });
          }
        };
        requestAnimationFrame(frame);
      }),
    seconds * 1000,
  );
  // A short sequence may have played to its end (playback stops there) before the window closed,
  // or may reach it between a check and a click: pause inside the page, in one step.
  await page.evaluate(() =>
    document.querySelector<HTMLButtonElement>('button[aria-label="Pause"]')?.click(),
  );
  return out;
}

export function frameStats(stamps: readonly number[]): FrameStats {
  const d = stamps.slice(1).map((s, i) => s - stamps[i]!);
  const span = stamps.at(-1)! - stamps[0]!;
  return {
    frames: d.length,
    durationMs: round(span, 1),
    medianMs: round(median(d), 2),
    p95Ms: round(percentile(d, 95), 2),
    maxMs: round(Math.max(...d), 2),
    fps: round((d.length / span) * 1000, 1),
    // A frame more than 1.5 budgets long means at least one vsync was missed.
    longFrames: d.filter((v) => v > 1.5 * FRAME_BUDGET_MS).length,
  };
}

/** Panels whose picture depends on the step; anything else re-rendering per step is waste. */
const STEP_VIEWS = new Set([
  'panel-diagram',
  'panel-heatmaps',
  'panel-traces',
  'panel-equations',
  'panel-gradients',
  'panel-strip',
  'panel-lens',
  'playback',
  'layout',
]);

/** Counts commits and renders over the timed window, per step shown. */
export function renderCounts(c: Collected): RenderCounts {
  const { stamps, steps, commits } = c;
  const inWindow = commits.filter((k) => k.at >= stamps[0]! && k.at < stamps.at(-1)!);
  let stepFrames = 0;
  let stepsAdvanced = 0;
  for (let i = 1; i < steps.length; i++) {
    if (steps[i] !== steps[i - 1]) stepFrames++;
    stepsAdvanced += Math.max(0, steps[i]! - steps[i - 1]!);
  }
  const byGroup: Record<string, number> = {};
  for (const k of inWindow)
    for (const [g, n] of Object.entries(k.groups)) byGroup[g] = (byGroup[g] ?? 0) + n;
  const per = (n: number) => round(n / Math.max(1, stepFrames), 2);
  const unchanged = Object.entries(byGroup).filter(([g]) => !STEP_VIEWS.has(g));
  return {
    frames: stamps.length - 1,
    stepFrames,
    stepsAdvanced,
    commits: inWindow.length,
    commitsPerFrame: round(inWindow.length / Math.max(1, stamps.length - 1), 3),
    commitsPerStepFrame: per(inWindow.length),
    // A commit that did not move the step: something re-rendered for nothing while playing.
    commitsWithoutStep: inWindow.filter((k) => !k.moved).length,
    rendersPerStep: Object.fromEntries(
      Object.entries(byGroup)
        .sort()
        .map(([g, n]) => [g, per(n)]),
    ),
    unchangedViewRendersPerStep: per(unchanged.reduce((s, [, n]) => s + n, 0)),
    unchangedViews: unchanged.map(([g]) => g).sort(),
  };
}

/** Every speed of the plan: a timed pass, then a counted pass. */
export async function measurePlayback(
  browser: Browser,
  url: string,
  plan: PlaybackPlan,
  log: (line: string) => void,
  countRenders = true,
): Promise<{ viewport: PlaybackPlan['viewport']; runs: PlaybackRun[] }> {
  const runs: PlaybackRun[] = [];
  let size = plan.viewport;
  for (const probe of countRenders ? [false, true] : [false]) {
    const { context, page, viewport } = await openPlan(browser, url, plan, probe);
    size = viewport;
    try {
      for (const speed of plan.speeds) {
        const got = await playOnce(page, speed, plan.seconds);
        if (!probe) {
          const frames = frameStats(got.stamps);
          log(
            `[app] playback ${plan.cell} T=${plan.T} H=${plan.H} at ${speed}×: frame median ` +
              `${frames.medianMs} ms, p95 ${frames.p95Ms} ms, max ${frames.maxMs} ms, ${frames.fps} fps`,
          );
          runs.push({ speed, frames, react: null });
        } else {
          const run = runs.find((r) => r.speed === speed)!;
          run.react = renderCounts(got);
          log(
            `[app] ${speed}×: ${run.react.commitsPerStepFrame} commits per step, ` +
              `${run.react.commitsWithoutStep} without a step, ` +
              `unchanged views re-rendered per step: ${run.react.unchangedViewRendersPerStep}`,
          );
        }
      }
    } finally {
      await context.close();
    }
  }
  return { viewport: size, runs };
}
