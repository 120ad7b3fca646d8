/**
 * Loads a shipped checkpoint for the configured cell and task. The page adopts the settings the
 * checkpoint was trained with (hidden size, task parameters) and says so, so the network is
 * shown on the kind of sequence it learned.
 */
import { EngineInputError } from '../engine/spec';
import type { Task } from '../engine/tasks/task';
import type { Model } from '../engine/types';
import { type CheckpointEntry, checkpointId } from '../engine/weights/checkpoints';
import { parseWeightsText } from '../engine/weights/format';
import { allUsed } from '../engine/unused';
import { type Config } from '../config/config';
import { useConfig } from '../store/config';
import { useTrace } from '../store/trace';

let manifest: Promise<CheckpointEntry[]> | null = null;

async function fetchText(path: string): Promise<string> {
  const res = await fetch(`${import.meta.env.BASE_URL}checkpoints/${path}`).catch(() => {
    throw new EngineInputError(`checkpoints/${path} did not load: the network did not answer`);
  });
  if (!res.ok)
    throw new EngineInputError(`could not load checkpoints/${path} (HTTP ${res.status})`);
  return res.text();
}

export function checkpointManifest(): Promise<CheckpointEntry[]> {
  manifest ??= fetchText('manifest.json')
    .then((t) => (JSON.parse(t) as { checkpoints: CheckpointEntry[] }).checkpoints)
    .catch((e: unknown) => {
      manifest = null; // allow a retry later
      throw e;
    });
  return manifest;
}

export async function loadCheckpoint(c: Config, task: Task): Promise<Model> {
  const id = checkpointId(c.cell, c.task);
  const entry = (await checkpointManifest()).find((m) => m.id === id);
  if (!entry) throw new EngineInputError(`there is none for ${c.cell} on the ${task.title} task`);
  const sameParams = Object.entries(entry.taskParams).every(([k, v]) => task.params[k] === v);
  if (entry.hiddenSize !== c.hiddenSize || !sameParams) {
    // Adopt the checkpoint's settings; the config change triggers the recompute that loads it.
    useConfig.getState().set({ hiddenSize: entry.hiddenSize, taskParams: entry.taskParams });
    throw new AdoptingCheckpoint();
  }
  // A shipped checkpoint is ours: any part it does not use means it is not what we wrote.
  const { model } = allUsed(parseWeightsText(await fetchText(`${id}.json`)), `checkpoint ${id}`);
  if (model.spec.cell !== c.cell)
    throw new EngineInputError(`checkpoint ${id} holds a ${model.spec.cell}, not a ${c.cell}`);
  // Checkpoints are trained with the default GRU variant and Elman activation: adopt those too.
  const variant = model.spec.gruVariant ?? 'reset-after';
  if (c.cell === 'gru' && c.gruVariant !== variant) {
    useConfig.getState().set({ gruVariant: variant });
    throw new AdoptingCheckpoint();
  }
  if (c.cell === 'elman' && c.activation !== 'tanh') {
    useConfig.getState().set({ activation: 'tanh' });
    throw new AdoptingCheckpoint();
  }
  useTrace.setState({
    note: `Trained checkpoint ${id}: ${entry.steps} updates, test loss ${entry.testLoss} vs memoryless baseline ${entry.baseline}`,
  });
  return model;
}

/** Thrown while the config is being switched to the checkpoint's settings (not an error to show). */
export class AdoptingCheckpoint extends Error {
  override name = 'AdoptingCheckpoint';
}
