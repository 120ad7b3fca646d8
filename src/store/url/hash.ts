/**
 * Link hash ⇄ UrlState, both driven by SCHEMA. Parsing never throws: whatever it cannot use is
 * reported as an issue (which key, what value, why), and everything else still applies.
 */
import { SCHEMA, type Field, defaultOf, fieldFor } from './schema';
import { DEFAULT_URL_STATE, type UrlState, cloneState } from './state';

export interface LinkIssue {
  /** the key as the link wrote it */
  key: string;
  /** the value as the link wrote it (decoded), '' for a bare key */
  raw: string;
  reason: string;
  /** ignored: the value was dropped; adjusted: the nearest allowed value was used instead */
  kind: 'ignored' | 'adjusted';
}

export interface ParsedLink {
  state: UrlState;
  issues: LinkIssue[];
}

/** More parts than this are not read (a real link has about 25 keys at most). */
export const MAX_PARTS = 100;

function decode(text: string): string | null {
  try {
    return decodeURIComponent(text);
  } catch {
    return null; // a malformed %-escape
  }
}

export function parseHash(hash: string): ParsedLink {
  const state = cloneState(DEFAULT_URL_STATE);
  const issues: LinkIssue[] = [];
  const ignore = (key: string, raw: string, reason: string) =>
    issues.push({ key, raw, reason, kind: 'ignored' });
  const parts = hash
    .replace(/^#/, '')
    .split('&')
    .filter((p) => p !== '');
  // Collect first, then read in schema order: fields depend on the ones above them.
  const found = new Map<Field<unknown>, { key: string; raw: string }>();
  for (const part of parts.slice(0, MAX_PARTS)) {
    const eq = part.indexOf('=');
    const rawKey = eq < 0 ? part : part.slice(0, eq);
    const rawValue = eq < 0 ? '' : part.slice(eq + 1);
    const key = decode(rawKey);
    const raw = decode(rawValue);
    if (key === null || raw === null) {
      ignore(key ?? rawKey, raw ?? rawValue, 'badly encoded');
      continue;
    }
    const f = fieldFor(key);
    if (!f) {
      ignore(key, raw, 'unknown key');
      continue;
    }
    const earlier = found.get(f);
    if (earlier) ignore(earlier.key, earlier.raw, 'repeated key: the last one counts');
    found.set(f, { key, raw });
  }
  if (parts.length > MAX_PARTS)
    ignore('…', '', `${parts.length - MAX_PARTS} more parts (a link holds at most ${MAX_PARTS})`);

  for (const f of SCHEMA) {
    const hit = found.get(f);
    if (!hit) continue;
    const r = safeRead(f, hit.raw, state);
    if (!r.ok) {
      ignore(hit.key, hit.raw, r.reason);
      continue;
    }
    f.put(state, r.value);
    if (r.note) issues.push({ key: hit.key, raw: hit.raw, reason: r.note, kind: 'adjusted' });
  }
  return { state, issues };
}

/** Codecs do not throw by design; this keeps a future slip from breaking the page on load. */
function safeRead(f: Field<unknown>, raw: string, s: UrlState) {
  try {
    return f.codec.read(raw, s);
  } catch {
    return { ok: false as const, reason: 'could not be read' };
  }
}

/** The hash (without '#') for a state: only relevant, non-default values, in schema order. */
export function serializeState(s: UrlState): string {
  const parts: string[] = [];
  for (const f of SCHEMA) {
    if (f.relevant && !f.relevant(s)) continue;
    const text = f.codec.write(f.get(s));
    if (text === f.codec.write(defaultOf(f, s))) continue;
    parts.push(`${f.key}=${encodeURIComponent(text)}`);
  }
  return parts.join('&');
}

/** "H=abc (not a number)": one issue as the notice shows it, long values shortened. */
export function formatIssue(i: LinkIssue): string {
  // Line breaks and tabs are shown as the %-escapes the link holds: a raw one would break the line.
  const visible = (t: string) => t.replace(/[\r\n\t]/g, (c) => encodeURIComponent(c));
  const short = (t: string) => visible(t.length > 40 ? `${t.slice(0, 40)}…` : t);
  const shown = i.raw === '' ? short(i.key) : `${short(i.key)}=${short(i.raw)}`;
  return `${shown} (${i.reason})`;
}
