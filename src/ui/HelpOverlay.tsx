import { type KeyboardEvent, useEffect, useRef } from 'react';
import { useUi } from '../store/ui';
import { CloseButton } from './CloseButton';

/** Every shortcut useKeyboard handles, as the overlay lists them. */
export const SHORTCUTS: readonly [keys: string[], what: string][] = [
  [['Space'], 'Play / pause'],
  [['←', '→'], 'Step back / forward'],
  [['Home', 'End'], 'First / last step'],
  [['↓', '↑'], 'Into the step, op by op: next op / previous op (↑ at the first op: out)'],
  [['[', ']'], 'Slower / faster'],
  [['1', '2', '3'], 'Elman / LSTM / GRU cell'],
  [['u', 'Shift+U'], 'Next / previous hidden unit'],
  [['c'], 'Compare the three cells (toggle)'],
  [['t'], 'Train / pause training'],
  [['p'], 'Presentation mode (large type, one view enlarged)'],
  [['f'], 'Fullscreen'],
  [['←', '→', '↑', '↓'], 'In the Jacobian lens map: move k / move t'],
  [['?'], 'This list'],
  [['Esc'], 'Close this list'],
];

/** Link keys a teacher adds after '#' (with '&' between them). */
const LINK_MODES: readonly [key: string, what: string][] = [
  ['teacher=play', 'only the views and the playback bar'],
  ['teacher=1', 'controls, but no explanatory text'],
  ['embed=gradients', 'one view alone, for slides or an LMS (also diagram, heatmaps, …)'],
  ['present=1', 'open in presentation mode'],
  ['t=31&from=6', 'step 31 and, in the Jacobian lens, the earlier step k = 6'],
  ['t=12&unit=3&op=gate-forget', 'inside step 12, unit 3, at the forget gate’s op'],
];

/**
 * The keyboard shortcuts in a modal dialog (key ? or the header button). A native <dialog>
 * shown with showModal makes the page behind inert and closes on Esc; Tab is kept inside it
 * here, and focus goes back to where it was when the dialog closes.
 */
export function HelpOverlay() {
  const open = useUi((s) => s.helpOpen);
  const setOpen = useUi((s) => s.setHelpOpen);
  const dialog = useRef<HTMLDialogElement>(null);
  const returnTo = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (open && !d.open) {
      returnTo.current =
        document.activeElement instanceof HTMLElement ? document.activeElement : null;
      d.showModal();
      d.querySelector<HTMLElement>('button')?.focus();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);

  const trapTab = (e: KeyboardEvent<HTMLDialogElement>) => {
    if (e.key !== 'Tab') return;
    const items = [
      ...e.currentTarget.querySelectorAll<HTMLElement>('button, [href], [tabindex="0"]'),
    ];
    const first = items[0];
    const last = items[items.length - 1];
    if (!first || !last) return;
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first.focus();
    }
  };

  return (
    <dialog
      ref={dialog}
      className="help-overlay"
      aria-labelledby="help-overlay-title"
      data-testid="help-overlay"
      onKeyDown={trapTab}
      onClose={() => {
        setOpen(false);
        returnTo.current?.focus();
        returnTo.current = null;
      }}
    >
      <div className="help-overlay-head">
        <h2 id="help-overlay-title">Keyboard shortcuts</h2>
        <CloseButton className="notice-close" label="Close" onClick={() => setOpen(false)} />
      </div>
      <table className="shortcut-table">
        <tbody>
          {SHORTCUTS.map(([keys, what]) => (
            <tr key={what}>
              <th scope="row">
                {keys.map((k) => (
                  <kbd key={k}>{k}</kbd>
                ))}
              </th>
              <td>{what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h3>Classroom links</h3>
      <p className="muted">
        The address always holds the current picture: copy it to share exactly what you see. Add
        these after <code>#</code> (joined by <code>&amp;</code>):
      </p>
      <ul className="link-modes">
        {LINK_MODES.map(([key, what]) => (
          <li key={key}>
            <code>{key}</code> {what}
          </li>
        ))}
      </ul>
    </dialog>
  );
}
