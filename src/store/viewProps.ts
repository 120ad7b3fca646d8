/** The part of every view's props that comes from the shared cursor, selection and hover. */
import type { ViewProps } from '../views/types';
import { usePlayback } from './playback';
import { useUi } from './ui';

export type SharedViewProps = Omit<ViewProps, 'trace'>;

export function useSharedViewProps(): SharedViewProps {
  const t = usePlayback((s) => s.t);
  const seek = usePlayback((s) => s.seek);
  const ui = useUi();
  return {
    t,
    selection: ui.selection,
    hover: ui.hover,
    onHover: ui.setHover,
    onSelectUnit: ui.selectUnit,
    onSelectGate: ui.selectGate,
    onSeek: seek,
  };
}
