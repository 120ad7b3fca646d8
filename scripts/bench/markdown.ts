/** The bench report as Markdown tables (for docs/performance.md): `npm run bench -- --md FILE`. */
import type { BenchReport } from './report';

const fmt = (v: number | undefined, digits = 1) =>
  v === undefined ? '–' : v >= 100 ? v.toFixed(0) : v.toFixed(digits);
/** "median (min)" */
const mm = (t: { medianMs: number; minMs: number }, digits = 1) =>
  `${fmt(t.medianMs, digits)} (${fmt(t.minMs, digits)})`;

function table(head: string[], rows: string[][]): string {
  return [
    `| ${head.join(' | ')} |`,
    `|${head.map((_, i) => (i < 2 ? '---' : '---:')).join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

export function toMarkdown(report: BenchReport): string {
  const rows = report.results;
  const times = table(
    [
      'where/backend',
      'case',
      'ours (a)',
      'tf.layers predict (b)',
      'tf.layers fwd+grad (c)',
      'speed-up (c)/(a)',
      'ours ÷ f32 loop',
      'ours first run',
      'n (a/b/c)',
    ],
    rows.map((r) => [
      `${r.where}/${r.backend}`,
      r.case,
      mm(r.timings.ours),
      mm(r.timings.layersPredict),
      mm(r.timings.layersFwdGrad),
      `${r.ratios.speedupVsLayersFwdGrad.toFixed(2)}×`,
      r.ratios.oursOverLoop32 === undefined ? '–' : `${r.ratios.oursOverLoop32.toFixed(1)}×`,
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
      'ours, data-moving only',
      'tf.layers predict (b)',
      'tf.layers fwd+grad (c)',
    ],
    rows.map((r) => [
      `${r.where}/${r.backend}`,
      r.case,
      fmt(r.kernels.ours.perStep),
      fmt(r.kernels.ours.workPerStep),
      fmt(r.kernels.layersPredict.perStep),
      fmt(r.kernels.layersFwdGrad.perStep),
    ]),
  );
  const t = report.summary.targets;
  const targets = table(
    [
      'where/backend',
      '',
      `≥ ${report.setup.targets.speedupVsLayersFwdGrad}× vs tf.layers fwd+grad`,
      `≤ ${report.setup.targets.maxKernelsPerStep} kernels/step`,
    ],
    Object.keys(t.speedupVsLayersFwdGrad).map((k) => {
      const s = t.speedupVsLayersFwdGrad[k]!;
      const n = t.maxKernelsPerStep[k]!;
      return [
        k,
        '',
        `${s.met ? 'met' : 'NOT met'} (worst ${s.worst.toFixed(2)}×, ${s.worstCase})`,
        `${n.met ? 'met' : 'NOT met'} (worst ${n.worst.toFixed(1)}, ${n.worstCase})`,
      ];
    }),
  );
  return [
    '### Median ms (min in brackets)',
    times,
    '### Plain TypeScript baselines (median ms, min in brackets)',
    plain,
    '### Kernels per timestep (tf.profile records / T)',
    kernels,
    '### Targets',
    targets,
    '',
  ].join('\n\n');
}
