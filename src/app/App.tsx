import { Suspense, lazy, useEffect } from 'react';
import { useBackendStore } from '../store/backend';
import { useCompare } from '../store/compare';
import { useConfig } from '../store/config';
import { CustomSequenceEditor } from '../ui/CustomSequenceEditor';
import { Header } from '../ui/Header';
import { ModelControls } from '../ui/ModelControls';
import { PlaybackBar } from '../ui/PlaybackBar';
import { StatusLine } from '../ui/StatusLine';
import { ViewSwitch } from '../ui/ViewSwitch';
import { WhatIfControls } from '../ui/WhatIfControls';
import { readBackendRequest } from './params';
import { useKeyboard } from './useKeyboard';
import { usePlaybackClock } from './usePlaybackClock';
import { Views } from './Views';

// The compare view, its charts and its controller load only when first opened.
const CompareView = lazy(() =>
  import('../views/compare/CompareView').then((m) => ({ default: m.CompareView })),
);

export function App() {
  const start = useBackendStore((s) => s.start);
  const status = useBackendStore((s) => s.status);
  const backend = useBackendStore((s) => s.info?.name);
  const task = useConfig((s) => s.task);
  const compareOpen = useCompare((s) => s.open);
  usePlaybackClock();
  useKeyboard();

  useEffect(() => {
    void start(readBackendRequest(window.location.search, window.location.hash));
  }, [start]);

  // Once TF.js has a backend, load the engine controller (with TF.js) and compute the first trace.
  useEffect(() => {
    if (status !== 'ready') return;
    void import('./controller').then((m) => m.startController());
  }, [status]);

  useEffect(() => {
    if (status !== 'ready' || !compareOpen) return;
    void import('./compareController').then((m) => m.startCompareController());
  }, [status, compareOpen]);

  // A signal for tests and scripts: the page is usable once TF.js has a backend.
  useEffect(() => {
    const { dataset } = document.body;
    if (status === 'starting') return;
    dataset.ready = status === 'ready' ? '1' : 'failed';
    if (backend) dataset.backend = backend;
  }, [status, backend]);

  return (
    <div className="app">
      <Header />
      <ModelControls />
      <WhatIfControls />
      {task === 'custom' && <CustomSequenceEditor />}
      <ViewSwitch />
      <StatusLine />
      {compareOpen ? (
        <Suspense fallback={<div className="panel-placeholder">Loading the comparison…</div>}>
          <CompareView />
        </Suspense>
      ) : (
        <Views />
      )}
      <PlaybackBar />
    </div>
  );
}
