import { useLesson } from '../store/lesson';
import { BackendBadge } from './BackendBadge';

/** Top bar: name, tagline, the lessons and the backend status. */
export function Header() {
  return (
    <header className="app-header">
      <div className="brand">
        <img className="brand-logo" src="/favicon.svg" alt="" width={36} height={36} />
        <div>
          <h1>Gatescope</h1>
          <p className="tagline">
            See inside recurrent networks: gates, states and gradients, one step at a time.
          </p>
        </div>
      </div>
      <div className="header-tools">
        <LessonsButton />
        <BackendBadge />
      </div>
    </header>
  );
}

/** Opens the lessons list (the lessons load on first use, apart from the first page load). */
function LessonsButton() {
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
