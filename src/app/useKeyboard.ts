import { useEffect } from 'react';
import type { CellKind } from '../engine/types';
import { microOpStep } from '../config/microOps';
import { useCompare } from '../store/compare';
import { useConfig } from '../store/config';
import { usePlayback } from '../store/playback';
import { useTraining } from '../store/training';
import { useUi } from '../store/ui';
import { toggleFullscreen } from '../ui/fullscreen';

const setCell = (cell: CellKind) => () => useConfig.getState().set({ cell });

/** Train or pause: the three columns in the compare view, the shown network otherwise. */
function toggleTraining(): void {
  const cmp = useCompare.getState();
  if (cmp.open) {
    if (cmp.running) cmp.actions.pauseAll();
    else cmp.actions.trainAll();
    return;
  }
  const tr = useTraining.getState();
  if (tr.status === 'running') tr.actions.pause();
  else tr.actions.start();
}

/** The next (+1) or previous (−1) hidden unit, wrapping round: every view follows it. */
function stepUnit(by: 1 | -1): void {
  const H = useConfig.getState().hiddenSize;
  const ui = useUi.getState();
  ui.selectUnit((ui.selection.unit + by + H) % H);
}

/** ↓ steps into the current step's ops (pausing playback) or to the next op; ↑ back, then out. */
function stepOp(by: 1 | -1): void {
  const ui = useUi.getState();
  if (by > 0) usePlayback.getState().pause();
  ui.setMicroOp(microOpStep(useConfig.getState().cell, ui.microOp, by));
}

/**
 * The page from the keyboard (listed in the ? overlay, ui/HelpOverlay.tsx): Space play/pause,
 * ←/→ step, Home/End, [ and ] speed, 1/2/3 cell, c compare, t train, p presentation,
 * f fullscreen, u / Shift+U next / previous unit, ↓ / ↑ into the step's ops and back out,
 * ? shortcuts.
 */
export function useKeyboard(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement | null;
      // Typing in a field or using a control's own keys wins.
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      if (e.altKey || e.ctrlKey || e.metaKey) return;
      const ui = useUi.getState();
      // While the shortcut list is open only ? works here (Esc is the dialog's own).
      if (ui.helpOpen && e.key !== '?') return;
      const p = usePlayback.getState();
      const actions: Record<string, () => void> = {
        ' ': p.toggle,
        ArrowRight: () => p.stepBy(1),
        ArrowLeft: () => p.stepBy(-1),
        ArrowDown: () => stepOp(1),
        ArrowUp: () => stepOp(-1),
        Home: p.toStart,
        End: p.toEnd,
        '[': () => p.nudgeSpeed(-1),
        ']': () => p.nudgeSpeed(1),
        '1': setCell('elman'),
        '2': setCell('lstm'),
        '3': setCell('gru'),
        c: () => useCompare.getState().setOpen(!useCompare.getState().open),
        t: toggleTraining,
        p: () => ui.setPresenting(!ui.presenting),
        f: () => void toggleFullscreen(),
        '?': () => ui.setHelpOpen(!ui.helpOpen),
        // Shift, not the letter's case, means "previous": Caps Lock must not turn it round.
        u: () => stepUnit(e.shiftKey ? -1 : 1),
      };
      // Letters work with Caps Lock or Shift too.
      const act = actions[e.key.length === 1 ? e.key.toLowerCase() : e.key];
      if (!act) return;
      if (e.key === ' ' && target?.closest('button')) return; // Space on a focused button presses it
      e.preventDefault();
      act();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}
