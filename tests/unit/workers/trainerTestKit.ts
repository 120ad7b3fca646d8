/** Shared by the training host tests: a small start request, an event recorder, polling. */
import type { StartRequest, ReportItem } from '../../../src/workers/trainProtocol';
import type { TrainerEvents } from '../../../src/workers/trainerHost';
import type { TrainConfig } from '../../../src/engine/train-config';
import { DEFAULT_TRAIN } from '../../../src/engine/train-config';
import type { Model } from '../../../src/engine/types';
import { initModel } from '../../../src/engine/weights/init';

export function request(over: Partial<TrainConfig> = {}, model?: Model): StartRequest {
  const spec = { cell: 'lstm' as const, inputSize: 2, hiddenSize: 8, outputSize: 1 };
  return {
    model: model ?? initModel(spec, { seed: 1 }),
    task: { id: 'adding', params: { length: 10 }, customText: '' },
    settings: { ...DEFAULT_TRAIN, batchSize: 4, seed: 2, ...over },
    weightsEveryMs: 50,
  };
}

/** Records every event of one trainer. */
export function recorder() {
  const log = {
    reports: [] as ReportItem[],
    weights: [] as { model: Model; steps: number }[],
    divergence: null as { reason: string; steps: number; model: Model } | null,
    errors: [] as string[],
  };
  const listeners: TrainerEvents = {
    onReport: (r) => log.reports.push(r),
    onWeights: (model, steps) => log.weights.push({ model, steps }),
    onDivergence: (reason, steps, model) => (log.divergence = { reason, steps, model }),
    onError: (m) => log.errors.push(m),
  };
  /** What TrainerHost.start takes: the callbacks for the trainer it makes. */
  const events = () => listeners;
  return { log, events };
}

export async function until(cond: () => boolean, ms = 20_000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 5));
  }
}

export const steps = (reports: ReportItem[]) => reports.flatMap((r) => r.points.map((p) => p.step));
export const finite = (m: Model) => Object.values(m.weights).every((a) => a.every(Number.isFinite));
