import { useLesson } from '../store/lesson';

/** Opens the lessons list (the lessons' code loads on first use, not with the page). */
export function LessonsButton() {
  const open = useLesson((s) => s.window === 'list');
  return (
    <button
      type="button"
      className="lessons-button"
      aria-haspopup="dialog"
      aria-expanded={open}
      title="Lessons that ask you to predict, then show you on the live network"
      onClick={() => useLesson.getState().setWindow(open ? 'none' : 'list')}
    >
      Lessons
    </button>
  );
}
