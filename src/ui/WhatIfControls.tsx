import { CLAMPABLE, type ClampableGate, KNOBS } from '../config/config';
import { useConfig } from '../store/config';
import { useTrace } from '../store/trace';
import { useTraining } from '../store/training';
import { NumberField } from './NumberField';

/**
 * What-if experiments: hold a gate constant over a range of steps and read the spectral radius of
 * W_hh (below 1 an Elman network's gradients vanish, above 1 they can explode). Every change
 * recomputes the trace once; the views carry a badge while an intervention is on.
 */
export function WhatIfControls() {
  const c = useConfig();
  const radii = useTrace((s) => s.spectralRadii);
  const rho = radii.length ? Math.max(...radii) : null;
  const clip = useTraining((s) => s.settings.clipNorm);
  const setSettings = useTraining((s) => s.setSettings);
  const training = useTraining((s) => s.status === 'running' || s.steps > 0);
  const applies = c.clampGate !== '' && CLAMPABLE[c.clampGate].cell === c.cell;
  return (
    <div className="picker whatif" data-testid="what-if">
      <span className="whatif-title">What if…</span>
      <label className="field">
        <span>clamp</span>
        <select
          value={c.clampGate}
          aria-label="Clamp a gate"
          onChange={(e) => c.set({ clampGate: e.target.value as ClampableGate | '' })}
        >
          <option value="">no gate</option>
          {(Object.keys(CLAMPABLE) as ClampableGate[]).map((g) => (
            <option key={g} value={g}>
              {CLAMPABLE[g].label}
            </option>
          ))}
        </select>
      </label>
      {c.clampGate && (
        <>
          <NumberField
            label="to"
            value={c.clampValue}
            {...KNOBS.clampValue}
            onCommit={(v) => c.set({ clampValue: v })}
            help="The constant the gate is held at (0 closed … 1 open)."
          />
          <NumberField
            label="from step"
            value={c.clampFrom}
            {...KNOBS.clampFrom}
            onCommit={(v) => c.set({ clampFrom: v })}
          />
          <NumberField
            label="to step (0 = end)"
            value={c.clampTo}
            {...KNOBS.clampTo}
            onCommit={(v) => c.set({ clampTo: v })}
          />
          {!applies && (
            <span className="muted">
              applies to the {CLAMPABLE[c.clampGate].cell.toUpperCase()} only
            </span>
          )}
        </>
      )}
      <label
        className="field"
        title="Clip the global gradient norm at 1 during training (off: raw gradients, which can explode)."
      >
        <input
          type="checkbox"
          checked={clip > 0}
          disabled={training}
          onChange={(e) => setSettings({ clipNorm: e.target.checked ? 1 : 0 })}
        />
        <span>clip gradients while training</span>
      </label>
      {rho !== null && (
        <span
          className="whatif-rho num"
          title="Spectral radius of the recurrent weights (largest over gate blocks): the gain of W_hh over many steps."
        >
          ρ(W<sub>hh</sub>) = {rho.toFixed(2)}
        </span>
      )}
    </div>
  );
}
