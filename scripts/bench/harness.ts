/**
 * Node-side plumbing of the bench: Vite builds of its two bundles, the preview server for the
 * bench page, and driving that page in Chromium. Nothing here loads TF.js into this process.
 */
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { build, preview } from 'vite';
import type { Log } from './suite';
import type { BackendName, BenchOptions, PlainResult, SuiteResult, TrainingResult } from './types';
import type { runNodeBench } from './node-entry';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/**
 * Build outputs, one folder per process so concurrent runs (a test beside a full bench) never
 * clobber each other; ignored by git, eslint and prettier with the rest of node_modules.
 */
export const CACHE_DIR = join(ROOT, 'node_modules/.cache/gatescope-bench');
export const outDirOf = (what: string) => join(CACHE_DIR, `${what}-${process.pid}`);

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/**
 * Bundles scripts/bench/node-entry.ts with every dependency inlined into one CommonJS file (so
 * the wasm backend's Emscripten glue finds `require`), loads it and deletes it.
 */
export async function loadNodeBench(): Promise<typeof runNodeBench> {
  const outDir = outDirOf('node');
  await build({
    configFile: false,
    root: ROOT,
    publicDir: false,
    logLevel: 'warn',
    ssr: { noExternal: true, target: 'node' },
    build: {
      ssr: join(ROOT, 'scripts/bench/node-entry.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      reportCompressedSize: false,
      rollupOptions: {
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  });
  try {
    const mod = createRequire(import.meta.url)(join(outDir, 'node-entry.cjs')) as {
      runNodeBench: typeof runNodeBench;
    };
    return mod.runNodeBench;
  } finally {
    removeDir(outDir);
  }
}

/**
 * Production build of a stand-alone page (its own Vite root, never part of the app's build) into
 * a fresh folder under CACHE_DIR. Returns the folder; servePreview's close() deletes it.
 */
export async function buildPage(
  root: string,
  name: string,
  opts: { minify?: boolean } = {},
): Promise<string> {
  const outDir = outDirOf(name);
  await build({
    configFile: false,
    root,
    base: './',
    publicDir: false,
    logLevel: 'warn',
    build: {
      outDir,
      emptyOutDir: true,
      minify: opts.minify ?? true,
      reportCompressedSize: false,
      chunkSizeWarningLimit: 8000,
    },
  });
  return outDir;
}

/** The bench page, bench/index.html. */
export const buildBenchPage = (): Promise<string> => buildPage(join(ROOT, 'bench'), 'web');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface Preview {
  url: string;
  close: () => Promise<void>;
}

/**
 * Serves a build folder with `vite preview` on 127.0.0.1 and a free port, under the given config
 * (the app's, for its CSP header) or none; close() stops the server and deletes the folder.
 */
export async function servePreview(
  outDir: string,
  site: { configFile: string | false; root: string },
): Promise<Preview> {
  const port = await freePort();
  const server = await preview({
    ...site,
    logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port, strictPort: true, open: false },
  });
  return {
    url: `http://127.0.0.1:${port}/`,
    close: async () => {
      await server.close();
      removeDir(outDir);
    },
  };
}

/** Serves a built bench page. */
export const serveBenchPage = (outDir: string): Promise<Preview> =>
  servePreview(outDir, { configFile: false, root: join(ROOT, 'bench') });

/** Known harmless Chromium console noise (see ../shared/BROWSER.md). */
const NOISE = [/GPU stall due to ReadPixels/];

export interface PageRun {
  plain: PlainResult[];
  suites: (SuiteResult & { backend: BackendName })[];
  training: TrainingResult[];
  skipped: string[];
  userAgent: string;
}

/**
 * Opens the bench page and runs the plain loops, then each backend in turn. A sanity-check
 * failure aborts the bench; a backend that cannot start is listed in `skipped`.
 */
export async function runBenchPage(
  page: Page,
  url: string,
  opts: BenchOptions,
  backends: BackendName[],
  log: Log,
): Promise<PageRun> {
  const errors: string[] = [];
  page.on('console', (m) => {
    if (!NOISE.some((re) => re.test(m.text()))) log(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url, { waitUntil: 'commit' });
  await page.waitForFunction(() => window.gatescopeBench !== undefined, null, { timeout: 60_000 });
  const userAgent = await page.evaluate(() => window.gatescopeBench!.userAgent());
  const plain = await page.evaluate((o) => window.gatescopeBench!.runPlain(o), opts);
  const suites: PageRun['suites'] = [];
  const training: TrainingResult[] = [];
  const skipped: string[] = [];
  for (const backend of backends) {
    try {
      const s = await page.evaluate(([b, o]) => window.gatescopeBench!.runBackend(b, o), [
        backend,
        opts,
      ] as const);
      suites.push({ ...s, backend });
      if (opts.training !== false) {
        const t = await page.evaluate(([b, o]) => window.gatescopeBench!.runTraining(b, o), [
          backend,
          opts,
        ] as const);
        training.push(t);
      }
    } catch (e) {
      const msg = e instanceof Error ? e.message : String(e);
      if (/sanity check failed/.test(msg)) throw e;
      log(`[browser/${backend}] SKIPPED: ${msg.split('\n')[0]}`);
      skipped.push(`browser/${backend}: ${msg.split('\n')[0]}`);
    }
  }
  if (errors.length) throw new Error(`bench page errors: ${errors.join('; ')}`);
  return { plain, suites, training, skipped, userAgent };
}
