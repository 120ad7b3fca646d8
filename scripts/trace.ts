/**
 * Headless trace: `npm run --silent trace -- --weights W.json --input X.json [--backend cpu|wasm]
 * [--jacobian]` prints the trace of one sequence as JSON on stdout; `--jacobian` adds the
 * Jacobian lens (`jacobian.norm`, `jacobian.stepSingularValues`, issue #18). A file with parts the trace would not use
 * (unknown fields, extra tensors, even harmless ones): exit 2 and one line on stderr naming them.
 * Any other problem: exit 1 and one line. A reader that stops early (`| head`) ends it quietly.
 */
import { readFileSync } from 'node:fs';
import { jacobianToJson, sequenceFromJson, traceToJson } from '../src/engine/io';
import { useNodeBackend } from './node-backend';
import { runTrace } from '../src/engine/trace';
import { jacobianLens } from '../src/engine/jacobian/lens';
import { UnusedPartsError, type UnusedPart, allUsed } from '../src/engine/unused';
import { parseWeightsText } from '../src/engine/weights/format';

const USAGE =
  'usage: npm run --silent trace -- --weights W.json --input X.json [--backend cpu|wasm] [--jacobian]';
/** Options that take a value, and flags that stand alone. */
const VALUE_OPTIONS = ['weights', 'input', 'backend'];
const FLAGS = ['jacobian'];
/** The exit status for "the input has parts it does not use" (issue 22). */
const EXIT_UNUSED = 2;

function fail(msg: string, status = 1): never {
  process.stderr.write(`trace: ${msg.split('\n')[0]}\n`);
  process.exit(status);
}

function args(argv: string[]): { values: Record<string, string>; flags: Set<string> } {
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k]!;
    if (!a.startsWith('--')) fail(`unexpected argument "${a}"; ${USAGE}`);
    const key = a.slice(2);
    if (FLAGS.includes(key)) flags.add(key);
    else if (!VALUE_OPTIONS.includes(key)) fail(`unknown option --${key}; ${USAGE}`);
    else if (k + 1 >= argv.length) fail(`--${key} needs a value; ${USAGE}`);
    else values[key] = argv[++k]!;
  }
  if (!values.weights || !values.input) fail(USAGE);
  return { values, flags };
}

function readText(path: string, what: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    fail(
      `cannot read ${what} ${path}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`,
    );
  }
}

/** Runs a reader; a refused part, or any part it skipped, ends the CLI with EXIT_UNUSED. */
function used<R extends { skipped: readonly UnusedPart[] }>(what: string, read: () => R): R {
  let result: R;
  try {
    result = read();
  } catch (e) {
    if (e instanceof UnusedPartsError) fail(`${what}: ${e.message}`, EXIT_UNUSED);
    throw e;
  }
  try {
    return allUsed(result, what);
  } catch (e) {
    fail((e as Error).message, EXIT_UNUSED);
  }
}

async function main() {
  // When the reader of a pipe stops (`| head`), what was written is all it wanted: exit quietly.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    fail(`cannot write the trace: ${e.code ?? e.message}`);
  });
  const { values: a, flags } = args(process.argv.slice(2));
  const backend = a.backend ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'wasm')
    fail(`--backend must be cpu or wasm (got ${backend})`);
  const weightsText = readText(a.weights!, 'weights file');
  const { model, layout } = used('weights file', () => parseWeightsText(weightsText));
  let inputJson: unknown;
  try {
    inputJson = JSON.parse(readText(a.input!, 'input file'));
  } catch (e) {
    fail(`input file is not valid JSON: ${(e as Error).message}`);
  }
  const { sequence } = used('input file', () => sequenceFromJson(inputJson, model.spec));
  await useNodeBackend(backend);
  const trace = await runTrace(model, sequence);
  const json = traceToJson(trace, layout);
  const out = flags.has('jacobian')
    ? { ...json, jacobian: jacobianToJson(jacobianLens(model, sequence)) }
    : json;
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e: unknown) =>
  fail(e instanceof Error ? e.message : String(e), e instanceof UnusedPartsError ? EXIT_UNUSED : 1),
);
