/**
 * Keeps docs/lesson.schema.json and docs/lesson-format.md true to the code: the schema's enums,
 * limits and probe parameters are the reader's, every lesson the reader accepts passes the
 * schema (checked with a small validator of the keywords the schema uses), and the doc names
 * every limit, probe, parameter, panel and link key with the code's own values.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  LESSON_FORMAT,
  LESSON_LEVELS,
  LESSON_LIMITS,
  QUESTION_KINDS,
} from '../../../src/config/lesson';
import { ANSWER_OF, PROBES, PROBE_NAMES } from '../../../src/lessons/probes';
import type { ParamSpec } from '../../../src/lessons/probeTypes';
import { LESSON_BYTES_MAX, VIEW_KEYS_NOT_ALLOWED, readLesson } from '../../../src/lessons/read';
import { EMBED_IDS } from '../../../src/store/ui';
import { SCHEMA as LINK_SCHEMA } from '../../../src/store/url/schema';
import { SAMPLE, mutate, rng, sample } from './samples';

const DOC_PATH = 'docs/lesson-format.md';
const doc = readFileSync(DOC_PATH, 'utf8');
// JSON Schema as parsed JSON.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = any;
const schema: Json = JSON.parse(readFileSync('docs/lesson.schema.json', 'utf8'));

// ---- a validator of the JSON Schema keywords this schema uses (and no others) ----

const ANNOTATIONS = new Set(['$schema', 'title', 'description', 'default']);
const KEYWORDS = new Set([
  '$ref',
  '$defs',
  'type',
  'const',
  'enum',
  'properties',
  'required',
  'additionalProperties',
  'propertyNames',
  'maxProperties',
  'items',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minLength',
  'maxLength',
  'pattern',
  'minimum',
  'maximum',
  'oneOf',
  'not',
  'if',
  'then',
]);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function typeOk(t: string, v: unknown): boolean {
  switch (t) {
    case 'object':
      return typeof v === 'object' && v !== null && !Array.isArray(v);
    case 'array':
      return Array.isArray(v);
    case 'integer':
      return Number.isInteger(v);
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    default:
      return typeof v === t;
  }
}

/** The first way `v` fails schema `s` (a JSON pointer into the value and why), or null. */
function check(s: Json, v: unknown, at = ''): string | null {
  for (const k of Object.keys(s))
    if (!KEYWORDS.has(k) && !ANNOTATIONS.has(k)) throw new Error(`validator lacks keyword ${k}`);
  if (s.$ref) {
    const name = /^#\/\$defs\/(.+)$/.exec(s.$ref)?.[1];
    if (!name || !schema.$defs[name]) throw new Error(`unresolved $ref ${s.$ref}`);
    const r = check(schema.$defs[name], v, at);
    if (r) return r;
  }
  const bad = (why: string) => `${at || '/'}: ${why}`;
  if (s.type) {
    const types: string[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.some((t) => typeOk(t, v))) return bad(`not ${types.join(' or ')}`);
  }
  if ('const' in s && !same(s.const, v)) return bad(`not ${JSON.stringify(s.const)}`);
  if (s.enum && !s.enum.some((e: unknown) => same(e, v))) return bad('not in enum');
  if (typeof v === 'string') {
    const n = [...v].length; // code points, as JSON Schema counts
    if (s.minLength !== undefined && n < s.minLength) return bad('too short');
    if (s.maxLength !== undefined && n > s.maxLength) return bad('too long');
    if (s.pattern && !new RegExp(s.pattern, 'u').test(v)) return bad(`does not match ${s.pattern}`);
  }
  if (typeof v === 'number') {
    if (s.minimum !== undefined && v < s.minimum) return bad('below minimum');
    if (s.maximum !== undefined && v > s.maximum) return bad('above maximum');
  }
  if (Array.isArray(v)) {
    if (s.minItems !== undefined && v.length < s.minItems) return bad('too few items');
    if (s.maxItems !== undefined && v.length > s.maxItems) return bad('too many items');
    if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length)
      return bad('items not unique');
    if (s.items)
      for (let i = 0; i < v.length; i++) {
        const r = check(s.items, v[i], `${at}/${i}`);
        if (r) return r;
      }
  }
  if (typeOk('object', v)) {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (s.maxProperties !== undefined && keys.length > s.maxProperties)
      return bad('too many properties');
    for (const k of s.required ?? []) if (!Object.hasOwn(o, k)) return bad(`lacks ${k}`);
    for (const k of keys) {
      const sub = s.properties && Object.hasOwn(s.properties, k) ? s.properties[k] : undefined;
      if (s.propertyNames) {
        const r = check(s.propertyNames, k, `${at}/${k}`);
        if (r) return `${at}/${k}: property name not allowed`;
      }
      if (sub) {
        const r = check(sub, o[k], `${at}/${k}`);
        if (r) return r;
      } else if (s.additionalProperties === false) return bad(`unknown property ${k}`);
      else if (s.additionalProperties) {
        const r = check(s.additionalProperties, o[k], `${at}/${k}`);
        if (r) return r;
      }
    }
  }
  if (s.oneOf) {
    const fits = s.oneOf.filter((sub: Json) => check(sub, v, at) === null).length;
    if (fits !== 1) return bad(`fits ${fits} of oneOf`);
  }
  if (s.not && check(s.not, v, at) === null) return bad('matches not');
  if (s.if && check(s.if, v, at) === null && s.then) {
    const r = check(s.then, v, at);
    if (r) return r;
  }
  return null;
}
const schemaError = (v: unknown) => check(schema, v);

