import { useEffect } from 'react';
import { useBackendStore } from '../store/backend';
import { CellPicker } from '../ui/CellPicker';
import { Header } from '../ui/Header';
import { Panel } from '../ui/Panel';
import { CELL_GATES, GATE_COLORS } from '../views/palette';
import { readBackendRequest } from './params';

/** The gate legend used by the heatmaps: one fixed hue per gate. */
function GateLegend() {
  return (
    <ul className="legend" aria-label="LSTM gate colours">
      {CELL_GATES.lstm.map((gate) => (
        <li key={gate}>
          <span className="swatch" style={{ background: GATE_COLORS[gate] }} />
          {gate}
        </li>
      ))}
    </ul>
  );
}

export function App() {
  const start = useBackendStore((s) => s.start);
  const status = useBackendStore((s) => s.status);
  const backend = useBackendStore((s) => s.info?.name);

  useEffect(() => {
    void start(readBackendRequest(window.location.search, window.location.hash));
  }, [start]);

  // A signal for tests and scripts: the page is usable once TF.js has a backend.
  useEffect(() => {
    const { dataset } = document.body;
    if (status === 'starting') return;
    dataset.ready = status === 'ready' ? '1' : 'failed';
    if (backend) dataset.backend = backend;
  }, [status, backend]);

  return (
    <div className="app">
      <Header />
      <CellPicker />
      <main className="layout">
        <Panel
          area="diagram"
          title="Cell diagram"
          caption={
            <>
              The cell at step <var>t</var>: inputs, gates and states, with the values flowing
              through them.
            </>
          }
          upcoming="The wiring of the chosen cell, drawn live for the current step."
        />
        <Panel
          area="heatmaps"
          title="Gate heatmaps"
          caption="Every gate as units × time, the current step marked by a thin rule."
          upcoming="Gate activations for the whole sequence at a glance."
        >
          <GateLegend />
        </Panel>
        <Panel
          area="traces"
          title="State traces"
          caption={
            <>
              Hidden state <var>h</var>
              <sub>t</sub> and cell state <var>c</var>
              <sub>t</sub> of the selected units over time.
            </>
          }
          upcoming="Lines for the units you pick, in any view."
        />
        <Panel
          area="gradients"
          title="Gradient flow"
          caption={
            <>
              How ‖∂L/∂<var>h</var>
              <sub>t</sub>‖ shrinks or grows going back in time, on a log scale.
            </>
          }
          upcoming="Where gradients vanish, where they explode, and where memory carries them."
        />
        <Panel
          area="equations"
          title="Equations"
          caption="The cell's update rules with this step's numbers filled in."
          upcoming={
            <span className="math">
              <var style={{ color: GATE_COLORS.forget }}>f</var>
              <sub>t</sub> = σ(<var>W</var>
              <sub>f</sub> [<var>h</var>
              <sub>t−1</sub>, <var>x</var>
              <sub>t</sub>] + <var>b</var>
              <sub>f</sub>)
            </span>
          }
        />
        <Panel
          area="strip"
          title="Input / Output strip"
          caption={
            <>
              Inputs <var>x</var>
              <sub>t</sub>, targets and predictions at every step, with the timeline to step, play
              and scrub.
            </>
          }
          upcoming="The sequence, step by step, and the controls to walk through it."
        />
      </main>
    </div>
  );
}
