/** The shared part of every view's props, read from the playback cursor and the ui store. */
import { usePlayback } from '../store/playback';
import { useUi } from '../store/ui';
import type { SharedViewProps } from '../views/types';

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
