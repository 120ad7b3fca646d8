/**
 * The editor's fields for one step's question: the kind, the prompt, the probe that computes the
 * answer (only those that answer this kind), its parameters as the probe table describes them,
 * and the kind's own settings (options, tolerance, width, updates to train).
 */
import { useId } from 'react';
import { type ProbeRef, QUESTION_KINDS, type Question, type QuestionKind } from '../config/lesson';
import { probesFor, questionOf } from './draft';
import type { ParamSpec } from './probeTypes';
import { PROBES } from './probes';

interface Props {
  q: Question | undefined;
  onChange(q: Question | undefined): void;
}

const KIND_LABEL: Record<QuestionKind, string> = {
  choice: 'Choice: pick one option',
  point: 'Point: the step on a view',
  number: 'Number',
  range: 'Range: from … to …',
  experiment: 'Experiment: predict, then train',
};

/** A typed number, or undefined for an empty (or unreadable) field: the default then. */
const numberOrUnset = (v: string) =>
  v.trim() === '' || !Number.isFinite(Number(v)) ? undefined : Number(v);

export function QuestionEditor({ q, onChange }: Props) {
  const id = useId();
  const kind = q?.kind ?? 'none';
  const set = (patch: Record<string, unknown>) => {
    if (!q) return;
    const next = { ...q, ...patch } as Record<string, unknown>;
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
    onChange(next as unknown as Question);
  };
  const setParam = (name: string, v: string | number | boolean | undefined) => {
    if (!q) return;
    const answer: ProbeRef = { ...q.answer };
    if (v === undefined) delete answer[name];
    else answer[name] = v;
    set({ answer });
  };
  const def = q ? PROBES[q.answer.probe] : undefined;
  return (
    <fieldset className="editor-question">
      <legend>Question</legend>
      <label>
        Kind
        <select
          value={kind}
          onChange={(e) => {
            const k = e.target.value;
            onChange(k === 'none' ? undefined : questionOf(k as QuestionKind, q?.prompt));
          }}
        >
          <option value="none">No question</option>
          {QUESTION_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </select>
      </label>
      {q && (
        <>
          <label>
            Prompt
            <textarea rows={2} value={q.prompt} onChange={(e) => set({ prompt: e.target.value })} />
          </label>
          <label>
            Answer computed by
            <select
              value={q.answer.probe}
              aria-describedby={`${id}-probe`}
              onChange={(e) => set({ answer: { probe: e.target.value } })}
            >
              {probesFor(q.kind).map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </label>
          <small id={`${id}-probe`} className="muted">
            {def?.describe}
          </small>
          {def &&
            Object.entries(def.params).map(([name, spec]) => (
              <ParamField
                key={`${q.answer.probe}.${name}`}
                name={name}
                spec={spec}
                value={q.answer[name]}
                onChange={(v) => setParam(name, v)}
              />
            ))}
          {(q.kind === 'choice' || q.kind === 'experiment') && (
            <label>
              Options (comma-separated; empty: the probe's own)
              <input
                type="text"
                defaultValue={q.options?.join(', ') ?? ''}
                onChange={(e) => {
                  const opts = e.target.value
                    .split(',')
                    .map((o) => o.trim())
                    .filter(Boolean);
                  set({ options: opts.length ? opts : undefined });
                }}
              />
            </label>
          )}
          {q.kind === 'experiment' && (
            <label>
              Updates to train
              <input
                type="number"
                min={1}
                value={q.train}
                onChange={(e) => set({ train: numberOrUnset(e.target.value) ?? 1 })}
              />
            </label>
          )}
          {q.kind === 'point' && (
            <label>
              Steps away that still count as right
              <input
                type="number"
                min={0}
                value={q.tolerance ?? ''}
                onChange={(e) => set({ tolerance: numberOrUnset(e.target.value) })}
              />
            </label>
          )}
          {q.kind === 'number' && (
            <label>
              Right within (fraction of the answer; empty: 0.1)
              <input
                type="number"
                min={0}
                step="any"
                value={q.tolerance?.rel ?? ''}
                onChange={(e) => {
                  const rel = numberOrUnset(e.target.value);
                  set({ tolerance: rel === undefined ? undefined : { ...q.tolerance, rel } });
                }}
              />
            </label>
          )}
          {q.kind === 'range' && (
            <label>
              Widest range that counts (empty: any)
              <input
                type="number"
                min={0}
                step="any"
                value={q.maxWidth ?? ''}
                onChange={(e) => set({ maxWidth: numberOrUnset(e.target.value) })}
              />
            </label>
          )}
        </>
      )}
    </fieldset>
  );
}

function ParamField(props: {
  name: string;
  spec: ParamSpec;
  value: string | number | boolean | undefined;
  onChange(v: string | number | boolean | undefined): void;
}) {
  const { name, spec, value, onChange } = props;
  const label = `${name}: ${spec.help}`;
  if (spec.type === 'boolean')
    return (
      <label className="inline">
        <input
          type="checkbox"
          checked={(value ?? spec.default) === true}
          onChange={(e) =>
            onChange(e.target.checked === spec.default ? undefined : e.target.checked)
          }
        />
        {label}
      </label>
    );
  if (spec.type === 'choice')
    return (
      <label>
        {label}
        <select value={String(value ?? spec.default)} onChange={(e) => onChange(e.target.value)}>
          {spec.values.map((v) => (
            <option key={v}>{v}</option>
          ))}
        </select>
      </label>
    );
  return (
    <label>
      {label} (default {spec.default}; {spec.min} to {spec.max})
      <input
        type="text"
        inputMode="decimal"
        defaultValue={value === undefined ? '' : String(value)}
        onChange={(e) => onChange(numberOrUnset(e.target.value))}
      />
    </label>
  );
}
