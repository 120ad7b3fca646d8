import { useUi } from '../store/ui';

/**
 * Fullscreen on and off (key f). Browsers refuse it without a user gesture, inside an iframe
 * that does not allow it, or on some kiosks: then the page says so instead of failing silently.
 */
export async function toggleFullscreen(): Promise<void> {
  const ui = useUi.getState();
  try {
    if (document.fullscreenElement) await document.exitFullscreen();
    else if (document.fullscreenEnabled) await document.documentElement.requestFullscreen();
    else throw new Error('disabled');
    ui.setFlash(null);
  } catch {
    ui.setFlash(
      'Fullscreen is not allowed here (the browser or the page embedding Gatescope refused it). Try F11 or the browser menu.',
    );
  }
}
