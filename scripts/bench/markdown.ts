/** The bench report as Markdown tables (for docs/performance.md): `npm run bench -- --md FILE`. */
import type { BenchReport } from './report';
import type { Verdict } from './targets';

const fmt = (v: number | null | undefined, digits = 1) =>
  v === undefined || v === null ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(digits);
/** "median (min)" */
const mm = (t: { medianMs: number; minMs: number }, digits = 1) =>
  `${fmt(t.medianMs, digits)} (${fmt(t.minMs, digits)})`;
const times = (v: number | undefined, digits = 2) =>
  v === undefined ? '–' : `${v.toFixed(digits)}×`;

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

function caseTables(report: BenchReport): string[] {
  const rows = report.results;
  const timesTable = table(
    [
      'where/backend',
      'case',
      'ours (a)',
      'ours, op-by-op',
      'tf.layers predict (b)',
      'tf.layers fwd+grad (c)',
      '(c) ÷ (a)',
      'ours ÷ f32 loop',
      'op-by-op ÷ ours',
      'ours first run',
      'n (a/b/c)',
    ],
    rows.map((r) => [
      `${r.where}/${r.backend}`,
      r.oursPath === 'fused' ? r.case : `${r.case} (no fused kernels)`,
      mm(r.timings.ours),
      mm(r.timings.oursOps),
      mm(r.timings.layersPredict),
      mm(r.timings.layersFwdGrad),
      times(r.ratios.speedupVsLayersFwdGrad),
      times(r.ratios.oursOverLoop32, 1),
      times(r.ratios.oursOpsOverOurs),
      fmt(r.timings.ours.firstMs, 0),
      `${r.timings.ours.n}/${r.timings.layersPredict.n}/${r.timings.layersFwdGrad.n}`,
    ]),
  );
  const plain = table(
    ['where', 'case', 'float32 loop (d)', 'float64 reference (d)', 'loop vs float64 (scaled)'],
    report.plain.map((p) => [
      p.where,
      p.case,
      mm(p.loop32, 2),
      mm(p.reference64),
      p.loop32ScaledErrVsRef64.toExponential(1),
    ]),
  );
  const kernels = table(
    [
      'where/backend',
      'case',
      'ours (a)',
      'ours, programs',
      'ours, op-by-op',
      'tf.layers predict (b)',
      'tf.layers fwd+grad (c)',
      'fused vs op-by-op (max Δ)',
    ],
    rows.map((r) => [
      `${r.where}/${r.backend}`,
      r.case,
      fmt(r.kernels.ours.perStep, 2),
      fmt(r.kernels.ours.programsPerStep, 2),
      fmt(r.kernels.oursOps.perStep),
      fmt(r.kernels.layersPredict.perStep),
      fmt(r.kernels.layersFwdGrad.perStep),
      r.sanity.oursVsOpsErr.toExponential(1),
    ]),
  );
  return [
    '### Median ms (min in brackets)',
    timesTable,
    '### Plain TypeScript baselines (median ms, min in brackets)',
    plain,
    '### Kernels per timestep (tf.profile records / T; programs: with the fused kernels’ inner programs)',
    kernels,
  ];
}

function trainingTable(report: BenchReport): string[] {
  if (!report.training.length) return [];
  return [
    '### Training throughput (updates per second; ms per update, median (min))',
    table(
      [
        'where/backend',
        'case',
        'ours',
        'ours, op-by-op',
        'tf.layers fit',
        'ours ÷ fit',
        'ours ÷ op-by-op',
        'ms: ours',
        'ms: op-by-op',
        'ms: fit',
      ],
      report.training.map((t) => [
        `${t.where}/${t.backend}`,
        t.case,
        fmt(t.timings.ours.stepsPerSec),
        fmt(t.timings.oursOps.stepsPerSec),
        fmt(t.timings.layersFit.stepsPerSec),
        times(t.ratios.oursOverLayersFit),
        times(t.ratios.oursOverOursOps),
        mm(t.timings.ours),
        mm(t.timings.oursOps),
        mm(t.timings.layersFit),
      ]),
    ),
  ];
}

