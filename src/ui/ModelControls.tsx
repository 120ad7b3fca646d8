import { TASK_IDS, TASK_PARAMS, TASK_TITLES, type TaskId } from '../engine/tasks/task';
import { CELL_KINDS, CELLS } from '../engine/cellKinds';
import { KNOBS } from '../config/config';
import { useConfig } from '../store/config';
import { NumberField } from './NumberField';

/** The model row: cell kind and its variant, task and its parameters, sizes, seed, weights. */
export function ModelControls() {
  const c = useConfig();
  const taskParams = TASK_PARAMS[c.task];
  return (
    <div className="picker" data-testid="model-controls">
      <div className="segmented" role="group" aria-label="Cell kind">
        {CELL_KINDS.map((cell) => (
          <button
            key={cell}
            type="button"
            aria-pressed={c.cell === cell}
            onClick={() => c.set({ cell })}
          >
            {CELLS[cell].name}
          </button>
        ))}
      </div>
      {c.cell === 'gru' && (
        <label className="field">
          <span>reset gate</span>
          <select
            value={c.gruVariant}
            aria-label="GRU variant"
            onChange={(e) => c.set({ gruVariant: e.target.value as typeof c.gruVariant })}
          >
            <option value="reset-after">after W·h (PyTorch, Keras)</option>
            <option value="reset-before">before W·h (Cho 2014)</option>
          </select>
        </label>
      )}
      {c.cell === 'elman' && (
        <label className="field">
          <span>activation</span>
          <select
            value={c.activation}
            aria-label="Elman activation"
            onChange={(e) => c.set({ activation: e.target.value as typeof c.activation })}
          >
            <option value="tanh">tanh</option>
            <option value="relu">ReLU</option>
          </select>
        </label>
      )}
      <label className="field">
        <span>task</span>
        <select
          value={c.task}
          aria-label="Task"
          onChange={(e) => c.set({ task: e.target.value as TaskId })}
        >
          {TASK_IDS.map((id) => (
            <option key={id} value={id}>
              {TASK_TITLES[id]}
            </option>
          ))}
        </select>
      </label>
      {taskParams.map((p) => (
        <NumberField
          key={`${c.task}-${p.key}`}
          label={p.label}
          value={c.taskParams[p.key] ?? p.default}
          min={p.min}
          max={p.max}
          step={p.step}
          help={p.help}
          onCommit={(v) => c.set({ taskParams: { [p.key]: v } })}
        />
      ))}
      <NumberField
        label="hidden units"
        value={c.hiddenSize}
        {...KNOBS.hiddenSize}
        onCommit={(v) => c.set({ hiddenSize: v })}
        help="Number of hidden units H."
      />
      <NumberField
        label="seed"
        value={c.seed}
        {...KNOBS.seed}
        onCommit={(v) => c.set({ seed: v })}
        help="Seeds the weights and the sequence: the same seed shows the same picture."
      />
      <label className="field">
        <span>weights</span>
        <select
          value={c.weights}
          aria-label="Weights"
          onChange={(e) => c.set({ weights: e.target.value as typeof c.weights })}
        >
          <option value="random">random (seeded)</option>
          <option value="trained">trained checkpoint</option>
          {/* Only while imported weights are shown: the selector always says what is on screen. */}
          {c.weights === 'imported' && <option value="imported">imported from a file</option>}
        </select>
      </label>
      {c.weights === 'random' && (
        <NumberField
          label="W_hh scale"
          value={c.recurrentScale}
          {...KNOBS.recurrentScale}
          onCommit={(v) => c.set({ recurrentScale: v })}
          help="Spectral radius of the recurrent weights at init: below 1 gradients vanish, above 1 they can explode."
        />
      )}
      {c.weights === 'random' && c.cell === 'lstm' && (
        <NumberField
          label="forget bias"
          value={c.forgetBias}
          {...KNOBS.forgetBias}
          onCommit={(v) => c.set({ forgetBias: v })}
          help="Initial forget-gate bias: 1 keeps memory open at the start."
        />
      )}
    </div>
  );
}
