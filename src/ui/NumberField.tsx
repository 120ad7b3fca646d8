import { useId, useState } from 'react';

interface NumberFieldProps {
  label: string;
  value: number;
  min: number;
  max: number;
  step: number;
  onCommit(v: number): void;
  help?: string;
  disabled?: boolean;
}

/** Parses a typed number against bounds: the value, or a message saying what is allowed. */
export function parseBounded(
  text: string,
  min: number,
  max: number,
  step: number,
): number | string {
  const whole = Number.isInteger(step);
  const allowed = `${whole ? 'a whole number' : 'a number'} from ${min} to ${max}`;
  if (text.trim() === '') return `Enter ${allowed}.`;
  const v = Number(text);
  if (!Number.isFinite(v)) return `"${text.slice(0, 20)}" is not a number: enter ${allowed}.`;
  if (whole && !Number.isInteger(v)) return `Enter ${allowed}.`;
  if (v < min || v > max) return `${v} is out of range: enter ${allowed}.`;
  return v;
}

/**
 * A number input that commits only valid values. While the text is invalid it says why, inline,
 * and the last valid value stays in force (nothing the user had is lost).
 */
export function NumberField({
  label,
  value,
  min,
  max,
  step,
  onCommit,
  help,
  disabled,
}: NumberFieldProps) {
  const id = useId();
  const [text, setText] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  // Follow outside changes (a checkpoint adopting its settings, a link): adjust during render,
  // as React recommends, rather than in an effect.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    setText(String(value));
    setError(null);
  }

  const change = (t: string) => {
    setText(t);
    const parsed = parseBounded(t, min, max, step);
    if (typeof parsed === 'string') {
      setError(parsed);
      return;
    }
    setError(null);
    if (parsed !== value) onCommit(parsed);
  };

  return (
    <span className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        className="num"
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step}
        disabled={disabled}
        title={help}
        aria-invalid={error !== null}
        aria-describedby={error ? `${id}-err` : undefined}
        onChange={(e) => change(e.target.value)}
        onBlur={() => {
          if (error) {
            setText(String(value));
            setError(null);
          }
        }}
      />
      {error && (
        <span id={`${id}-err`} className="field-error" role="alert">
          {error}
        </span>
      )}
    </span>
  );
}
