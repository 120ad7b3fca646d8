/**
 * The one entry point that builds a task from an id and URL-style params (the contract is
 * types.ts, re-exported here so callers need one import).
 * Tasks are pure typed-array generators (no TF.js), so they run the same in Node and the browser.
 */
import { EngineInputError } from '../spec';
import { createAdding } from './adding';
import { createAnomaly } from './anomaly';
import { createCharLm } from './charlm';
import { createCopy } from './copy';
import { createCustom } from './custom';
import { createForecast } from './forecast';
import { createParity } from './parity';
import { resolveParams, TASK_PARAMS } from './params';
import { TASK_IDS, type Task, type TaskId } from './types';

export { TASK_PARAMS };
export { TASK_IDS, TASK_TITLES } from './types';
export type { Baseline, ParamSpec, Task, TaskId } from './types';

/**
 * Builds a task. Params are clamped to TASK_PARAMS bounds and snapped to their step (unknown keys
 * and non-numbers are ignored so stale URLs still load); `custom` is the user's text for 'custom'.
 */
export function createTask(
  id: TaskId,
  params: Partial<Record<string, number>> = {},
  custom?: string,
): Task {
  if (!TASK_IDS.includes(id)) {
    throw new EngineInputError(
      `unknown task '${String(id)}': expected one of ${TASK_IDS.join(', ')}`,
    );
  }
  const p = resolveParams(TASK_PARAMS[id], params);
  switch (id) {
    case 'adding':
      return createAdding(p);
    case 'copy':
      return createCopy(p);
    case 'parity':
      return createParity(p);
    case 'forecast':
      return createForecast(p);
    case 'anomaly':
      return createAnomaly(p);
    case 'charlm':
      return createCharLm(p);
    case 'custom':
      return createCustom(custom ?? '');
  }
}
