import { useEffect } from 'react';
import { useCompare } from '../store/compare';
import { usePlayback } from '../store/playback';

/** Playback from the keyboard: Space play/pause, ←/→ step, Home/End, [ and ] speed, c compare. */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      // Typing in a field or using a control's own keys wins.
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const p = usePlayback.getState();
      const actions: Record<string, () => void> = {
        ' ': p.toggle,
        ArrowRight: () => p.stepBy(1),
        ArrowLeft: () => p.stepBy(-1),
        Home: p.toStart,
        End: p.toEnd,
        '[': () => p.nudgeSpeed(-1),
        ']': () => p.nudgeSpeed(1),
        c: () => useCompare.getState().setOpen(!useCompare.getState().open),
      };
      const act = actions[e.key];
      if (!act) return;
      if (e.key === ' ' && target?.closest('button')) return; // Space on a focused button presses it
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
