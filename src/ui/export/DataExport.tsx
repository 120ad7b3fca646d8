/**
 * The "Export" menu: the whole trace (CSV in long format, or the engine's JSON) and the weights
 * the views show now (gatescope.weights/1, PyTorch or Keras layout; after training, the trained
 * ones), so a class can take the numbers to a notebook or back into PyTorch.
 */
import { traceToCsv, traceToJson } from '../../engine/io';
import { exportWeights } from '../../engine/weights/format';
import type { Layout } from '../../engine/weights/layout';
import { useConfig } from '../../store/config';
import { useTrace } from '../../store/trace';
import { downloadText } from './download';
import { traceFileName, weightsFileName } from './fileNames';
import { Menu } from './Menu';

function subject() {
  const trace = useTrace.getState().trace;
  return { cell: trace?.spec.cell ?? useConfig.getState().cell, task: useConfig.getState().task };
}

function saveCsv() {
  const { trace, fingerprint } = useTrace.getState();
  if (!trace) return;
  const c = useConfig.getState();
  const about = `task=${c.task} seed=${c.seed} weights #${fingerprint}`;
  downloadText(traceToCsv(trace, about), traceFileName(subject(), 'csv'), 'text/csv');
}

function saveJson() {
  const trace = useTrace.getState().trace;
  if (!trace) return;
  const json = JSON.stringify(traceToJson(trace, 'pytorch'));
  downloadText(json, traceFileName(subject(), 'json'), 'application/json');
}

function saveWeights(layout: Layout) {
  const { trace, weights } = useTrace.getState();
  if (!trace || !weights) return;
  const file = exportWeights({ spec: trace.spec, weights }, layout);
  downloadText(JSON.stringify(file), weightsFileName(subject(), layout), 'application/json');
}

export function DataExport() {
  const ready = useTrace((s) => s.trace !== null);
  return (
    <Menu
      className="data-export"
      label="Export"
      title="Download the trace or the weights"
      disabled={!ready}
      items={[
        {
          label: 'Trace as CSV (long format)',
          title: 'One row per step, quantity and unit: step, quantity, unit, value',
          onSelect: saveCsv,
        },
        {
          label: 'Trace as JSON',
          title:
            'The engine’s trace JSON (as printed by npm run trace), gradients in PyTorch layout',
          onSelect: saveJson,
        },
        {
          label: 'Weights (PyTorch layout)',
          title: 'gatescope.weights/1: weight_ih_l0, weight_hh_l0, … as nn.LSTM / nn.GRU / nn.RNN',
          onSelect: () => saveWeights('pytorch'),
        },
        {
          label: 'Weights (Keras layout)',
          title: 'gatescope.weights/1: kernel, recurrent_kernel, bias as keras.layers',
          onSelect: () => saveWeights('keras'),
        },
      ]}
    >
      Export <span aria-hidden="true">▾</span>
    </Menu>
  );
}
