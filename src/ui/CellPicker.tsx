const CELLS = ['Elman', 'LSTM', 'GRU'] as const;

const SETTINGS: ReadonlyArray<[label: string, value: string]> = [
  ['task', 'adding'],
  ['T', '20'],
  ['hidden', '8'],
  ['seed', '1'],
  ['weights', 'random'],
];

/**
 * The model picker row. A placeholder for now: it shows what will be chosen here
 * (cell kind, task, sizes, seed, weights) without changing anything yet.
 */
export function CellPicker() {
  return (
    <div className="picker" data-testid="cell-picker" aria-label="Model settings (coming next)">
      <div className="segmented" role="group" aria-label="Cell kind">
        {CELLS.map((cell) => (
          <button key={cell} type="button" disabled aria-pressed={cell === 'LSTM'}>
            {cell}
          </button>
        ))}
      </div>
      {SETTINGS.map(([label, value]) => (
        <span className="setting" key={label}>
          <span className="setting-label">{label}</span>
          <span className="setting-value num">{value}</span>
        </span>
      ))}
      <span className="picker-note">Model controls are coming next.</span>
    </div>
  );
}
