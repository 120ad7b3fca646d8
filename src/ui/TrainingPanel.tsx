import type { OptimizerKind } from '../engine/train-config';
import { useTrace } from '../store/trace';
import { useTraining } from '../store/training';
import { LossChart } from '../views/training/LossChart';
import { NumberField } from './NumberField';

/** Train the shown network live: start/pause/step/reset, settings, the loss curve, divergence. */
export function TrainingPanel() {
  const tr = useTraining();
  const task = useTrace((s) => s.task);
  // Before the engine's first live trace (TF.js still starting) there is nothing to train.
  const engineUp = useTrace((s) => s.source === 'live');
  const notYet = engineUp ? undefined : 'Available once the engine has started';
  const running = tr.status === 'running';
  const last = tr.history[tr.history.length - 1];
  const locked = running || tr.steps > 0;
  return (
    <div className="training" data-testid="training">
      <div className="training-buttons">
        <button
          type="button"
          className="primary"
          disabled={!engineUp || tr.status === 'diverged'}
          title={notYet}
          onClick={running ? tr.actions.pause : tr.actions.start}
        >
          {running ? 'Pause training' : tr.steps > 0 ? 'Resume training' : 'Train'}
        </button>
        <button
          type="button"
          disabled={!engineUp || running || tr.status === 'diverged'}
          title={notYet}
          onClick={tr.actions.stepOnce}
        >
          One update
        </button>
        <button
          type="button"
          disabled={tr.steps === 0 && tr.status !== 'diverged'}
          onClick={tr.actions.reset}
        >
          Reset weights
        </button>
      </div>
      <div className="training-settings">
        <label className="field">
          <span>optimizer</span>
          <select
            value={tr.settings.optimizer}
            disabled={locked}
            aria-label="Optimizer"
            onChange={(e) => tr.setSettings({ optimizer: e.target.value as OptimizerKind })}
          >
            <option value="adam">Adam</option>
            <option value="sgd">SGD + momentum</option>
            <option value="rmsprop">RMSProp</option>
          </select>
        </label>
        <NumberField
          label="learning rate"
          value={tr.settings.learningRate}
          min={0.0001}
          max={10}
          step={0.0001}
          disabled={locked}
          onCommit={(v) => tr.setSettings({ learningRate: v })}
        />
        <NumberField
          label="batch"
          value={tr.settings.batchSize}
          min={1}
          max={256}
          step={1}
          disabled={locked}
          onCommit={(v) => tr.setSettings({ batchSize: v })}
        />
        <NumberField
          label="clip norm (0 = off)"
          value={tr.settings.clipNorm}
          min={0}
          max={100}
          step={0.1}
          disabled={locked}
          onCommit={(v) => tr.setSettings({ clipNorm: v })}
        />
      </div>
      {tr.divergence && (
        <div className="diverged" role="alert">
          <strong>Training diverged.</strong> {tr.divergence}.{' '}
          <button type="button" onClick={tr.actions.restoreLastGood}>
            Continue from the last good weights
          </button>
        </div>
      )}
      <LossChart
        history={tr.history}
        baseline={task?.baseline.loss ?? null}
        label="Training loss"
      />
      <p className="training-stats num">
        {last ? (
          <>
            update {tr.steps} · loss {last.loss.toPrecision(3)} · {task?.metric.name}{' '}
            {last.metric.toPrecision(3)} · {tr.stepsPerSec.toFixed(1)} updates/s
            {tr.runsOn && <span className="training-where"> · {tr.runsOn}</span>}
          </>
        ) : (
          <>
            Not trained yet. Baseline (memoryless best guess):{' '}
            {task ? task.baseline.loss.toPrecision(3) : '…'}
          </>
        )}
      </p>
    </div>
  );
}
