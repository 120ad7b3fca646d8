import { useConfig } from '../store/config';
import { PANEL_IDS, type PanelId, useUi } from '../store/ui';
import { snapshot } from '../store/url/stores';
import { toggleFullscreen } from './fullscreen';
import { LessonsButton } from './LessonsButton';
import { LinkNotice } from './LinkNotice';
import './presentation.css';
import './modes.css';
import { CloseButton } from './CloseButton';

/** Names of the panels, as their headings say them. */
export const PANEL_TITLES: Record<PanelId, string> = {
  diagram: 'Cell diagram',
  heatmaps: 'Heatmaps',
  traces: 'State traces',
  equations: 'Equations',
  gradients: 'Gradient flow',
  training: 'Training',
  strip: 'Input / output',
  lens: 'Jacobian lens',
};

async function copyLink(): Promise<void> {
  const { setFlash } = useUi.getState();
  const missing = snapshot().weightsId;
  try {
    await navigator.clipboard.writeText(window.location.href);
    setFlash(
      missing
        ? `Link copied. It holds the settings, step and unit, but not the weights on screen (#${missing}, ${useConfig.getState().weights === 'imported' ? 'imported' : 'trained here'}): send their file too (Export → weights).`
        : 'Link copied: it opens this exact picture (step, unit and settings included).',
    );
  } catch {
    setFlash(`Copy this link by hand: ${window.location.href}`);
  }
}

/**
 * Classroom tools under the header: the lessons, copy the link, presentation mode (and which panel it
 * enlarges), fullscreen and the shortcut list; then messages about the link and these tools.
 */
export function ChromeBar() {
  const presenting = useUi((s) => s.presenting);
  const focus = useUi((s) => s.focusPanel);
  const flash = useUi((s) => s.flash);
  const ui = useUi.getState();
  return (
    <>
      <div className="chrome-bar" role="toolbar" aria-label="Classroom tools">
        {presenting && (
          <label className="field">
            <span>enlarge</span>
            <select
              value={focus}
              aria-label="Enlarged view"
              onChange={(e) => ui.setFocusPanel(e.target.value as PanelId)}
            >
              {PANEL_IDS.map((id) => (
                <option key={id} value={id}>
                  {PANEL_TITLES[id]}
                </option>
              ))}
            </select>
          </label>
        )}
        <LessonsButton />
        <button
          type="button"
          onClick={() => void copyLink()}
          title="Copy a link to this exact picture"
        >
          Copy link
        </button>
        <button
          type="button"
          aria-pressed={presenting}
          onClick={() => ui.setPresenting(!presenting)}
          title="Presentation mode: large type, one view enlarged (p)"
        >
          Present
        </button>
        <button type="button" onClick={() => void toggleFullscreen()} title="Fullscreen (f)">
          Fullscreen
        </button>
        <button
          type="button"
          aria-haspopup="dialog"
          onClick={() => ui.setHelpOpen(true)}
          title="Keyboard shortcuts (?)"
        >
          Shortcuts <kbd>?</kbd>
        </button>
      </div>
      {flash && (
        <div className="flash" role="status">
          <span>{flash}</span>
          <CloseButton
            className="notice-close"
            label="Dismiss the message"
            onClick={() => ui.setFlash(null)}
          />
        </div>
      )}
      <LinkNotice />
    </>
  );
}
