/**
 * What a lesson step's view means: the link state its keys make (everything it does not name is
 * the page's default, as when a link is opened), and the reverse for the editor, which records
 * the page as it is now as a step's view.
 */
import type { LessonView } from '../config/lesson';
import { parseHash, serializeState } from '../store/url/hash';
import type { UrlState } from '../store/url/state';
import { VIEW_KEYS_NOT_ALLOWED, viewHash } from './read';

export function viewToState(view: LessonView): UrlState {
  return parseHash(viewHash(view)).state;
}

/** The view a state makes, written with the link's keys (numbers as numbers), minus page keys. */
export function stateToView(s: UrlState): LessonView {
  const view: LessonView = {};
  for (const part of serializeState(s).split('&')) {
    if (!part) continue;
    const eq = part.indexOf('=');
    const key = decodeURIComponent(part.slice(0, eq));
    const raw = decodeURIComponent(part.slice(eq + 1));
    if (VIEW_KEYS_NOT_ALLOWED.includes(key.toLowerCase())) continue;
    view[key] = /^-?\d+(\.\d+)?$/.test(raw) && key !== 'custom' ? Number(raw) : raw;
  }
  return view;
}
