/**
 * The editor's fields for one step: its title and text, the view it records (shown as its link
 * keys; "Record again" takes the page as it is now), the panel it points at, the panels it hides
 * until answered, and its question.
 */
import type { LessonStep } from '../config/lesson';
import { EMBED_IDS } from '../store/ui';
import { QuestionEditor } from './QuestionEditor';

interface Props {
  step: LessonStep;
  index: number;
  count: number;
  onChange(patch: Partial<LessonStep>): void;
  onRecord(): void;
  onMove(by: -1 | 1): void;
  onDelete(): void;
}

export function StepEditor({ step, index, count, onChange, onRecord, onMove, onDelete }: Props) {
  const viewText = Object.entries(step.view)
    .map(([k, v]) => `${k}=${v}`)
    .join(' · ');
  const reveal = step.reveal ?? [];
  return (
    <div className="editor-step" role="group" aria-label={`Step ${index + 1}`}>
      <label>
        Step title
        <input
          type="text"
          value={step.title}
          onChange={(e) => onChange({ title: e.target.value })}
        />
      </label>
      <label>
        Text
        <textarea rows={3} value={step.text} onChange={(e) => onChange({ text: e.target.value })} />
      </label>
      <p className="editor-view">
        <span className="muted">View:</span> <code>{viewText || 'the page’s defaults'}</code>{' '}
        <button type="button" onClick={onRecord}>
          Record again
        </button>
      </p>
      <label>
        Points at
        <select
          value={step.focus ?? ''}
          onChange={(e) => onChange({ focus: e.target.value || undefined })}
        >
          <option value="">no panel</option>
          {EMBED_IDS.map((p) => (
            <option key={p}>{p}</option>
          ))}
        </select>
      </label>
      <fieldset className="editor-reveal">
        <legend>Hidden until answered</legend>
        {EMBED_IDS.map((p) => (
          <label key={p} className="inline">
            <input
              type="checkbox"
              checked={reveal.includes(p)}
              onChange={(e) => {
                const next = e.target.checked ? [...reveal, p] : reveal.filter((r) => r !== p);
                onChange({ reveal: next.length ? next : undefined });
              }}
            />
            {p}
          </label>
        ))}
      </fieldset>
      <QuestionEditor q={step.ask} onChange={(ask) => onChange({ ask })} />
      <div className="editor-step-tools">
        <button type="button" disabled={index === 0} onClick={() => onMove(-1)}>
          Move up
        </button>
        <button type="button" disabled={index === count - 1} onClick={() => onMove(1)}>
          Move down
        </button>
        <button type="button" className="danger" onClick={onDelete}>
          Delete step
        </button>
      </div>
    </div>
  );
}
