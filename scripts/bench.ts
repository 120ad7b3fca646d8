/**
 * `npm run --silent bench [-- --quick] [--no-node] [--no-browser] [--backends node/cpu,...]
 *   [--only CASE,...] [--no-cases] [--no-training] [--no-app] [--app-only] [--out FILE]
 *   [--md FILE]`
 *   (`--silent` keeps npm's banner off stdout; --out also writes the JSON to FILE, --md writes
 *   its tables as Markdown)
 *
 * Times the engine's trace (forward + hand-written BPTT + one read-back; fused kernels and the
 * op-by-op path) against tf.layers (predict, and forward + autodiff gradients) and against plain
 * TypeScript loops, and the Trainer against tf.layers fit, in Node (cpu, wasm) and in headless
 * Chromium (webgl, cpu, wasm); then builds the app and measures its initial JS, first frame and
 * playback in Chromium. Prints ONE JSON object on stdout; progress goes to stderr. Every case
 * is sanity-checked (ours vs ops vs tf.layers vs float64) before it is timed; a failed check
 * exits 1. See docs/performance.md for how to read the output.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { format } from 'node:util';
import { type Browser, chromium } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './lib/chromium';
import { ROOT, buildBenchPage, loadNodeBench, runBenchPage, serveBenchPage } from './bench/harness';
import { toMarkdown } from './bench/markdown';
import { measureApp } from './bench/app';
import { buildReport } from './bench/report';
import type {
  AppResult,
  BackendName,
  BenchOptions,
  CaseResult,
  LensResult,
  PlainResult,
  TrainingResult,
} from './bench/types';

const ALL_BACKENDS = ['node/cpu', 'node/wasm', 'browser/webgl', 'browser/cpu', 'browser/wasm'];
const USAGE =
  'usage: npm run --silent bench [-- --quick] [--no-node] [--no-browser] ' +
  '[--backends node/cpu,browser/webgl,...] [--only CASE_ID[,CASE_ID...]] ' +
  '[--no-cases] [--no-training] [--no-app] [--app-only] [--out FILE] [--md FILE]';

// stdout carries exactly one JSON object: route every console line (TF.js notices included) to stderr.
for (const k of ['log', 'info', 'debug'] as const) {
  console[k] = (...a: unknown[]) => void process.stderr.write(format(...a) + '\n');
}
const log = (line: string) => void process.stderr.write(line + '\n');

function parseArgs(argv: string[]) {
  const out = {
    quick: false,
    backends: ALL_BACKENDS,
    only: undefined as string[] | undefined,
    out: undefined as string | undefined,
    md: undefined as string | undefined,
    cases: true,
    training: true,
    app: true,
  };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (a === '--quick') out.quick = true;
    else if (a === '--no-node') out.backends = out.backends.filter((b) => !b.startsWith('node/'));
    else if (a === '--no-browser')
      out.backends = out.backends.filter((b) => !b.startsWith('browser/'));
    else if (a === '--backends' && argv[k + 1]) out.backends = argv[++k]!.split(',');
    else if (a === '--only' && argv[k + 1]) out.only = argv[++k]!.split(',');
    else if (a.startsWith('--only=')) out.only = a.slice(7).split(',');
    else if (a === '--no-cases') out.cases = false;
    else if (a === '--no-training') out.training = false;
    else if (a === '--no-app') out.app = false;
    else if (a === '--app-only') out.backends = [];
    else if (a === '--out' && argv[k + 1]) out.out = argv[++k]!;
    else if (a === '--md' && argv[k + 1]) out.md = argv[++k]!;
    else throw new Error(`unknown argument "${a}"; ${USAGE}`);
  }
  const bad = out.backends.filter((b) => !ALL_BACKENDS.includes(b));
  if (bad.length) throw new Error(`unknown backend ${bad.join(', ')}; one of ${ALL_BACKENDS}`);
  return out;
}

function packageVersion(name: string): string {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

async function main() {
  const argv = process.argv.slice(2);
  const args = parseArgs(argv);
  const opts: BenchOptions = {
    quick: args.quick,
    only: args.only,
    cases: args.cases,
    training: args.training,
  };
  const started = performance.now();
  const results: CaseResult[] = [];
  const plain: PlainResult[] = [];
  const training: TrainingResult[] = [];
  const lens: LensResult[] = [];
  let app: AppResult | null = null;
  const skipped: string[] = [];
  const env: Record<string, unknown> = {
    date: new Date().toISOString(),
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cpuCount: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    // other work on the machine skews every number: the 1-minute load average, before and after
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
    tfjs: packageVersion('@tensorflow/tfjs-core'),
    vite: packageVersion('vite'),
  };

  const picked = (where: string) =>
    args.backends.filter((b) => b.startsWith(`${where}/`)).map((b) => b.split('/')[1]!);
  const nodeBackends = picked('node') as ('cpu' | 'wasm')[];
  const browserBackends = picked('browser') as BackendName[];

  if (nodeBackends.length) {
    log('bench: bundling the Node part (vite build --ssr)');
    const runNodeBench = await loadNodeBench();
    const r = await runNodeBench(opts, nodeBackends, log);
    results.push(...r.cases);
    plain.push(...r.plain);
    training.push(...r.training);
    lens.push(...r.lens);
  }

  // The app needs Chromium too: --no-browser leaves it out with the browser backends.
  const wantApp = args.app && !argv.includes('--no-browser');
  if (browserBackends.length || wantApp) {
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      headless: true,
      args: CHROMIUM_ARGS,
    });
    try {
      env.chromium = browser.version();
      env.chromiumArgs = CHROMIUM_ARGS;
      if (browserBackends.length) await runBrowserHalf(browser);
      if (wantApp) app = await measureApp(browser, opts, log);
    } finally {
      await browser.close();
    }
  }

  /** The bench page in Chromium: the per-case suite and training on each browser backend. */
  async function runBrowserHalf(browser: Browser) {
    log('bench: building the bench page (vite build bench/)');
    const server = await serveBenchPage(await buildBenchPage());
    try {
      const page = await browser.newPage();
      log(`bench: ${server.url} in Chromium ${browser.version()}`);
      const run = await runBenchPage(page, server.url, opts, browserBackends, log);
      await page.close();
      env.userAgent = run.userAgent;
      env.browserBackends = Object.fromEntries(
        run.suites.map((s) => [`browser/${s.backend}`, s.backendLabel]),
      );
      env.webglRenderer = run.suites.find((s) => s.backend === 'webgl')?.renderer;
      plain.push(...run.plain);
      for (const s of run.suites) results.push(...s.cases);
      for (const s of run.suites) lens.push(...s.lens);
      training.push(...run.training);
      skipped.push(...run.skipped);
    } finally {
      await server.close();
    }
  }

  env.benchSeconds = Math.round((performance.now() - started) / 100) / 10;
  env.loadAverageAtEnd = Math.round(os.loadavg()[0]! * 100) / 100;
  const report = buildReport({
    command: `npm run bench${argv.length ? ` -- ${argv.join(' ')}` : ''}`,
    quick: args.quick,
    env,
    results,
    plain,
    training,
    lens,
    app,
    skipped,
  });
  const text = JSON.stringify(report, null, 2) + '\n';
  if (args.out) {
    writeFileSync(args.out, text);
    log(`bench: wrote ${args.out}`);
  }
  if (args.md) {
    writeFileSync(args.md, toMarkdown(report));
    log(`bench: wrote ${args.md}`);
  }
  log(`bench: done in ${env.benchSeconds} s`);
  await new Promise<void>((resolve) => process.stdout.write(text, () => resolve()));
}

main().then(
  () => process.exit(0),
  (e: unknown) => {
    log(`bench: FAILED: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    process.exit(1);
  },
);
