/**
 * `npm run precompute` writes public/precomputed/default-trace.bin: the trace of the view the
 * page opens with (no link: DEFAULT_CONFIG), computed here on the cpu backend, so the page can
 * draw it the moment the shell loads, before TF.js has downloaded and warmed up.
 * tests/unit/precomputed-trace.test.ts fails when the file no longer matches the engine or the
 * defaults: run this again then.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { runTrace } from '../src/engine/trace';
import { encodeTraceFile } from '../src/engine/trace-file';
import { weightsFingerprint } from '../src/engine/weights/fingerprint';
import {
  PRECOMPUTED_FILE,
  type PrecomputedAbout,
  precomputedConfig,
} from '../src/app/precomputedFile';
import { initModelFor, sequenceFor, taskFor } from '../src/config/inputs';
import { clampsFor } from '../src/config/config';
import { useNodeBackend } from './node-backend';

async function main() {
  await useNodeBackend('cpu');
  const config = precomputedConfig();
  const task = taskFor(config);
  const model = initModelFor(config, config.cell, task);
  const sequence = sequenceFor(config, task);
  const trace = await runTrace(model, sequence, {
    clamps: clampsFor(config, config.cell, sequence.length),
  });
  const about: PrecomputedAbout = { config, fingerprint: weightsFingerprint(model.weights) };
  const bytes = encodeTraceFile(trace, about);
  const out = `public/${PRECOMPUTED_FILE}`;
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bytes);
  process.stderr.write(
    `${out}: ${config.cell} T=${trace.T} H=${trace.H}, ${(bytes.length / 1024).toFixed(1)} KiB\n`,
  );
}

main().catch((e: unknown) => {
  process.stderr.write(`precompute-trace: ${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(1);
});
