/**
 * A session (src/app/session/) in Node with the page's real stores and real traces on the cpu
 * backend, but with every trace held at a gate the test opens, and a training host whose worker
 * the test plays through a fake port. So the races the page meets (a config change mid-trace, a
 * backend switch during a trace, training while switching, an import during training) can be
 * staged step by step.
 */
import { DEFAULT_CONFIG } from '../../../src/config/config';
import { initModelFor } from '../../../src/config/inputs';
import type { BackendInfo } from '../../../src/engine/backend/backends';
import { runTrace } from '../../../src/engine/trace';
import type { Model } from '../../../src/engine/types';
import { AdoptingCheckpoint } from '../../../src/app/checkpoint-loader';
import type { SessionDeps } from '../../../src/app/session/contracts';
import { Session } from '../../../src/app/session/session';
import { backendSettled, sharedBackendWork, useBackendStore } from '../../../src/store/backend';
import { useCompare } from '../../../src/store/compare';
import { useConfig } from '../../../src/store/config';
import { useTraining } from '../../../src/store/training';
import type { FromRunner, ToRunner } from '../../../src/workers/trainProtocol';
import { TrainerHost } from '../../../src/workers/trainerHost';
import { useCpu } from '../engine/helpers';
import { fakeWorkerPort } from '../workers/fakeWorkerPort';

export const info = (name: 'cpu' | 'wasm' | 'webgl'): BackendInfo => ({
  name,
  software: false,
  label: name,
});

/** One trace waiting at the gate: which lane and model it is for, and how to let it run. */
export interface HeldTrace {
  lane: string;
  model: Model;
  release(): void;
}

export async function sessionKit() {
  await useCpu();
  useConfig.setState({ ...DEFAULT_CONFIG, hiddenSize: 4, taskParams: { length: 12 } });
  useBackendStore.setState({ status: 'ready', info: info('cpu') });
  useCompare.setState({ open: false, running: false });
  useTraining.setState({ status: 'idle', history: [], steps: 0, error: null });

  const held: HeldTrace[] = [];
  /** Every trace that ran to the end, in order, with the backend it ran on. */
  const ran: { lane: string; cell: string; backend: string }[] = [];
  const port = fakeWorkerPort<ToRunner, FromRunner>();
  const host = new TrainerHost(port.port, true, 'cpu');
  port.reply({ type: 'ready', backend: 'cpu', label: 'cpu' });
  await host.ready;

  const deps: SessionDeps = {
    config: () => useConfig.getState(),
    backendSettled,
    backendName: () => useBackendStore.getState().info?.name,
    lostToContext: () => false,
    baseModel: async (c, cell, task) => initModelFor(c, cell, task),
    trace: (lane, model, sequence, clamps) =>
      sharedBackendWork(async () => {
        await new Promise<void>((release) => held.push({ lane, model, release }));
        const trace = await runTrace(model, sequence, { clamps });
        ran.push({ lane, cell: model.spec.cell, backend: useBackendStore.getState().info!.name });
        return { trace, ms: 1 };
      }),
    trainerHost: async () => host,
    trainSettings: () => useTraining.getState().settings,
    isAdopting: (e) => e instanceof AdoptingCheckpoint,
  };
  const session = new Session(deps);

  /** Lets every held trace run (and the ones they lead to), until nothing is held. */
  async function settle(): Promise<void> {
    for (let rounds = 0; rounds < 50; rounds++) {
      await new Promise((r) => setTimeout(r, 0));
      const next = held.splice(0);
      if (next.length === 0) {
        await new Promise((r) => setTimeout(r, 20)); // a trace may still be computing
        if (held.length === 0) return;
        continue;
      }
      next.forEach((h) => h.release());
    }
    throw new Error('traces kept coming');
  }

  /** Waits until `n` traces are held at the gate. */
  async function heldCount(n: number): Promise<HeldTrace[]> {
    for (let k = 0; k < 200 && held.length < n; k++) await new Promise((r) => setTimeout(r, 2));
    if (held.length < n) throw new Error(`expected ${n} held traces, found ${held.length}`);
    return held;
  }

  /** The messages the page sent the training worker, of one type. */
  const sent = <T extends ToRunner['type']>(type: T) =>
    port.sent.filter((m): m is Extract<ToRunner, { type: T }> => m.type === type);

  return { session, deps, held, ran, port, host, settle, heldCount, sent };
}
