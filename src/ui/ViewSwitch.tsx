import { useCompare } from '../store/compare';

/** One cell in depth, or the three side by side on the same task and seed (key: c). */
export function ViewSwitch() {
  const open = useCompare((s) => s.open);
  const setOpen = useCompare((s) => s.setOpen);
  return (
    <div className="segmented view-switch" role="group" aria-label="View">
      <button type="button" aria-pressed={!open} onClick={() => setOpen(false)}>
        One cell in depth
      </button>
      <button type="button" aria-pressed={open} onClick={() => setOpen(true)} title="Compare (c)">
        Compare Elman · LSTM · GRU
      </button>
    </div>
  );
}
