/**
 * Playback is only a cursor over the cached trace and a clock: stepping, scrubbing and playing
 * never recompute the network.
 */
import { create } from 'zustand';

export const SPEEDS = [0.25, 0.5, 1, 2, 4, 8] as const;
/** Steps per second at 1× speed. */
export const BASE_RATE = 4;

interface PlaybackState {
  /** current step, 0-based */
  t: number;
  /** number of steps in the current trace */
  T: number;
  playing: boolean;
  speed: number;
  setLength(T: number): void;
  seek(t: number): void;
  stepBy(dt: number): void;
  toStart(): void;
  toEnd(): void;
  play(): void;
  pause(): void;
  toggle(): void;
  setSpeed(s: number): void;
  /** one notch faster (+1) or slower (−1) through SPEEDS */
  nudgeSpeed(dir: 1 | -1): void;
}

const clampT = (t: number, T: number) => Math.min(Math.max(0, Math.round(t)), Math.max(0, T - 1));

export const usePlayback = create<PlaybackState>()((set, get) => ({
  t: 0,
  T: 1,
  playing: false,
  speed: 1,
  setLength: (T) => set((s) => ({ T, t: clampT(s.t, T) })),
  seek: (t) => set((s) => ({ t: clampT(t, s.T) })),
  stepBy: (dt) => set((s) => ({ t: clampT(s.t + dt, s.T), playing: false })),
  toStart: () => set({ t: 0, playing: false }),
  toEnd: () => set((s) => ({ t: s.T - 1, playing: false })),
  // Playing from the last step starts over, as a video player does.
  play: () => set((s) => ({ playing: true, t: s.t >= s.T - 1 ? 0 : s.t })),
  pause: () => set({ playing: false }),
  toggle: () => (get().playing ? get().pause() : get().play()),
  setSpeed: (speed) =>
    set({ speed: SPEEDS.includes(speed as (typeof SPEEDS)[number]) ? speed : 1 }),
  nudgeSpeed: (dir) => {
    const i = SPEEDS.indexOf(get().speed as (typeof SPEEDS)[number]);
    set({ speed: SPEEDS[Math.min(SPEEDS.length - 1, Math.max(0, i + dir))]! });
  },
}));
