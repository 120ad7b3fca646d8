/**
 * The app itself under the bench (issue #9, targets 4 and 5): a production build of the repo's
 * vite.config.ts into the bench's own folder (never dist/, which the e2e tests serve), its
 * initial JS measured from the build manifest, and its first frame timed from fresh loads in
 * Chromium. Playback is in ./playback.ts. Runs in the Node process; nothing here loads TF.js.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { build } from 'vite';
import { type Preview, ROOT, outDirOf, removeDir, servePreview } from './harness';
import { FULL_PLAYBACK, QUICK_PLAYBACK, measurePlayback, playbackHash } from './playback';
import { median } from './stats';
import type { AppResult, BenchOptions, FirstFrameResult, InitialJsResult } from './types';

const CONFIG = join(ROOT, 'vite.config.ts');

/** Builds the app with its own config (plugins, CSP) and a manifest; returns the folder. */
export async function buildApp(): Promise<string> {
  const outDir = outDirOf('app');
  try {
    await build({
      configFile: CONFIG,
      root: ROOT,
      logLevel: 'warn',
      build: { outDir, emptyOutDir: true, manifest: true, reportCompressedSize: false },
    });
  } catch (e) {
    removeDir(outDir); // a failed build may leave half a folder behind
    throw e;
  }
  return outDir;
}

/** `vite preview` of that build (with the app's CSP header) on 127.0.0.1 and a free port. */
export const serveApp = (outDir: string): Promise<Preview> =>
  servePreview(outDir, { configFile: CONFIG, root: ROOT });

interface ManifestChunk {
  file: string;
  isEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
}

/**
 * The JS a first visit must download before the app can run: the HTML entry's chunk and,
 * transitively, its static imports (dynamic imports load later, on demand). Sizes gzip -9.
 */
export function initialJs(outDir: string): InitialJsResult {
  const manifest = JSON.parse(readFileSync(join(outDir, '.vite/manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const entry = Object.keys(manifest).find((k) => manifest[k]!.isEntry && k.endsWith('.html'));
  if (!entry) throw new Error('build manifest has no HTML entry');
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const k of manifest[key]?.imports ?? []) visit(k);
  };
  visit(entry);
  const files = [...seen].map((k) => {
    const bytes = readFileSync(join(outDir, manifest[k]!.file));
    return {
      file: manifest[k]!.file,
      bytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length,
    };
  });
  const lazy = new Set(
    Object.values(manifest)
      .flatMap((c) => c.dynamicImports ?? [])
      .filter((k) => !seen.has(k)),
  );
  const gzipBytes = files.reduce((s, f) => s + f.gzipBytes, 0);
  return {
    entry,
    files,
    bytes: files.reduce((s, f) => s + f.bytes, 0),
    gzipBytes,
    gzipKB: Math.round(gzipBytes / 102.4) / 10,
    lazyChunks: lazy.size,
  };
}

/** The mark another part of the app sets once the first trace is on screen. */
export const FIRST_FRAME_MARK = 'gatescope:first-frame';

/**
 * Loads the app `runs` times, each in a new browser context (cold cache, fresh JS heap), and
 * reads performance.mark('gatescope:first-frame') (ms after navigation start). null where the
 * app sets no such mark.
 */
export async function firstFrame(
  browser: Browser,
  url: string,
  runs: number,
  // The ready signal comes after every backend is timed: beside another browser on two busy
  // cores that has taken over 30 s.
  waitMs = 60_000,
): Promise<FirstFrameResult> {
  const loads: (number | null)[] = [];
  for (let k = 0; k < runs; k++) {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    try {
      const page = await context.newPage();
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForSelector('body[data-ready]', { state: 'attached', timeout: waitMs });
      // The mark lands after the first trace is drawn; wait for it a while, then give up.
      const at = await page
        .waitForFunction(
          (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null,
          FIRST_FRAME_MARK,
          { timeout: Math.min(waitMs, 15_000) },
        )
        .then((h) => h.jsonValue())
        .catch(() => null);
      loads.push(typeof at === 'number' ? Math.round(at * 10) / 10 : null);
    } finally {
      await context.close();
    }
  }
  const got = loads.filter((v): v is number => v !== null);
  return {
    mark: FIRST_FRAME_MARK,
    runsMs: loads,
    medianMs: got.length === loads.length && got.length ? median(got) : null,
    minMs: got.length ? Math.min(...got) : null,
  };
}

/** Builds and serves the app, then measures its size, first frame and playback. */
export async function measureApp(
  browser: Browser,
  opts: BenchOptions,
  log: (line: string) => void,
): Promise<AppResult> {
  log('bench: building the app (vite build, own folder)');
  const outDir = await buildApp();
  const js = initialJs(outDir);
  log(`[app] initial JS ${js.gzipKB} KB gzip in ${js.files.length} files (${js.lazyChunks} lazy)`);
  const server = await serveApp(outDir);
  try {
    const ff = await firstFrame(browser, server.url, opts.quick ? 1 : 5);
    log(`[app] first frame: ${ff.runsMs.join(', ')} ms (median ${ff.medianMs})`);
    const plan = opts.quick ? QUICK_PLAYBACK : FULL_PLAYBACK;
    const { viewport, runs } = await measurePlayback(browser, server.url, plan, log);
    return {
      initialJs: js,
      firstFrame: ff,
      playback: { plan, link: playbackHash(plan), viewport, runs },
    };
  } finally {
    await server.close();
  }
}
