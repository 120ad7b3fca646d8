/**
 * Micro-steps joined to the stores: the ops of the current step and unit (views/micro), the op
 * the link and the keyboard name (ui.microOp), and the timer that plays the ops.
 */
import { useEffect, useMemo, useState } from 'react';
import { clampedGatesAt } from '../config/config';
import { MICRO_OP_IDS, microOpStep } from '../config/microOps';
import type { GateClamp } from '../engine/interventions';
import type { Trace } from '../engine/trace';
import { usePlayback } from '../store/playback';
import { useTrace } from '../store/trace';
import { useUi } from '../store/ui';
import { MicroStepCard } from '../views/micro/MicroStepCard';
import { microSteps, opIndex } from '../views/micro/microSteps';
import type { MicroOp } from '../views/micro/types';

/** ms per op at 1×: long enough to read the numbers aloud. */
const OP_MS = 1600;

export interface MicroOps {
  /** the ops of the current step and unit; null when not stepped in, or without the weights */
  ops: MicroOp[] | null;
  /** the op shown */
  index: number | null;
}

/**
 * The ops of (trace, t, unit) under `clamps` (clampsFor's), and the one shown. Computed once per
 * page render (app/Views.tsx) for the card, the diagram and the equations alike.
 */
export function useMicroOps(
  trace: Trace | null,
  t: number,
  unit: number,
  clamps: readonly GateClamp[],
): MicroOps {
  const weights = useTrace((s) => s.weights);
  const sequence = useTrace((s) => s.sequence);
  const microOp = useUi((s) => s.microOp);
  // A new array each render, the same clamps: the memo follows their text.
  const clampsKey = JSON.stringify(clamps);
  const inside = microOp !== null;
  const ops = useMemo(() => {
    if (!inside || !trace || !sequence || sequence.length !== trace.T) return null;
    const list = JSON.parse(clampsKey) as GateClamp[];
    const clampedAt = (s: number) => clampedGatesAt(list, s);
    return microSteps(trace, weights ?? undefined, { ...sequence, clampedAt }, t, unit);
  }, [inside, trace, weights, sequence, t, unit, clampsKey]);
  return { ops, index: ops && microOp !== null ? opIndex(ops, microOp) : null };
}

export function MicroSteps({
  trace,
  t,
  unit,
  micro: { ops, index },
}: {
  trace: Trace;
  t: number;
  unit: number;
  micro: MicroOps;
}) {
  const setOp = useUi((s) => s.setMicroOp);
  const microOp = useUi((s) => s.microOp);
  const cell = trace.spec.cell;
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const move = (by: 1 | -1) => setOp(microOpStep(cell, useUi.getState().microOp, by));
  // A link or a cell switch may name an op this cell does not have: show its first op.
  useEffect(() => {
    if (microOp !== null && !MICRO_OP_IDS[cell].includes(microOp)) setOp(MICRO_OP_IDS[cell][0]!);
  }, [microOp, cell, setOp]);
  const last = ops ? index === ops.length - 1 : true;
  // Playing: the next op after a pause; at the last op playing ends (from the timer, not here).
  useEffect(() => {
    if (!playing || microOp === null) return;
    const timer = setTimeout(() => (last ? setPlaying(false) : move(1)), OP_MS / speed);
    return () => clearTimeout(timer);
    // move reads the store when it runs
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [playing, microOp, speed, last]);
  if (microOp !== null && !ops) {
    return (
      <p className="gs-micro-card is-outside">
        The ops of a step need the model’s weights, which are not loaded yet.{' '}
        <button type="button" onClick={() => setOp(null)}>
          Step out
        </button>
      </p>
    );
  }
  return (
    <MicroStepCard
      ops={ops ?? []}
      index={index}
      t={t}
      unit={unit}
      playing={playing}
      speed={speed}
      onEnter={() => {
        usePlayback.getState().pause(); // the ops belong to this step: the timeline stops here
        setOp(MICRO_OP_IDS[cell][0]!);
      }}
      onMove={move}
      onExit={() => {
        setPlaying(false);
        setOp(null);
      }}
      onPlay={setPlaying}
      onSpeed={setSpeed}
    />
  );
}
