/**
 * What a shareable link can hold: a plain snapshot of the stores, in the stores' own shapes
 * (config as Config, the cursor 0-based as in usePlayback, selection as in useUi), so the schema's
 * get/put read like store paths and the whole thing stays testable in Node.
 */
import { type Config, DEFAULT_CONFIG } from '../../config/config';
import type { BackendName } from '../../engine/backend/backends';
import { DEFAULT_FOCUS_PANEL, type EmbedId, type PanelId, type TeacherMode } from '../ui';
import { FIRST_UNIT, type Selection } from '../../config/selection';

export interface UrlState {
  config: Config;
  /** playback cursor, 0-based (the link shows it 1-based) */
  t: number;
  /** selected unit (0-based) and gate */
  selection: Selection;
  /** the compare view instead of one cell in depth */
  compareOpen: boolean;
  /** the micro-step inside step t (config/microOps.ts), or null */
  microOp: string | null;
  /** guided-tour step, 0-based, or null */
  tourStep: number | null;
  /** the open lesson (a built-in id, or `~` and the lesson itself, packed) and its step, 0-based */
  lesson: string | null;
  lessonStep: number;
  teacher: TeacherMode;
  embed: EmbedId | null;
  presenting: boolean;
  focusPanel: PanelId;
  /**
   * a forced TF.js backend; read once at start-up (see app/params.ts), set by the backend menu,
   * kept in the link
   */
  backend: BackendName | null;
  /**
   * The fingerprint of the weights on screen when the link cannot rebuild them (imported from a
   * file, or trained in this page); null when the config alone makes them.
   */
  weightsId: string | null;
}

export const DEFAULT_URL_STATE: Readonly<UrlState> = Object.freeze({
  config: DEFAULT_CONFIG,
  t: 0,
  selection: FIRST_UNIT,
  compareOpen: false,
  microOp: null,
  tourStep: null,
  lesson: null,
  lessonStep: 0,
  teacher: 'off',
  embed: null,
  presenting: false,
  focusPanel: DEFAULT_FOCUS_PANEL,
  backend: null,
  weightsId: null,
});

/** A deep copy that parsing may mutate (the defaults stay frozen). */
export function cloneState(s: Readonly<UrlState>): UrlState {
  return {
    ...s,
    config: { ...s.config, taskParams: { ...s.config.taskParams } },
    selection: { ...s.selection },
  };
}
