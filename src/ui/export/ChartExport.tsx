/**
 * The "⤓" button in a panel's header: the view as a PNG (2× its on-screen size) or an SVG,
 * named after the cell, task, step and view (gatescope-lstm-adding-t12-gradients.png).
 */
import { useRef } from 'react';
import { useConfig } from '../../store/config';
import { usePlayback } from '../../store/playback';
import { useTrace } from '../../store/trace';
import { downloadBlob } from './download';
import { exportRoot } from './exportRoot';
import { chartFileName } from './fileNames';
import { Menu } from './Menu';
import { snapshotToPng } from './raster';
import { snapshotSvg } from './snapshot';

interface ChartExportProps {
  /** the panel's id, used in the file name (e.g. "gradients") */
  view: string;
  title: string;
}

export function ChartExport({ view, title }: ChartExportProps) {
  const anchor = useRef<HTMLSpanElement>(null);
  const hasTrace = useTrace((s) => s.trace !== null);

  const save = async (kind: 'png' | 'svg') => {
    const panel = anchor.current?.closest('section');
    const root = panel && exportRoot(panel);
    if (!root) return;
    // The comparison's panels show all three cells: name them so, not after the single view's cell.
    const compare = panel.closest('[data-testid="compare-view"]') !== null;
    const cell = compare
      ? 'compare'
      : (useTrace.getState().trace?.spec.cell ?? useConfig.getState().cell);
    const subject = { cell, task: useConfig.getState().task };
    const name = chartFileName(subject, usePlayback.getState().t, view.replace(/^cmp-/, ''), kind);
    try {
      const snap = snapshotSvg(root);
      const blob =
        kind === 'svg'
          ? new Blob([`<?xml version="1.0" encoding="UTF-8"?>\n${snap.svg}`], {
              type: 'image/svg+xml',
            })
          : await snapshotToPng(snap);
      downloadBlob(blob, name);
    } catch (e) {
      useTrace.setState({
        error: `could not export ${title}: ${e instanceof Error ? e.message : String(e)}`,
      });
    }
  };

  return (
    <span ref={anchor} className="chart-export">
      <Menu
        label={`Export ${title}`}
        title={`Save ${title} as a picture`}
        disabled={!hasTrace}
        items={[
          {
            label: 'PNG image (2×)',
            title: 'A bitmap at twice the on-screen size, sharp on slides',
            onSelect: () => void save('png'),
          },
          {
            label: 'SVG vector',
            title:
              'Lines and text stay editable; heatmap colours (drawn on a canvas) are embedded as a bitmap',
            onSelect: () => void save('svg'),
          },
        ]}
      >
        <span aria-hidden="true">⤓</span>
      </Menu>
    </span>
  );
}
