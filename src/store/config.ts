/**
 * The config slice: the user's choices (src/config/config.ts), sanitized on every set. The
 * session (src/app/session/) subscribes to it and recomputes the traces once per change.
 */
import { create } from 'zustand';
import { type Config, DEFAULT_CONFIG, sanitize } from '../config/config';

interface ConfigState extends Config {
  set(patch: Partial<Config>): void;
}

export const useConfig = create<ConfigState>()((set, get) => ({
  ...DEFAULT_CONFIG,
  set: (patch) => set(sanitize(get(), patch)),
}));