describe('the validator used here', () => {
  it('checks what it claims to', () => {
    expect(check({ type: 'integer', maximum: 3 }, 2)).toBeNull();
    expect(check({ type: 'integer' }, 2.5)).not.toBeNull();
    expect(check({ oneOf: [{ const: 1 }, { type: 'number' }] }, 1)).not.toBeNull();
    expect(check({ not: { pattern: '^[Aa]$' } }, 'A')).not.toBeNull();
    expect(check({ maxLength: 1 }, '🙂')).toBeNull();
    expect(() => check({ format: 'email' }, 'x')).toThrow(/lacks keyword/);
  });
});

// ---- the schema against the code ----

const defs = schema.$defs;
const probeDef = (name: string) => defs[`probe.${name}`];

describe('docs/lesson.schema.json', () => {
  it('is draft 2020-12, for this format', () => {
    expect(schema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(schema.properties.format).toMatchObject({ const: LESSON_FORMAT });
    expect(schema.required).toEqual(['format', 'title', 'level', 'steps']);
  });

  it('lists the levels, question kinds, panels and probes the code has', () => {
    expect(schema.properties.level.enum).toEqual([...LESSON_LEVELS]);
    const kinds = defs.question.oneOf.map((r: Json) => defs[r.$ref.split('/').pop()].properties);
    expect(kinds.map((p: Json) => p.kind.const)).toEqual([...QUESTION_KINDS]);
    expect(defs.panel.enum).toEqual([...EMBED_IDS]);
    const probes = Object.keys(defs)
      .filter((k) => k.startsWith('probe.'))
      .map((k) => defs[k].properties.probe.const);
    expect(probes).toEqual(PROBE_NAMES);
  });

  it('has the limits of LESSON_LIMITS', () => {
    const steps = schema.properties.steps;
    expect([steps.minItems, steps.maxItems]).toEqual([1, LESSON_LIMITS.steps]);
    expect(defs.title.maxLength).toBe(LESSON_LIMITS.title);
    expect(defs.step.properties.title.$ref).toBe('#/$defs/title');
    expect(schema.properties.title.$ref).toBe('#/$defs/title');
    expect(defs.step.properties.text.maxLength).toBe(LESSON_LIMITS.text);
    expect(defs.prompt.maxLength).toBe(LESSON_LIMITS.prompt);
    expect(schema.properties.summary.maxLength).toBe(LESSON_LIMITS.prompt);
    expect([defs.options.minItems, defs.options.maxItems]).toEqual([2, LESSON_LIMITS.options]);
    expect(defs.options.items.maxLength).toBe(LESSON_LIMITS.option);
    const train = defs.experimentQuestion.properties.train;
    expect([train.type, train.minimum, train.maximum]).toEqual(['integer', 1, LESSON_LIMITS.train]);
    expect(defs.step.properties.reveal.maxItems).toBe(EMBED_IDS.length);
  });

  it("has each probe's parameters with the code's types, bounds and defaults", () => {
    const expected = (p: ParamSpec) =>
      p.type === 'number'
        ? {
            type: p.integer ? 'integer' : 'number',
            minimum: p.min,
            maximum: p.max,
            default: p.default,
          }
        : p.type === 'choice'
          ? { enum: [...p.values], default: p.default }
          : { type: 'boolean', default: p.default };
    for (const [name, def] of Object.entries(PROBES)) {
      const s = probeDef(name);
      expect(s, name).toMatchObject({ required: ['probe'], additionalProperties: false });
      expect(Object.keys(s.properties), name).toEqual(['probe', ...Object.keys(def.params)]);
      for (const [k, p] of Object.entries(def.params))
        expect(s.properties[k], `${name}.${k}`).toMatchObject(expected(p));
    }
  });

  it('lets each kind of question name exactly the probes the reader allows it', () => {
    for (const kind of QUESTION_KINDS) {
      const named = defs[`${kind}Question`].properties.answer.oneOf.map((r: Json) =>
        r.$ref.replace('#/$defs/probe.', ''),
      );
      const allowed = PROBE_NAMES.filter(
        (n) =>
          PROBES[n]!.answers === ANSWER_OF[kind] &&
          !(kind === 'experiment' && PROBES[n]!.reads === 'trace'),
      );
      expect(named, kind).toEqual(allowed);
      // and the reader agrees, probe by probe
      for (const probe of PROBE_NAMES) {
        const l: Json = sample();
        const step = l.steps.findIndex((s: Json) => s.ask?.kind === kind);
        l.steps[step].ask.answer = { probe };
        expect(readLesson(l).ok, `${kind} with ${probe}`).toBe(allowed.includes(probe));
      }
    }
  });

  it('refuses the view keys the reader refuses, in any case, and no other link key', () => {
    const names = defs.view.propertyNames;
    for (const key of VIEW_KEYS_NOT_ALLOWED)
      for (const k of [key, key.toUpperCase(), key[0]!.toUpperCase() + key.slice(1)])
        expect(check(names, k), k).not.toBeNull();
    for (const f of LINK_SCHEMA)
      if (!VIEW_KEYS_NOT_ALLOWED.includes(f.key.toLowerCase()))
        expect(check(names, f.key), f.key).toBeNull();
  });

  it('states the bounds the reader keeps (not exported), as the reader has them', () => {
    // [schema node, the edit of the sample a value is put with]
    const bounds: [Json, (l: Json, v: unknown) => void][] = [
      [defs.pointQuestion.properties.tolerance, (l, v) => (l.steps[2].ask.tolerance = v)],
      [
        defs.numberQuestion.properties.tolerance.properties.abs,
        (l, v) => (l.steps[3].ask.tolerance.abs = v),
      ],
      [
        defs.numberQuestion.properties.tolerance.properties.rel,
        (l, v) => (l.steps[3].ask.tolerance.rel = v),
      ],
      [defs.rangeQuestion.properties.maxWidth, (l, v) => (l.steps[4].ask.maxWidth = v)],
      [defs.experimentQuestion.properties.train, (l, v) => (l.steps[5].ask.train = v)],
    ];
    const reads = (edit: (l: Json, v: unknown) => void, v: unknown) => {
      const l: Json = sample();
      edit(l, v);
      return readLesson(l).ok;
    };
    for (const [s, edit] of bounds) {
      expect(reads(edit, s.minimum), JSON.stringify(s)).toBe(true);
      expect(reads(edit, s.maximum), JSON.stringify(s)).toBe(true);
      const step = s.type === 'integer' ? 1 : Math.max(1e-9, s.maximum * 1e-9);
      expect(reads(edit, s.minimum - step), JSON.stringify(s)).toBe(false);
      expect(reads(edit, s.maximum + step), JSON.stringify(s)).toBe(false);
      if (s.type === 'integer') expect(reads(edit, s.minimum + 0.5)).toBe(false);
    }
    const keys = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`p.x${i}`, 1]));
    expect(defs.view.maxProperties).toBe(60);
    // 60 keys get as far as the link parser (which then refuses the made-up keys); 61 do not
    expect(reads((l, v) => (l.steps[0].view = v), keys(60))).toBe(false);
    const tooMany: Json = sample();
    tooMany.steps[0].view = keys(61);
    expect(readLesson(tooMany)).toMatchObject({ error: expect.stringMatching(/has 61 keys/) });
    tooMany.steps[0].view = keys(60);
    expect(readLesson(tooMany)).toMatchObject({ error: expect.stringMatching(/unknown key/) });
  });

  it('accepts every lesson the reader accepts; where it is looser, only for what it cannot say', () => {
    expect(schemaError(sample())).toBeNull();
    const r = rng(2026);
    let accepted = 0;
    let bothRefuse = 0;
    for (let i = 0; i < 1500; i++) {
      const input = mutate(r, r.chance(0.2) ? (mutate(r) ?? SAMPLE) : SAMPLE);
      const json: unknown = JSON.parse(JSON.stringify(input) ?? 'null');
      const read = readLesson(json);
      const err = schemaError(json);
      if (read.ok) {
        accepted++;
        expect(err, JSON.stringify(json).slice(0, 300)).toBeNull();
      } else if (err === null) {
        // The schema cannot run the link parser, and counts code points, not UTF-16 units.
        expect(read.error, JSON.stringify(json).slice(0, 300)).toMatch(
          /^steps\[\d+\]\.view(\.[^:]*)?: |: is \d+ characters; at most /,
        );
      } else bothRefuse++;
    }
    expect(accepted).toBeGreaterThan(100);
    expect(bothRefuse).toBeGreaterThan(500);
  });

  it('refuses what the reader refuses for the format itself', () => {
    const refused: ((l: Json) => void)[] = [
      (l) => (l.format = 'gatescope.lesson/2'),
      (l) => (l.extra = 1),
      (l) => (l.level = 'expert'),
      (l) => (l.title = ' '),
      (l) => (l.steps = []),
      (l) => (l.steps[0].reveal = ['gradients']),
      (l) => (l.steps[0].view.Tour = 1),
      (l) => (l.steps[0].view.t = null),
      (l) => (l.steps[1].ask.options = ['a', 'a']),
      (l) => (l.steps[1].ask.answer = { probe: 'gradDropStep' }),
      (l) => (l.steps[2].ask.answer.constructor = true),
      (l) => (l.steps[4].ask.answer.from = 2.5),
      (l) => (l.steps[5].ask.answer = { probe: 'gateExtreme' }),
      (l) => delete l.steps[5].ask.train,
    ];
    for (const edit of refused) {
      const l: Json = sample();
      edit(l);
      expect(readLesson(l).ok, String(edit)).toBe(false);
      expect(schemaError(l), String(edit)).not.toBeNull();
    }
  });
});

