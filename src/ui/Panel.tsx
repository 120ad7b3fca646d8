import { type ReactNode, useId, useState } from 'react';
import { PanelBoundary } from './ErrorBoundary';
import { ChartExport } from './export/ChartExport';
import { LessonVeil } from './LessonVeil';

interface PanelProps {
  /** CSS grid area and test id suffix, e.g. "diagram". */
  area: string;
  title: string;
  /** One line saying what the panel shows. */
  caption: ReactNode;
  /** Two or three sentences behind the (?) button. */
  help?: ReactNode;
  /** An active intervention that changes what this panel shows: badged so a screenshot cannot mislead. */
  badge?: string | null;
  children?: ReactNode;
}

/** A titled, captioned region of the main layout, with its explanation one click away. */
export function Panel({ area, title, caption, help, badge, children }: PanelProps) {
  const titleId = `panel-${area}-title`;
  const helpId = useId();
  const [open, setOpen] = useState(false);
  return (
    <section
      className="panel"
      style={{ gridArea: area }}
      aria-labelledby={titleId}
      data-testid={`panel-${area}`}
    >
      <header className="panel-head">
        <h2 id={titleId}>{title}</h2>
        {badge && (
          <span className="intervention-badge" title={badge}>
            what-if: {badge}
          </span>
        )}
        <ChartExport view={area} title={title} />
        {help && (
          <button
            type="button"
            className="help-toggle"
            aria-expanded={open}
            aria-controls={helpId}
            aria-label={`What is ${title}?`}
            onClick={() => setOpen(!open)}
          >
            ?
          </button>
        )}
      </header>
      <p className="panel-caption">{caption}</p>
      {help && open && (
        <p id={helpId} className="panel-help">
          {help}
        </p>
      )}
      {/* A view that throws stays inside its panel; the header and the rest of the page live on. */}
      <LessonVeil panel={area}>
        <PanelBoundary name={area}>{children}</PanelBoundary>
      </LessonVeil>
    </section>
  );
}
