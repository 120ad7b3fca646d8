/**
 * `npm run experiment -- adding [--steps N] [--hidden H] [--lengths 20,50,100] [--backend cpu|wasm]`
 * trains Elman, LSTM and GRU with the same hidden size, seed, optimizer and budget on the adding
 * problem at several sequence lengths, and writes the table to docs/experiments.md.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createTask } from '../src/engine/tasks/task';
import type { CellKind } from '../src/engine/types';
import { trainRun } from './lib/train-run';
import { useNodeBackend } from './node-backend';

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const DOC = 'docs/experiments.md';
const HEADER =
  '# Experiments\n\n## The adding problem (Hochreiter & Schmidhuber 1997)\n\n<!-- adding:begin -->\n<!-- adding:end -->\n';

/** Replaces the generated section between the markers, keeping everything written around it. */
function withSection(text: string, section: string): string {
  const begin = text.indexOf('<!-- adding:begin');
  const end = text.indexOf('<!-- adding:end -->');
  if (begin < 0 || end < 0) return `${text.trimEnd()}\n\n${section}\n`;
  return text.slice(0, begin) + section + text.slice(end + '<!-- adding:end -->'.length);
}

async function main() {
  const which = process.argv[2];
  if (which !== 'adding') {
    process.stderr.write(
      'experiment: only "adding" is defined; usage: npm run experiment -- adding [--steps N]\n',
    );
    process.exit(1);
  }
  const steps = Number(option('steps', '2000'));
  const hidden = Number(option('hidden', '32'));
  const lengths = option('lengths', '20,50,100').split(',').map(Number);
  const backend = option('backend', 'wasm') as 'cpu' | 'wasm';
  const train = { optimizer: 'adam' as const, learningRate: 0.01, batchSize: 32, clipNorm: 1 };
  await useNodeBackend(backend);
  const cells: CellKind[] = ['elman', 'lstm', 'gru'];
  const rows: string[] = [];
  const started = new Date().toISOString();
  for (const T of lengths) {
    const task = createTask('adding', { length: T });
    for (const cell of cells) {
      process.stderr.write(`adding T=${T} ${cell}: ${steps} steps\n`);
      const r = await trainRun({ cell, hiddenSize: hidden }, task, steps, train, {
        seed: 1,
        log: (m) => process.stderr.write(m + '\n'),
      });
      const ratio = r.testLoss / task.baseline.loss;
      rows.push(
        `| ${T} | ${cell} | ${r.testLoss.toFixed(4)} | ${ratio.toFixed(3)} | ${r.steps} | ${r.seconds.toFixed(0)} |${r.diverged ? ' diverged: ' + r.diverged : ''}`,
      );
      process.stderr.write(
        `  test MSE ${r.testLoss.toFixed(4)} (${ratio.toFixed(3)} × baseline) in ${r.seconds.toFixed(0)} s\n`,
      );
    }
  }
  const baseline = createTask('adding', { length: 20 }).baseline;
  const table = `<!-- adding:begin (written by npm run experiment; notes outside these markers are kept) -->

Command: \`npm run experiment -- adding --steps ${steps} --hidden ${hidden} --lengths ${lengths.join(',')} --backend ${backend}\`
(run ${started}, Node ${process.version}, TF.js ${backend} backend).

Every cell gets the same hidden size (${hidden}), seed (1), optimizer (Adam, learning rate ${train.learningRate},
batch ${train.batchSize}, gradient clipping at global norm ${train.clipNorm}) and budget (${steps} updates).
Test MSE is measured on one fixed set of 512 sequences per length. Baseline: ${baseline.how}
(MSE = ${baseline.loss.toFixed(4)}); a ratio near 1 means the network learned nothing beyond the mean.

| T | cell | test MSE | MSE / baseline | updates | seconds |
| --- | --- | --- | --- | --- | --- |
${rows.join('\n')}

<!-- adding:end -->`;
  writeFileSync(DOC, withSection(existsSync(DOC) ? readFileSync(DOC, 'utf8') : HEADER, table));
  const doc = table;
  process.stdout.write(doc);
}

main().catch((e: unknown) => {
  process.stderr.write(`experiment: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
