/**
 * Computes Jacobian lenses for the page (lensProtocol.ts), in slices: after each slice it posts
 * what is new and yields, so a newer request (or a cancel) is read and the older job dropped.
 * The same runner serves the worker (lensWorker.ts) and, when no worker starts, the page itself
 * with shorter slices (lensHost.ts).
 */
import { LensJob } from '../engine/jacobian/lens';
import type { FromLensRunner, LensRequest, ToLensRunner } from './lensProtocol';

export interface LensRunnerDeps {
  post(msg: FromLensRunner, transfer: Transferable[]): void;
  now(): number;
  /** lets queued messages in between slices */
  pause(): Promise<void>;
  /** ms of work per slice */
  sliceMs: number;
}

export class LensRunner {
  /** the request being computed; any other id's job stops at its next pause */
  private current = 0;

  constructor(private readonly deps: LensRunnerDeps) {}

  receive(msg: ToLensRunner): void {
    if (msg.type === 'cancel') {
      if (this.current === msg.id) this.current = 0;
      return;
    }
    this.current = msg.id;
    void this.run(msg);
  }

  private async run(req: LensRequest): Promise<void> {
    const { post, now, pause, sliceMs } = this.deps;
    const { id } = req;
    const started = now();
    let job: LensJob;
    try {
      const model = { spec: req.spec, weights: req.weights };
      const seq = { length: req.length, inputSize: req.spec.inputSize, inputs: req.inputs };
      job = new LensJob(model, seq, req.clamps, { maxWork: req.maxWork, floor: req.floor });
    } catch (e) {
      post({ type: 'error', id, message: (e as Error).message }, []);
      return;
    }
    const { T, n, svCount, maxLag, floor, whhNorm } = job.lens;
    post({ type: 'plan', id, T, n, svCount, maxLag, floor, whhNorm }, []);
    let columnsTo = T;
    let svFrom = 0;
    let mapMs = NaN;
    for (;;) {
      const end = now() + sliceMs;
      let complete: boolean;
      try {
        complete = job.run(() => now() < end);
      } catch (e) {
        // Said, not thrown: the host would otherwise wait for this lens for ever.
        post({ type: 'error', id, message: (e as Error).message }, []);
        return;
      }
      const columnsFrom = job.firstColumn;
      const svTo = job.singularValuesDone;
      const norm = job.lens.norm.slice(columnsFrom * T, columnsTo * T);
      const sv = job.lens.stepSingularValues.slice(svFrom * svCount, svTo * svCount);
      const { done, total } = job.progress();
      post({ type: 'part', id, columnsFrom, columnsTo, norm, svFrom, svTo, sv, done, total }, [
        norm.buffer,
        sv.buffer,
      ]);
      columnsTo = columnsFrom;
      svFrom = svTo;
      if (columnsFrom === 0 && Number.isNaN(mapMs)) mapMs = now() - started;
      if (complete) {
        post({ type: 'done', id, ms: now() - started, mapMs }, []);
        return;
      }
      await pause();
      if (this.current !== id) return;
    }
  }
}
