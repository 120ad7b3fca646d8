/**
 * The session (src/app/session/) against the races the page meets, staged step by step with
 * real traces held at a gate and a training worker played through a fake port (sessionKit.ts).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { initModel } from '../../../src/engine/weights/init';
import { weightsFingerprint } from '../../../src/engine/weights/fingerprint';
import type { Session } from '../../../src/app/session/session';
import { exclusiveBackendWork, useBackendStore } from '../../../src/store/backend';
import { useCompare } from '../../../src/store/compare';
import { useConfig } from '../../../src/store/config';
import { useTrace } from '../../../src/store/trace';
import { useTraining } from '../../../src/store/training';
import { info, sessionKit } from './sessionKit';

let running: Session | null = null;
afterEach(() => {
  running?.stop();
  running = null;
});

async function started() {
  const kit = await sessionKit();
  running = kit.session;
  kit.session.start();
  await kit.settle();
  return kit;
}

const point = (step: number) => ({ step, loss: 1 / step, metric: 0 });

describe('session: the single view', () => {
  it('shows the first trace of the configured cell', async () => {
    const kit = await started();
    const s = useTrace.getState();
    expect(s.status).toBe('ready');
    expect(s.trace?.spec.cell).toBe('lstm');
    expect(s.trace?.H).toBe(4);
    expect(kit.ran.map((r) => r.lane)).toEqual(['view']);
  });

  it('switching the cell mid-trace drops the stale trace and shows the new cell', async () => {
    const kit = await started();
    useConfig.getState().set({ hiddenSize: 6 }); // an LSTM trace starts and is held
    const [lstm] = await kit.heldCount(1);
    useConfig.getState().set({ cell: 'gru' }); // …and the cell changes before it finishes
    lstm!.release();
    await new Promise((r) => setTimeout(r, 50));
    // The LSTM H = 6 trace finished but was never shown: the store still has the H = 4 one.
    expect(kit.ran.at(-1)).toMatchObject({ cell: 'lstm' });
    expect(useTrace.getState().trace?.H).toBe(4);
    await kit.settle();
    expect(useTrace.getState().trace?.spec.cell).toBe('gru');
    expect(useTrace.getState().trace?.H).toBe(6);
  });

  it('a backend switch waits for the trace in flight, then everything is retraced on the new backend', async () => {
    const kit = await started();
    useConfig.getState().set({ seed: 2 });
    const [trace] = await kit.heldCount(1);
    const order: string[] = [];
    const switched = exclusiveBackendWork(async () => {
      order.push('switch');
      useBackendStore.setState({ info: info('wasm') });
    });
    await new Promise((r) => setTimeout(r, 20));
    expect(order).toEqual([]); // the switch is held back by the running trace
    trace!.release();
    await switched;
    expect(kit.ran.at(-1)).toEqual({ lane: 'view', cell: 'lstm', backend: 'cpu' });
    await kit.settle();
    // The backend change retraced the view on the new backend.
    expect(kit.ran.at(-1)).toEqual({ lane: 'view', cell: 'lstm', backend: 'wasm' });
    expect(useTrace.getState().status).toBe('ready');
  });

  it('training, then switching the cell: the trainer is dropped and its late messages are ignored', async () => {
    const kit = await started();
    useTraining.getState().actions.start();
    await new Promise((r) => setTimeout(r, 0));
    const [start] = kit.sent('start');
    expect(start?.model.spec.cell).toBe('lstm');
    expect(kit.sent('run')).toEqual([{ type: 'run', ids: [start!.id] }]);
    const id = start!.id;
    kit.port.reply({
      type: 'report',
      items: [{ id, points: [point(1)], steps: 1, stepsPerSec: 5 }],
    });
    expect(useTraining.getState().history).toHaveLength(1);

    useConfig.getState().set({ cell: 'elman' });
    await new Promise((r) => setTimeout(r, 0));
    expect(kit.sent('drop')).toEqual([{ type: 'drop', id }]);
    expect(useTraining.getState()).toMatchObject({ status: 'idle', steps: 0, history: [] });
    // A report and weights already in flight from the dropped trainer change nothing.
    kit.port.reply({
      type: 'report',
      items: [{ id, points: [point(2)], steps: 2, stepsPerSec: 5 }],
    });
    const stale = initModel(
      { cell: 'lstm', inputSize: 2, hiddenSize: 4, outputSize: 1 },
      { seed: 9 },
    );
    kit.port.reply({
      type: 'weights',
      items: [{ id, model: stale, steps: 2, spectralRadii: [1] }],
    });
    await kit.settle();
    expect(useTraining.getState().history).toEqual([]);
    expect(useTrace.getState().trace?.spec.cell).toBe('elman');
    expect(kit.ran.filter((r) => r.cell === 'lstm')).toHaveLength(1); // only the first trace
  });

  it('weights from the live trainer are retraced, several in one task coalesce into one trace', async () => {
    const kit = await started();
    useTraining.getState().actions.start();
    await new Promise((r) => setTimeout(r, 0));
    const id = kit.sent('start')[0]!.id;
    const trained = initModel(
      { cell: 'lstm', inputSize: 2, hiddenSize: 4, outputSize: 1 },
      { seed: 5 },
    );
    const before = kit.ran.length;
    for (let k = 0; k < 3; k++)
      kit.port.reply({
        type: 'weights',
        items: [{ id, model: trained, steps: k, spectralRadii: [0.5] }],
      });
    await kit.settle();
    expect(kit.ran.length).toBe(before + 1);
    expect(useTrace.getState().fingerprint).toBe(weightsFingerprint(trained.weights));
    expect(useTrace.getState().spectralRadii).toEqual([0.5]); // the worker's, not recomputed
  });

  it('an import during training drops the trainer, shows the file and keeps it on Reset', async () => {
    const kit = await started();
    useTraining.getState().actions.start();
    await new Promise((r) => setTimeout(r, 0));
    const id = kit.sent('start')[0]!.id;
    kit.port.reply({
      type: 'report',
      items: [{ id, points: [point(1)], steps: 1, stepsPerSec: 5 }],
    });
    const file = initModel(
      { cell: 'gru', inputSize: 2, hiddenSize: 8, outputSize: 1 },
      { seed: 42 },
    );
    useTrace.getState().adopt!(
      file,
      { cell: 'gru', hiddenSize: 8 },
      'Imported weights from w.json',
    );
    expect(kit.sent('drop')).toEqual([{ type: 'drop', id }]);
    expect(useTraining.getState()).toMatchObject({ status: 'idle', history: [] });
    const late = initModel(
      { cell: 'lstm', inputSize: 2, hiddenSize: 4, outputSize: 1 },
      { seed: 3 },
    );
    kit.port.reply({ type: 'weights', items: [{ id, model: late, steps: 2, spectralRadii: [1] }] });
    await kit.settle();
    const fingerprint = weightsFingerprint(file.weights);
    expect(useTrace.getState()).toMatchObject({
      fingerprint,
      note: 'Imported weights from w.json',
    });
    expect(useConfig.getState()).toMatchObject({ cell: 'gru', hiddenSize: 8 });
    useTraining.getState().actions.reset();
    await kit.settle();
    expect(useTrace.getState().fingerprint).toBe(fingerprint); // Reset returns to the file
    useConfig.getState().set({ seed: 7 }); // a setting that decides the weights: seeded init again
    await kit.settle();
    expect(useTrace.getState().fingerprint).not.toBe(fingerprint);
    expect(useTrace.getState().note).toBeNull();
  });

  it('an import with the shape already shown still retraces (no config change fires)', async () => {
    const kit = await started();
    const file = initModel(
      { cell: 'lstm', inputSize: 2, hiddenSize: 4, outputSize: 1 },
      { seed: 77 },
    );
    useTrace.getState().adopt!(
      file,
      { cell: 'lstm', hiddenSize: 4 },
      'Imported weights from same.json',
    );
    await kit.settle();
    expect(useTrace.getState().fingerprint).toBe(weightsFingerprint(file.weights));
  });

  it('a divergence stops training until the last good weights are restored', async () => {
    const kit = await started();
    useTraining.getState().actions.start();
    await new Promise((r) => setTimeout(r, 0));
    const id = kit.sent('start')[0]!.id;
    const good = initModel(
      { cell: 'lstm', inputSize: 2, hiddenSize: 4, outputSize: 1 },
      { seed: 11 },
    );
    kit.port.reply({ type: 'diverged', id, reason: 'loss is NaN', steps: 30, model: good });
    await kit.settle();
    expect(useTraining.getState()).toMatchObject({ status: 'diverged', divergence: 'loss is NaN' });
    expect(useTrace.getState().fingerprint).toBe(weightsFingerprint(good.weights));
    const starts = kit.sent('start').length;
    useTraining.getState().actions.start();
    await new Promise((r) => setTimeout(r, 0));
    expect(kit.sent('start')).toHaveLength(starts); // diverged: Train does nothing
    useTraining.getState().actions.restoreLastGood();
    useTraining.getState().actions.start();
    await new Promise((r) => setTimeout(r, 0));
    expect(kit.sent('start').at(-1)?.model.weights).toBe(good.weights);
  });

  it('a custom text the task rejects shows the reason and keeps the last trace', async () => {
    await started();
    const shown = useTrace.getState().trace;
    useConfig.getState().set({ task: 'custom', customText: '' });
    await new Promise((r) => setTimeout(r, 50));
    expect(useTrace.getState().status).toBe('error');
    expect(useTrace.getState().error).toMatch(/\w/);
    expect(useTrace.getState().trace).toBe(shown);
    useConfig.getState().set({ ...DEFAULT_CONFIG, hiddenSize: 4, taskParams: { length: 12 } });
  });
});

describe('session: the compare view', () => {
  it('traces all three cells only once opened, trains them together and pauses them on close', async () => {
    const kit = await started();
    expect(kit.ran.some((r) => r.lane.startsWith('compare'))).toBe(false);
    useCompare.getState().setOpen(true);
    await kit.settle();
    const { columns, status } = useCompare.getState();
    expect(status).toBe('ready');
    expect(['elman', 'lstm', 'gru'].map((c) => columns[c as 'lstm'].trace?.spec.cell)).toEqual([
      'elman',
      'lstm',
      'gru',
    ]);
    useCompare.getState().actions.trainAll();
    await new Promise((r) => setTimeout(r, 0));
    const ids = kit.sent('start').map((m) => m.id);
    expect(kit.sent('start').map((m) => m.model.spec.cell)).toEqual(['elman', 'lstm', 'gru']);
    expect(kit.sent('run').at(-1)).toEqual({ type: 'run', ids });
    kit.port.reply({
      type: 'report',
      items: ids.map((id) => ({ id, points: [point(1)], steps: 1, stepsPerSec: 3 })),
    });
    expect(useCompare.getState().columns.gru.history).toHaveLength(1);
    useCompare.getState().setOpen(false);
    expect(useCompare.getState().running).toBe(false);
    expect(kit.sent('pause').at(-1)).toEqual({ type: 'pause', ids });
  });

  it('a config change while the compare traces run drops them and traces the new config', async () => {
    const kit = await started();
    useCompare.getState().setOpen(true);
    await kit.heldCount(1); // the single view is traced already; Elman's compare trace is held
    useConfig.getState().set({ hiddenSize: 5 });
    await kit.settle();
    const { columns } = useCompare.getState();
    expect([columns.elman.trace?.H, columns.lstm.trace?.H, columns.gru.trace?.H]).toEqual([
      5, 5, 5,
    ]);
    expect(useTrace.getState().trace?.H).toBe(5);
  });
});
