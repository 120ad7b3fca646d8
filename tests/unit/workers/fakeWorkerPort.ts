/** A worker port (src/workers/workerPort.ts) whose other end the test plays: shared by both worker clients' tests. */
import type { WorkerPort } from '../../../src/workers/workerPort';

export function fakeWorkerPort<In, Out>() {
  const sent: In[] = [];
  let toPage: (m: Out) => void = () => {};
  let fail: (reason: string) => void = () => {};
  let closed = false;
  const port: WorkerPort<In, Out> = {
    send: (m) => sent.push(m),
    listen: (onMessage, onFailure) => ((toPage = onMessage), (fail = onFailure)),
    close: () => (closed = true),
  };
  return {
    port,
    sent,
    reply: (m: Out) => toPage(m),
    fail: (r: string) => fail(r),
    closed: () => closed,
  };
}
