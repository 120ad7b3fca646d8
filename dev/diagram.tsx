/**
 * Dev harness for the cell diagram and equation panel (not part of the build: vite builds
 * index.html only). Computes a trace in the browser for each cell (H = 8, T = 20, random
 * inputs) and lays the two views out as the app does (5fr | 7fr grid), so what you see here
 * is what the panel will look like. URL params pin the state for screenshots:
 *   ?cell=lstm|gru-after|gru-before|elman-tanh|elman-relu&t=5&unit=2&gate=forget&weights=0
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../src/app/app.css';
import '../src/ui/controls.css';
import { Rng } from '../src/engine/rng';
import { runTrace, type Trace } from '../src/engine/trace';
import type { Model, ModelSpec, Sequence } from '../src/engine/types';
import { initModel } from '../src/engine/weights/init';
import { CellDiagram, EquationPanel } from '../src/views/diagram';
import type { Hover, SelectableRow, Selection } from '../src/config/selection';

const CASES: Record<string, Pick<ModelSpec, 'cell' | 'gruVariant' | 'activation'>> = {
  lstm: { cell: 'lstm' },
  'gru-after': { cell: 'gru', gruVariant: 'reset-after' },
  'gru-before': { cell: 'gru', gruVariant: 'reset-before' },
  'elman-tanh': { cell: 'elman', activation: 'tanh' },
  'elman-relu': { cell: 'elman', activation: 'relu' },
};
const T = 20;
const H = 8;
const I = 3;

async function makeTrace(key: string): Promise<{ model: Model; trace: Trace }> {
  const spec: ModelSpec = { ...CASES[key]!, inputSize: I, hiddenSize: H, outputSize: 1 };
  const model = initModel(spec, { seed: 7, recurrentScale: 1.2 });
  const rng = new Rng(11);
  const seq: Sequence = {
    length: T,
    inputSize: I,
    inputs: new Float32Array(T * I).map(() => rng.uniform(-1.5, 1.5)),
    loss: 'mse',
    mask: new Uint8Array(T).fill(1),
    targets: new Float32Array(T),
  };
  return { model, trace: await runTrace(model, seq) };
}

const params = new URLSearchParams(location.search);

function Harness() {
  const [key, setKey] = useState(params.get('cell') ?? 'lstm');
  const [t, setT] = useState(Number(params.get('t') ?? 5));
  const [selection, setSelection] = useState<Selection>({
    unit: Number(params.get('unit') ?? 2),
    gate: params.get('gate') as SelectableRow | null, // a dev page: an unknown name selects nothing
  });
  const [useWeights, setUseWeights] = useState(params.get('weights') !== '0');
  const [hover, setHover] = useState<Hover>({ t: null, unit: null });
  const [run, setRun] = useState<{ key: string; model: Model; trace: Trace } | null>(null);

  useEffect(() => {
    let live = true;
    void makeTrace(key).then((r) => live && setRun({ key, ...r }));
    return () => {
      live = false;
    };
  }, [key]);

  const ready = run && run.key === key;
  useEffect(() => {
    if (ready) document.body.dataset.ready = '1';
  }, [ready]);

  const view = ready && {
    trace: run.trace,
    t,
    selection,
    hover,
    onHover: setHover,
    onSelectUnit: (unit: number) => setSelection((s) => ({ ...s, unit })),
    onSelectGate: (gate: SelectableRow | null) => setSelection((s) => ({ ...s, gate })),
    onSeek: setT,
    weights: useWeights ? run.model.weights : undefined,
  };

  return (
    <div className="app">
      <div className="picker">
        <div className="segmented" role="group" aria-label="cell">
          {Object.keys(CASES).map((k) => (
            <button key={k} aria-pressed={k === key} onClick={() => setKey(k)}>
              {k}
            </button>
          ))}
        </div>
        <label className="setting">
          <span className="setting-label">t</span>
          <input
            type="range"
            min={0}
            max={T - 1}
            value={t}
            onChange={(e) => setT(+e.target.value)}
          />
          <span className="num">{t + 1}</span>
        </label>
        <label className="setting">
          <span className="setting-label">unit</span>
          <input
            type="number"
            min={1}
            max={H}
            value={selection.unit + 1}
            onChange={(e) => setSelection((s) => ({ ...s, unit: +e.target.value - 1 }))}
          />
        </label>
        <label className="setting">
          <input
            type="checkbox"
            checked={useWeights}
            onChange={(e) => setUseWeights(e.target.checked)}
          />
          <span className="setting-label">weights</span>
        </label>
        <span className="picker-note">
          hover t: <span className="num">{hover.t === null ? '–' : hover.t + 1}</span>
        </span>
      </div>
      <main
        className="layout"
        style={{ gridTemplateAreas: "'diagram heatmaps' 'equations heatmaps'" }}
      >
        <section className="panel" style={{ gridArea: 'diagram' }}>
          <header className="panel-head">
            <h2>Cell diagram</h2>
          </header>
          {view ? <CellDiagram {...view} /> : <p>computing trace…</p>}
        </section>
        <section className="panel" style={{ gridArea: 'equations' }}>
          <header className="panel-head">
            <h2>Equations</h2>
          </header>
          {view ? <EquationPanel {...view} /> : null}
        </section>
        <section className="panel" style={{ gridArea: 'heatmaps' }}>
          <div className="panel-placeholder">other panels</div>
        </section>
      </main>
    </div>
  );
}

void (async () => {
  await tf.setBackend('cpu');
  await tf.ready();
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Harness />
    </StrictMode>,
  );
})();
