import { BackendBadge } from './BackendBadge';

/** Top bar: name, tagline and the backend status. */
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
      <BackendBadge />
    </header>
  );
}
