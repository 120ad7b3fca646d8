/**
 * Headless trace: `npm run --silent trace -- --weights W.json --input X.json [--backend cpu|wasm]`
 * prints the trace of one sequence as JSON on stdout. Any problem: exit 1 and one line on stderr.
 */
import { readFileSync } from 'node:fs';
import { sequenceFromJson, traceToJson } from '../src/engine/io';
import { useNodeBackend } from './node-backend';
import { runTrace } from '../src/engine/trace';
import { parseWeightsText } from '../src/engine/weights/format';

const USAGE =
  'usage: npm run --silent trace -- --weights W.json --input X.json [--backend cpu|wasm]';

function fail(msg: string): never {
  process.stderr.write(`trace: ${msg.split('\n')[0]}\n`);
  process.exit(1);
}

function args(argv: string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (!a.startsWith('--') || k + 1 >= argv.length) fail(`unexpected argument "${a}"; ${USAGE}`);
    out[a.slice(2)] = argv[++k]!;
  }
  for (const key of Object.keys(out))
    if (!['weights', 'input', 'backend'].includes(key)) fail(`unknown option --${key}; ${USAGE}`);
  if (!out.weights || !out.input) fail(USAGE);
  return out;
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    fail(
      `cannot read ${what} file ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

async function main() {
  const a = args(process.argv.slice(2));
  const backend = a.backend ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'wasm')
    fail(`--backend must be cpu or wasm (got ${backend})`);
  const model = parseWeightsText(readText(a.weights!, 'weights'));
  let inputJson: unknown;
  try {
    inputJson = JSON.parse(readText(a.input!, 'input'));
  } catch (e) {
    fail(`input file is not valid JSON: ${(e as Error).message}`);
  }
  const seq = sequenceFromJson(inputJson, model.spec);
  await useNodeBackend(backend);
  const layout = (JSON.parse(readText(a.weights!, 'weights')) as { layout: 'pytorch' | 'keras' })
    .layout;
  const trace = await runTrace(model, seq);
  process.stdout.write(JSON.stringify(traceToJson(trace, layout)) + '\n');
}

main().catch((e: unknown) => fail(e instanceof Error ? e.message : String(e)));
