import type { ReactNode } from 'react';

interface PanelProps {
  /** CSS grid area and test id suffix, e.g. "diagram". */
  area: string;
  title: string;
  /** One line saying what the panel shows. */
  caption: ReactNode;
  /** What will be drawn here, while the panel is still a placeholder. */
  upcoming?: ReactNode;
  children?: ReactNode;
}

/** A titled, captioned region of the main layout. */
export function Panel({ area, title, caption, upcoming, children }: PanelProps) {
  const titleId = `panel-${area}-title`;
  return (
    <section
      className="panel"
      style={{ gridArea: area }}
      aria-labelledby={titleId}
      data-testid={`panel-${area}`}
    >
      <header className="panel-head">
        <h2 id={titleId}>{title}</h2>
        {upcoming && <span className="pill">coming next</span>}
      </header>
      <p className="panel-caption">{caption}</p>
      {children}
      {upcoming && <div className="panel-placeholder">{upcoming}</div>}
    </section>
  );
}
