import { memo } from 'react';
import { SPEEDS, usePlayback } from '../store/playback';

/** Small inline icons: system fonts often lack the media-control glyphs. */
const ICONS = {
  start: 'M3 2h2v12H3zM14 2v12L6 8z',
  back: 'M12 2v12L4 8z',
  play: 'M4 2v12l10-6z',
  pause: 'M3 2h3.5v12H3zM9.5 2H13v12H9.5z',
  forward: 'M4 2v12l8-6z',
  end: 'M11 2h2v12h-2zM2 2v12l8-6z',
} as const;

/** Memoised: the bar re-renders on every step while playing, its icons never change with it. */
const Icon = memo(function Icon({ name }: { name: keyof typeof ICONS }) {
  return (
    <svg width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={ICONS[name]} fill="currentColor" />
    </svg>
  );
});

/** ⏮ ◀ ▶/❚❚ ▶ ⏭, speed and the timeline scrubber (t shown 1-based). */
/** The timestep slider's id: the skip link's target. */
export const TIMELINE_ID = 'timeline';

/**
 * The first Tab stop of the page, shown only when focused: straight to the timeline, past the
 * header and the controls. It moves focus itself: following `#timeline` would rewrite the hash,
 * which holds the page's link.
 */
export function SkipToTimeline() {
  return (
    <a
      className="skip-link"
      href={`#${TIMELINE_ID}`}
      onClick={(e) => {
        e.preventDefault();
        document.getElementById(TIMELINE_ID)?.focus();
      }}
    >
      Skip to the timeline
    </a>
  );
}

export function PlaybackBar() {
  const p = usePlayback();
  const shown = p.t + 1;
  return (
    <div className="playback" data-testid="playback">
      <div className="playback-buttons" role="group" aria-label="Playback">
        <button
          type="button"
          onClick={p.toStart}
          aria-label="Jump to start"
          title="Jump to start (Home)"
        >
          <Icon name="start" />
        </button>
        <button
          type="button"
          onClick={() => p.stepBy(-1)}
          aria-label="Step backward"
          title="Step backward (←)"
        >
          <Icon name="back" />
        </button>
        <button
          type="button"
          className="play"
          onClick={p.toggle}
          aria-label={p.playing ? 'Pause' : 'Play'}
          title="Play / pause (Space)"
        >
          <Icon name={p.playing ? 'pause' : 'play'} />
        </button>
        <button
          type="button"
          onClick={() => p.stepBy(1)}
          aria-label="Step forward"
          title="Step forward (→)"
        >
          <Icon name="forward" />
        </button>
        <button type="button" onClick={p.toEnd} aria-label="Jump to end" title="Jump to end (End)">
          <Icon name="end" />
        </button>
      </div>
      <label className="field speed">
        <span>speed</span>
        <select
          value={p.speed}
          aria-label="Playback speed"
          onChange={(e) => p.setSpeed(Number(e.target.value))}
        >
          {SPEEDS.map((s) => (
            <option key={s} value={s}>
              {s}×
            </option>
          ))}
        </select>
      </label>
      <input
        id={TIMELINE_ID}
        className="scrubber"
        type="range"
        min={1}
        max={p.T}
        step={1}
        value={shown}
        aria-label="Timestep"
        aria-valuemin={1}
        aria-valuemax={p.T}
        aria-valuenow={shown}
        aria-valuetext={`Timestep ${shown} of ${p.T}`}
        onChange={(e) => p.seek(Number(e.target.value) - 1)}
      />
      <output className="timestep num" aria-live="off">
        Timestep <strong>{shown}</strong> / {p.T}
      </output>
    </div>
  );
}
