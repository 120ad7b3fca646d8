import type { ReactNode } from 'react';
import { hiddenPanels, useLesson } from '../store/lesson';

/**
 * Hides a view while the lesson's question would be answered by just looking at it: the view is
 * not drawn at all (nothing to read, for eyes or a screen reader) until the question is answered.
 */
export function LessonVeil({ panel, children }: { panel: string; children: ReactNode }) {
  const hidden = useLesson((s) => hiddenPanels(s).includes(panel));
  if (!hidden) return children;
  return (
    <div className="lesson-veil" data-testid={`lesson-veil-${panel}`}>
      <p>Hidden until you answer the lesson’s question: this view shows the answer.</p>
    </div>
  );
}
