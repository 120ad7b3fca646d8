/**
 * Dev-only harness for the compare view (not part of the app build): computes the three traces
 * in the browser (cpu backend) on the adding task, trains each cell a few real updates for a
 * genuine loss history, fills the compare store and renders <CompareView/>. "Train all three"
 * keeps training here (a simple loop, re-tracing every few updates).
 * Open http://127.0.0.1:5197/dev/compare.html?T=60&H=16&t=30&steps=30&scale=1
 * scale: Elman's recurrent scale (default 1); steps: updates before the first render;
 * error=<cell> / diverge=<cell> / pending=<cells,…>: show that column's error, divergence, or
 * leave their traces null (the "computing…" placeholder); hover=<t>: a hovered step (1-based).
 */
import type { CompareColumn } from '../src/config/compareColumn';
import { appendPoint } from '../src/engine/lossHistory';
import { CELL_KINDS } from '../src/engine/cellKinds';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import '../src/app/app.css';
import '../src/ui/controls.css';
import '../src/ui/panels.css';
import { recurrentSpectralRadii } from '../src/engine/linalg';
import { Rng } from '../src/engine/rng';
import { createTask } from '../src/engine/tasks/task';
import { runTrace } from '../src/engine/trace';
import { Trainer, isDivergence } from '../src/engine/train';
import type { CellKind, Model } from '../src/engine/types';
import { initModel } from '../src/engine/weights/init';
import { useCompare } from '../src/store/compare';
import { usePlayback } from '../src/store/playback';
import { useUi } from '../src/store/ui';
import { CompareView } from '../src/app/CompareView';

const params = new URLSearchParams(location.search);
const num = (k: string, d: number) => Number(params.get(k) ?? d);
const T = num('T', 60);
const H = num('H', 16);
const preSteps = num('steps', 30);
const task = createTask('adding', { length: T });
const seq = task.sample(new Rng(1));

const trainers = {} as Record<CellKind, Trainer>;

function freshModel(cell: CellKind): Model {
  const spec = { cell, inputSize: task.inputSize, hiddenSize: H, outputSize: task.outputSize };
  return initModel(spec, { seed: 1, recurrentScale: cell === 'elman' ? num('scale', 1) : 1 });
}

async function traceColumn(cell: CellKind, model: Model): Promise<Partial<CompareColumn>> {
  const t0 = performance.now();
  const trace = await runTrace(model, seq);
  return {
    spec: model.spec,
    trace,
    weights: model.weights,
    traceMs: performance.now() - t0,
    spectralRadii: recurrentSpectralRadii(model.spec, model.weights),
  };
}

function patch(cell: CellKind, p: Partial<CompareColumn>) {
  useCompare.setState((s) => ({ columns: { ...s.columns, [cell]: { ...s.columns[cell], ...p } } }));
}

/** One update of every cell; re-trace when asked. */
async function stepAll(retrace: boolean) {
  for (const cell of CELL_KINDS) {
    const tr = trainers[cell];
    if (tr.divergence) continue;
    const r = await tr.step();
    if (isDivergence(r)) {
      patch(cell, { divergence: r.reason });
      continue;
    }
    const col = useCompare.getState().columns[cell];
    patch(cell, { steps: r.step, history: appendPoint(col.history, r) });
    if (retrace) patch(cell, await traceColumn(cell, await tr.model()));
  }
}

async function reset() {
  for (const cell of CELL_KINDS) {
    trainers[cell]?.dispose();
    const model = freshModel(cell);
    trainers[cell] = new Trainer(model, task, { batchSize: 8 });
    patch(cell, { steps: 0, history: [], divergence: null, ...(await traceColumn(cell, model)) });
  }
}

let loop = 0;
useCompare.setState({
  actions: {
    trainAll() {
      const id = ++loop;
      useCompare.setState({ running: true });
      void (async () => {
        for (let k = 1; loop === id; k++) {
          await stepAll(k % 5 === 0);
          await new Promise((r) => setTimeout(r, 0));
        }
      })();
    },
    pauseAll() {
      loop++;
      useCompare.setState({ running: false });
    },
    resetAll() {
      loop++;
      useCompare.setState({ running: false });
      void reset();
    },
  },
});

async function main() {
  tf.env().set('PROD', true);
  await tf.setBackend('cpu');
  await tf.ready();
  useCompare.setState({ open: true, status: 'computing', task });
  usePlayback.getState().setLength(T);
  usePlayback.getState().seek(num('t', 30) - 1);
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <div className="app" style={{ paddingTop: 14 }}>
        <CompareView />
      </div>
    </StrictMode>,
  );
  await reset();
  for (let k = 1; k <= preSteps; k++) await stepAll(k === preSteps);
  const cell = (k: string) => params.get(k) as CellKind | null;
  if (cell('error')) patch(cell('error')!, { error: 'Could not compute this cell (harness).' });
  if (cell('diverge')) patch(cell('diverge')!, { divergence: 'the loss became NaN at step 31' });
  for (const c of params.get('pending')?.split(',') ?? []) patch(c as CellKind, { trace: null });
  if (params.get('hover')) useUi.getState().setHover({ t: num('hover', 1) - 1, unit: null });
  useCompare.setState({ status: 'ready' });
  document.body.dataset.ready = '1';
}

void main();