// ---- the doc against the code ----

/** The table row of the doc whose first cell is `` `name` `` (or null). */
function rowOf(name: string): string | null {
  const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^\\| \`${esc}\` +\\|.*$`, 'm').exec(doc)?.[0] ?? null;
}

/** A parameter as the probe table writes it. */
function paramText(k: string, p: ParamSpec): string {
  if (p.type === 'number')
    return `\`${k}\`: ${p.integer ? 'whole number' : 'number'} ${p.min} to ${p.max}, default ${p.default}`;
  if (p.type === 'choice') return `\`${k}\`: ${p.values.join(' / ')}, default ${p.default}`;
  return `\`${k}\`: true or false, default ${p.default}`;
}

describe('docs/lesson-format.md', () => {
  it('names the format and its version rule', () => {
    expect(doc).toContain(`"${LESSON_FORMAT}"`);
    expect(doc).toContain('## Versions');
    expect(doc).toContain('a newer one)'); // the reader's own words for a newer file
  });

  it('states each limit, with the value LESSON_LIMITS has', () => {
    for (const [k, v] of Object.entries(LESSON_LIMITS))
      expect(rowOf(k), k).toMatch(new RegExp(`^\\| \`${k}\` +\\| ${v} +\\|`));
    expect(doc).toContain(`${LESSON_BYTES_MAX / 1024} KiB`);
    expect(doc).toContain(LESSON_BYTES_MAX.toLocaleString('en-US'));
  });

  it('lists the levels, question kinds and panel ids', () => {
    for (const level of LESSON_LEVELS) expect(doc).toContain(`\`${level}\``);
    for (const kind of QUESTION_KINDS) expect(rowOf(kind), kind).not.toBeNull();
    for (const id of EMBED_IDS) expect(doc).toContain(`\`${id}\``);
  });

  it('has a row for every probe, with its answer, source and every parameter as the code has it', () => {
    for (const [name, def] of Object.entries(PROBES)) {
      const row = rowOf(name);
      expect(row, name).not.toBeNull();
      const cells = row!.split(/ +\| +/);
      expect(cells[1], name).toBe(def.answers);
      expect(cells[2], name).toBe(def.reads);
      const params = Object.entries(def.params);
      if (!params.length) expect(cells[3], name).toBe('none');
      for (const [k, p] of params) expect(cells[3], `${name}.${k}`).toContain(paramText(k, p));
      expect(cells[3]!.split('<br>').length, name).toBe(Math.max(1, params.length));
    }
  });

  it('names every link key: those a step may use, and those it may not', () => {
    const [allowed, notAllowed] = doc.split('### Keys a step may not set');
    for (const f of LINK_SCHEMA) {
      const part = VIEW_KEYS_NOT_ALLOWED.includes(f.key) ? notAllowed! : allowed!;
      expect(part, f.key).toContain(`\`${f.key}\``);
    }
    for (const key of VIEW_KEYS_NOT_ALLOWED) expect(notAllowed).toContain(`\`${key}\``);
  });

  it('has examples that read as lessons, and links that lead somewhere', () => {
    const blocks = [...doc.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThan(0);
    for (const b of blocks) {
      const json: unknown = JSON.parse(b);
      expect(readLesson(json)).toMatchObject({ ok: true });
      expect(schemaError(json)).toBeNull();
    }
    for (const m of doc.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)) {
      if (/^https?:/.test(m[1]!)) continue;
      expect(existsSync(join(dirname(DOC_PATH), m[1]!)), m[1]).toBe(true);
    }
    for (const m of doc.matchAll(/\]\(#([^)]+)\)/g)) {
      const heading = new RegExp(`^#+ ${m[1]!.replace(/-/g, '[ -]')}$`, 'im');
      expect(doc, m[1]).toMatch(heading);
    }
  });

  it("the README's example is a lesson too", () => {
    const readme = readFileSync(join(dirname(DOC_PATH), '..', 'README.md'), 'utf8');
    const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const lessons = blocks.filter((b) => b.includes('gatescope.lesson/1'));
    expect(lessons.length).toBe(1);
    const json: unknown = JSON.parse(lessons[0]!);
    expect(readLesson(json)).toMatchObject({ ok: true });
    expect(schemaError(json)).toBeNull();
  });
});
