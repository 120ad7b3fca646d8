/** Opening a link sets the stores; its t waits for the first trace of the link's config. */
import { beforeEach, describe, expect, it } from 'vitest';
import type { Trace } from '../../../src/engine/trace';
import { useCompare } from '../../../src/store/compare';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { useConfig } from '../../../src/store/config';
import { usePlayback } from '../../../src/store/playback';
import { useTrace } from '../../../src/store/trace';
import { useUi } from '../../../src/store/ui';
import { parseHash, serializeState } from '../../../src/store/url/hash';
import { useLinkNotice } from '../../../src/store/url/notice';
import { applyState, resetPending, snapshot, watchPendingT } from '../../../src/store/url/stores';

const fakeTrace = (T: number) => ({ T }) as Trace;

beforeEach(() => {
  resetPending();
  useConfig.setState(DEFAULT_CONFIG);
  useTrace.setState({ trace: null });
  usePlayback.setState({ t: 0, T: 1 });
  useLinkNotice.getState().dismiss();
});

describe('link ⇄ stores', () => {
  it('applies a link to every store and reads the same link back', () => {
    const hash =
      'cell=gru&H=8&task=copy&p.gap=20&seed=7&view=compare&t=12&unit=3&gate=reset&tour=2&teacher=1&present=1&focus=heatmaps';
    applyState(parseHash(hash).state);
    expect(useConfig.getState()).toMatchObject({
      cell: 'gru',
      hiddenSize: 8,
      seed: 7,
      task: 'copy',
    });
    expect(useConfig.getState().taskParams).toEqual({ gap: 20 });
    expect(useCompare.getState().open).toBe(true);
    expect(useUi.getState()).toMatchObject({
      selection: { unit: 2, gate: 'reset' },
      tourStep: 1,
      teacher: 'captions',
      presenting: true,
      focusPanel: 'heatmaps',
    });
    // t is pending (no trace yet) but already part of the link.
    expect(usePlayback.getState().t).toBe(0);
    expect(serializeState(snapshot())).toBe(hash);
  });

  it('moves the cursor once the first trace arrives, and clamps to its length', () => {
    const stop = watchPendingT();
    applyState(parseHash('t=12').state);
    useTrace.setState({ trace: fakeTrace(50) });
    expect(usePlayback.getState()).toMatchObject({ t: 11, T: 50 });
    // Later traces (training, another config) leave the cursor to the user.
    usePlayback.getState().seek(30);
    useTrace.setState({ trace: fakeTrace(50) });
    expect(usePlayback.getState().t).toBe(30);

    applyState(parseHash('t=80&seed=9').state);
    useTrace.setState({ trace: fakeTrace(40) });
    expect(usePlayback.getState().t).toBe(39);
    expect(useLinkNotice.getState().issues.at(-1)?.reason).toBe(
      'the sequence has 40 steps: showing step 40',
    );
    stop();
  });

  it('seeks at once when the link keeps the config of the trace on screen', () => {
    useTrace.setState({ trace: fakeTrace(50) });
    usePlayback.setState({ T: 50 });
    applyState(parseHash('t=5').state);
    expect(usePlayback.getState().t).toBe(4);
  });

  it('replaces task params rather than merging them into the current ones', () => {
    useConfig.getState().set({ taskParams: { length: 300 } });
    applyState(parseHash('seed=3').state);
    expect(useConfig.getState().taskParams).toEqual({});
  });

  it('an embedded panel closes the compare view; embed=compare opens it', () => {
    applyState(parseHash('view=compare&embed=gradients').state);
    expect(useCompare.getState().open).toBe(false);
    applyState(parseHash('embed=compare').state);
    expect(useCompare.getState().open).toBe(true);
  });
});
