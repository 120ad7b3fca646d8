/**
 * "Open a lesson file…": a button that opens the file picker (the list and the editor share it).
 * Any file is offered (a hidden one could not be explained); a wrong one gets the reader's reason,
 * and whatever was open stays open.
 */
import { useRef, useState } from 'react';
import type { Lesson } from '../config/lesson';
import { LESSON_BYTES_MAX, readLessonText } from './read';

interface Props {
  label: string;
  testId: string;
  onLesson(lesson: Lesson, fileName: string): void | Promise<void>;
}

export function LessonFileButton({ label, testId, onLesson }: Props) {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<string | null>(null);
  const read = async (file: File) => {
    setError(null);
    // A file far past the limit is refused before it is read: no need to hold it in memory.
    if (file.size > 4 * LESSON_BYTES_MAX)
      return setError(`Could not open ${file.name}: it is far too big to be a lesson`);
    const r = readLessonText(await file.text());
    if (r.ok) await onLesson(r.lesson, file.name);
    else setError(`Could not open ${file.name}: ${r.error}`);
  };
  return (
    <>
      <button type="button" onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Lesson file"
        data-testid={testId}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // the same file again must fire another change
          if (file) void read(file);
        }}
      />
      {error && (
        <p className="lesson-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}
