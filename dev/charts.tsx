/**
 * Dev-only harness for the three charts (not part of the app build): computes a trace in the
 * browser and renders the charts with local t / hover / selection state, laid out like the
 * app's right-hand column so screenshots show them at their real size.
 * Open http://127.0.0.1:5199/dev/charts.html?cell=lstm&T=60&H=16&t=30
 * cell: lstm | gru | elman | elman-relu; scale: recurrent scale (default 1, elman 0.5).
 */
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import '../src/app/app.css';
import '../src/ui/controls.css';
import { Rng } from '../src/engine/rng';
import { type Trace, runTrace } from '../src/engine/trace';
import type { ModelSpec, Sequence } from '../src/engine/types';
import { initModel } from '../src/engine/weights/init';
import { GateHeatmaps } from '../src/views/charts/GateHeatmaps';
import { GradientFlow } from '../src/views/charts/GradientFlow';
import { StateTraces } from '../src/views/charts/StateTraces';
import type { Hover, SelectableRow, Selection } from '../src/config/selection';
import type { ViewProps } from '../src/views/types';

const params = new URLSearchParams(location.search);
const CELLS = ['lstm', 'gru', 'elman', 'elman-relu'] as const;
type CellChoice = (typeof CELLS)[number];

/** A random sequence with a target only at the last step, so gradients must travel back. */
function randomSequence(T: number, I: number, seed: number): Sequence {
  const rng = new Rng(seed);
  const inputs = new Float32Array(T * I).map(() => rng.normal());
  const mask = new Uint8Array(T);
  mask[T - 1] = 1;
  const targets = new Float32Array(T);
  targets[T - 1] = 1;
  return { length: T, inputSize: I, inputs, loss: 'mse', mask, targets };
}

async function makeTrace(choice: CellChoice, T: number, H: number): Promise<Trace> {
  const elman = choice.startsWith('elman');
  const spec: ModelSpec = {
    cell: elman ? 'elman' : (choice as 'lstm' | 'gru'),
    inputSize: 3,
    hiddenSize: H,
    outputSize: 1,
    activation: choice === 'elman-relu' ? 'relu' : undefined,
  };
  const scale = Number(params.get('scale') ?? (elman ? 0.5 : 1));
  const model = initModel(spec, { seed: 7, recurrentScale: scale });
  return runTrace(model, randomSequence(T, 3, 11));
}

function Harness() {
  const [cell, setCell] = useState<CellChoice>(
    (CELLS as readonly string[]).includes(params.get('cell') ?? '')
      ? (params.get('cell') as CellChoice)
      : 'lstm',
  );
  const T = Number(params.get('T') ?? 60);
  const H = Number(params.get('H') ?? 16);
  const [trace, setTrace] = useState<Trace | null>(null);
  const [t, setT] = useState(Number(params.get('t') ?? 30));
  const [hover, setHover] = useState<Hover>({ t: null, unit: null });
  const [selection, setSelection] = useState<Selection>({
    unit: Number(params.get('unit') ?? 2),
    gate: params.get('gate') as SelectableRow | null, // a dev page: an unknown name selects nothing
  });
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    let live = true;
    void makeTrace(cell, T, H).then((tr) => {
      if (!live) return;
      setTrace(tr);
      document.body.dataset.ready = '1';
    });
    return () => {
      live = false;
    };
  }, [cell, T, H]);

  useEffect(() => {
    if (!playing) return;
    let raf = 0;
    const tick = () => {
      setT((v) => (v + 1) % T);
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(raf);
  }, [playing, T]);

  if (!trace) return <p style={{ padding: 24 }}>Computing a trace…</p>;
  const view: ViewProps = {
    trace,
    t,
    selection,
    hover,
    onHover: setHover,
    onSelectUnit: (unit) => setSelection((s) => ({ ...s, unit })),
    onSelectGate: (gate) => setSelection((s) => ({ ...s, gate })),
    onSeek: setT,
  };
  return (
    <div className="app" style={{ paddingTop: 14 }}>
      <div className="picker">
        <strong>Charts harness</strong>
        <span className="segmented">
          {CELLS.map((c) => (
            <button key={c} type="button" aria-pressed={c === cell} onClick={() => setCell(c)}>
              {c}
            </button>
          ))}
        </span>
        <button type="button" onClick={() => setPlaying((p) => !p)}>
          {playing ? 'pause' : 'play'}
        </button>
        <label className="setting">
          <span className="setting-label">t</span>
          <input
            type="range"
            min={0}
            max={T - 1}
            value={t}
            onChange={(e) => setT(Number(e.target.value))}
          />
          <span className="num">
            {t + 1} / {T}
          </span>
        </label>
        <span className="picker-note num">
          unit {selection.unit + 1} · gate {selection.gate ?? '—'} · hover{' '}
          {hover.t === null ? '—' : hover.t + 1}/{hover.unit === null ? '—' : hover.unit + 1}
        </span>
      </div>
      <main className="layout">
        <section className="panel" style={{ gridArea: 'diagram' }}>
          <div className="panel-placeholder">cell diagram (another helper)</div>
        </section>
        <section className="panel" style={{ gridArea: 'heatmaps' }}>
          <header className="panel-head">
            <h2>Gate heatmaps</h2>
          </header>
          <GateHeatmaps {...view} />
        </section>
        <section className="panel" style={{ gridArea: 'traces' }}>
          <header className="panel-head">
            <h2>State traces</h2>
          </header>
          <StateTraces {...view} />
        </section>
        <section className="panel" style={{ gridArea: 'gradients' }}>
          <header className="panel-head">
            <h2>Gradient flow</h2>
          </header>
          <GradientFlow {...view} />
        </section>
        <section className="panel" style={{ gridArea: 'equations' }}>
          <div className="panel-placeholder">equations (another helper)</div>
        </section>
      </main>
    </div>
  );
}

void tf.setBackend('cpu').then(() => {
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <Harness />
    </StrictMode>,
  );
});
