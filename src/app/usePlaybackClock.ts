import { useEffect } from 'react';
import { BASE_RATE, usePlayback } from '../store/playback';

/**
 * Advances the playback cursor while playing, from requestAnimationFrame timestamps so speed is
 * independent of frame rate. Only t changes: nothing is recomputed.
 *
 * While playing, <html data-playing> is set: the views' CSS drops their easing then (see
 * diagram.css), because a new step arrives before an ease finishes and restarting the
 * transitions on every step repaints the diagram on every frame.
 */
export function usePlaybackClock(): void {
  const playing = usePlayback((s) => s.playing);
  useEffect(() => {
    if (!playing) return;
    const root = document.documentElement.dataset;
    root.playing = '1';
    let raf = 0;
    let last: number | null = null;
    let carry = 0;
    const tick = (now: number) => {
      const s = usePlayback.getState();
      if (last !== null) {
        carry += ((now - last) / 1000) * BASE_RATE * s.speed;
        const steps = Math.floor(carry);
        if (steps > 0) {
          carry -= steps;
          if (s.t + steps >= s.T - 1) {
            usePlayback.setState({ t: s.T - 1, playing: false });
            return;
          }
          usePlayback.setState({ t: s.t + steps });
        }
      }
      last = now;
      raf = requestAnimationFrame(tick);
    };
    raf = requestAnimationFrame(tick);
    return () => {
      cancelAnimationFrame(raf);
      delete root.playing;
    };
  }, [playing]);
}
