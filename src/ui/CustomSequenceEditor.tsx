import { useState } from 'react';
import { createTask } from '../engine/tasks/task';
import { parseCustom } from '../engine/tasks/custom';
import { describeParts } from '../engine/unused';
import { useConfig } from '../store/config';

/**
 * The custom task's text: characters (one-hot, predict the next character) or a list of numbers
 * (predict the next value). Checked as you type; only a valid text is applied, and an invalid
 * one says what is wrong while the last good sequence stays on screen.
 */
export function CustomSequenceEditor() {
  const applied = useConfig((s) => s.customText);
  const set = useConfig((s) => s.set);
  const [text, setText] = useState(applied);
  let error: string | null = null;
  let summary = '';
  try {
    const t = createTask('custom', {}, text);
    summary =
      t.loss === 'mse'
        ? `${t.length + 1} numbers: predict each next value`
        : `${t.length + 1} characters, ${t.inputSize} distinct: predict each next character`;
    // Say what trimming left out, so no character vanishes unseen.
    const { skipped } = parseCustom(text);
    if (skipped.length > 0) summary += ` (not used: ${describeParts(skipped)})`;
  } catch (e) {
    error = e instanceof Error ? e.message : String(e);
  }
  return (
    <div className="custom-editor">
      <label htmlFor="custom-text">
        Your sequence (text, or numbers separated by commas or spaces)
      </label>
      <textarea
        id="custom-text"
        rows={2}
        value={text}
        spellCheck={false}
        aria-invalid={error !== null}
        onChange={(e) => setText(e.target.value)}
      />
      <div className="custom-editor-row">
        {error ? (
          <span className="field-error" role="alert">
            {error}
          </span>
        ) : (
          <span className="muted">{summary}</span>
        )}
        <button
          type="button"
          disabled={error !== null || text === applied}
          onClick={() => set({ customText: text })}
        >
          Apply
        </button>
      </div>
    </div>
  );
}
