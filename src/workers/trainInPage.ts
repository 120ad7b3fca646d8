/**
 * The fallback when no training worker can start: the same TrainingRunner, in the page, on the
 * page's own TF.js backend (it never switches it: that is backendControl.ts's job). Updates then
 * block the main thread for as long as each one takes, as training did before the worker; the
 * page says so in the status line (sharedTrainerHost.ts).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { BackendName } from '../engine/backend/backends';
import type { FromRunner } from './trainProtocol';
import { TrainerHost, type RunnerPort } from './trainerHost';
import { TrainingRunner } from './trainRunner';

/** A port to a runner in this thread; messages both ways arrive asynchronously, as from a worker. */
export function inPagePort(): RunnerPort {
  let deliver: (msg: FromRunner) => void = () => {};
  let closed = false;
  const runner = new TrainingRunner({
    post: (msg) => queueMicrotask(() => !closed && deliver(msg)),
    // setTimeout rather than a MessageChannel: between updates the page must also get to
    // render and handle input, which a message-task loop could postpone.
    yieldToMessages: () => new Promise((resolve) => setTimeout(resolve, 0)),
    useBackend: () =>
      Promise.resolve({ backend: tf.getBackend() as BackendName, label: tf.getBackend() }),
    now: () => performance.now(),
  });
  return {
    send: (msg) => {
      if (!closed) runner.receive(msg);
    },
    listen(onMessage) {
      deliver = onMessage;
    },
    close() {
      closed = true;
    },
  };
}

/** A host whose runner lives in the page. */
export async function connectInPage(page: BackendName, faults: string[]): Promise<TrainerHost> {
  const host = new TrainerHost(inPagePort(), false, page, faults);
  await host.ready;
  return host;
}
