import { useEffect } from 'react';
import { errorMessage } from '../engine/util';
import { useBackendStore } from '../store/backend';
import { useCompare } from '../store/compare';
import { useConfig } from '../store/config';
import { useLesson } from '../store/lesson';
import { ChromeBar } from '../ui/ChromeBar';
import { CustomSequenceEditor } from '../ui/CustomSequenceEditor';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LazyPanel } from '../ui/LazyPanel';
import { LessonVeil } from '../ui/LessonVeil';
import { LazyPart, importWithRetry } from '../ui/lazyPart';
import { Header } from '../ui/Header';
import { HelpOverlay } from '../ui/HelpOverlay';
import { ModelControls } from '../ui/ModelControls';
import { PlaybackBar, SkipToTimeline } from '../ui/PlaybackBar';
import { StatusLine } from '../ui/StatusLine';
import { StepAnnouncer } from '../ui/StepAnnouncer';
import { ViewSwitch } from '../ui/ViewSwitch';
import { FileTools } from '../ui/export/FileTools';
import { TourButton, TourCard } from '../tour/TourCard';
import { WhatIfControls } from '../ui/WhatIfControls';
import { firstFrameDrawn } from './firstFrame';
import { readBackendRequest } from './params';
import { showPrecomputed } from './precomputed';
import { useKeyboard } from './useKeyboard';
import { usePlaybackClock } from './usePlaybackClock';
import { useUrlSync } from './useUrlSync';
import { Views } from './Views';

// The compare view and its charts load only when first opened (retried; a failure stays in its panel).
const compareView = new LazyPart(() => import('./CompareView'), { freshUrl: true });
// The lessons (their cards, editor and texts) load only when one is opened.
const lessons = new LazyPart(() => import('../lessons/LessonHost'), { freshUrl: true });

/**
 * Draws the shipped first trace (when it is this config's), then loads TF.js and starts the
 * backend: on a slow machine TF.js's parse and warm-up would otherwise delay the first frame.
 */
async function startEngine(): Promise<void> {
  const request = readBackendRequest(window.location.search, window.location.hash);
  if (await showPrecomputed()) await firstFrameDrawn(1000);
  try {
    const { startBackend } = await importWithRetry(() => import('./backendControl'));
    await startBackend(request);
  } catch (err) {
    engineFailed(err);
  }
}

/** The engine's code could not load (even after retries): the status line says so. */
function engineFailed(err: unknown): void {
  useBackendStore.setState({
    status: 'failed',
    error: `could not load the engine (${errorMessage(err)}); reload the page once the network is back`,
  });
}

export function App() {
  const status = useBackendStore((s) => s.status);
  const backend = useBackendStore((s) => s.info?.name);
  const task = useConfig((s) => s.task);
  const compareOpen = useCompare((s) => s.open);
  const lessonsWanted = useLesson((s) => s.ref !== null || s.window !== 'none');
  usePlaybackClock();
  useKeyboard();
  useUrlSync();

  useEffect(() => {
    void startEngine();
  }, []);

  // Once TF.js has a backend, load the session (with TF.js) and compute the first traces.
  useEffect(() => {
    if (status !== 'ready') return;
    importWithRetry(() => import('./session/start')).then(
      (m) => m.startSession(),
      (err: unknown) => engineFailed(err),
    );
  }, [status]);

  // A signal for tests and scripts: the page is usable once TF.js has a backend.
  useEffect(() => {
    const { dataset } = document.body;
    if (status === 'starting') return;
    dataset.ready = status === 'ready' ? '1' : 'failed';
    if (backend) dataset.backend = backend;
  }, [status, backend]);

  // The last line of defence: anything a panel boundary misses shows a message, not a blank page.
  return (
    <ErrorBoundary name="app">
      <div className="app">
        <SkipToTimeline />
        <Header />
        <ChromeBar />
        <ModelControls />
        <WhatIfControls />
        {task === 'custom' && <CustomSequenceEditor />}
        <div className="view-row">
          <ViewSwitch />
          <TourButton />
          <FileTools />
        </div>
        <StatusLine />
        {compareOpen ? (
          <LessonVeil panel="compare">
            <LazyPanel part={compareView} what="the comparison" name="compare">
              {(m) => <m.CompareView />}
            </LazyPanel>
          </LessonVeil>
        ) : (
          <Views />
        )}
        <PlaybackBar />
        <TourCard />
        {lessonsWanted && (
          <LazyPanel part={lessons} what="the lessons" name="lessons">
            {(m) => <m.LessonHost />}
          </LazyPanel>
        )}
        <HelpOverlay />
        <StepAnnouncer />
      </div>
    </ErrorBoundary>
  );
}