function appTables(report: BenchReport): string[] {
  const app = report.app;
  if (!app) return [];
  const p = app.playback;
  const frames = table(
    [
      'speed',
      'frames',
      'median ms',
      'p95 ms',
      'max ms',
      'fps',
      'long frames',
      'commits / step',
      'commits without a step',
      'unchanged-view renders / step',
    ],
    p.runs.map((r) => [
      `${r.speed}×`,
      String(r.frames.frames),
      fmt(r.frames.medianMs),
      fmt(r.frames.p95Ms),
      fmt(r.frames.maxMs),
      fmt(r.frames.fps),
      String(r.frames.longFrames),
      fmt(r.react?.commitsPerStepFrame, 2),
      r.react ? String(r.react.commitsWithoutStep) : '–',
      r.react
        ? `${fmt(r.react.unchangedViewRendersPerStep, 2)}${r.react.unchangedViews.length ? ` (${r.react.unchangedViews.join(', ')})` : ''}`
        : '–',
    ]),
  );
  const ff = app.firstFrame;
  return [
    `### The app: size, first frame, playback (${p.plan.cell}, T = ${p.plan.T}, H = ${p.plan.H}, window ${p.viewport.width}×${p.viewport.height}, \`${p.link}\`)`,
    `Initial JS: ${app.initialJs.gzipKB} KB gzip -9 (${(app.initialJs.bytes / 1024).toFixed(0)} KB raw) in ${app.initialJs.files.length} files; ${app.initialJs.lazyChunks} chunks load later. ` +
      `First frame: median ${ff.medianMs ?? '–'} ms (runs: ${ff.runsMs.map((v) => v ?? 'no mark').join(', ')}).`,
    frames,
  ];
}

function verdictText(v: Verdict, digits = 2): string {
  if (v.value === null) return '–';
  const val = `${fmt(v.value, digits)}${v.from ? ` (${v.from})` : ''}`;
  return v.met === null ? `${val}, no target` : `${v.met ? 'met' : 'NOT met'}: ${val}`;
}

function targetTable(report: BenchReport): string[] {
  const t = report.summary.targets;
  const T = report.setup.targets;
  const rows: string[][] = [];
  const perBackend = (name: string, m: Record<string, Verdict>, target: (k: string) => string) => {
    for (const [k, v] of Object.entries(m)) rows.push([name, k, target(k), verdictText(v)]);
  };
  perBackend('(1) kernels/step, worst case', t.kernelsPerStep, () => `≤ ${T.maxKernelsPerStep}`);
  const kind = (k: string) => k.split('/')[1]!;
  perBackend('(2) tf.layers fwd+grad ÷ ours', t.speedupVsLayersFwdGrad, (k) =>
    T.speedupVsLayersFwdGrad[kind(k)] ? `≥ ${T.speedupVsLayersFwdGrad[kind(k)]}×` : '–',
  );
  perBackend('(2) ours ÷ float32 loop', t.oursOverLoop32, (k) =>
    T.maxOursOverLoop32[kind(k)] ? `≤ ${T.maxOursOverLoop32[kind(k)]}×` : '–',
  );
  rows.push([
    '(4) first frame, ms',
    'browser',
    `≤ ${T.maxFirstFrameMs}`,
    verdictText(t.firstFrameMs, 0),
  ]);
  rows.push([
    '(4) initial JS, KB gzip',
    'browser',
    `≤ ${T.maxInitialJsGzipKB}`,
    verdictText(t.initialJsGzipKB),
  ]);
  rows.push([
    '(5) playback p95, ms',
    'browser',
    `≤ ${T.maxPlaybackP95Ms}`,
    verdictText(t.playbackP95Ms),
  ]);
  rows.push([
    '(5) unchanged-view renders / step',
    'browser',
    `≤ ${T.maxUnchangedViewRendersPerStep}`,
    verdictText(t.unchangedViewRendersPerStep),
  ]);
  perBackend(
    '(6) training: ours ÷ tf.layers fit',
    t.trainingOverLayersFit,
    () => `≥ ${T.minTrainingOverLayersFit}×`,
  );
  return ['### Targets (issue #9)', table(['target', 'where/backend', 'goal', 'this run'], rows)];
}

export function toMarkdown(report: BenchReport): string {
  return [
    ...caseTables(report),
    ...trainingTable(report),
    ...appTables(report),
    ...targetTable(report),
    '',
  ].join('\n\n');
}
