/**
 * Loading a gatescope.weights/1 file (PyTorch or Keras layout) by the file picker or by dropping
 * it anywhere on the page. Nothing in the file is trusted: the engine's parser checks sizes,
 * shapes and numbers and names the bad tensor, and the model must fit the current task. Any
 * refusal is shown right here and the network on screen stays as it was; harmless parts the
 * file holds beyond the contract (metadata, an optimizer's state) are listed in a notice.
 */
import { useEffect, useRef, useState } from 'react';
import { parseWeightsText, weightsFileTooBig } from '../engine/weights/format';
import { type UnusedPart, describeParts } from '../engine/unused';
import { taskFor } from '../config/inputs';
import { useConfig } from '../store/config';
import { useTrace } from '../store/trace';
import { configForModel, importProblem } from './export/importCheck';
import './export/export.css';
import { errorMessage } from '../engine/util';
import { CloseButton } from './CloseButton';

type Outcome = { problem: string } | { skipped: UnusedPart[] };

/** Validates and shows the file's model; resolves to why not, or to the parts it skipped. */
async function importFile(file: File): Promise<Outcome> {
  const refuse = (problem: string) => ({ problem });
  try {
    // Refuse a huge file before reading it into memory (JSON text is ~1 byte per character).
    const tooBig = weightsFileTooBig(file.size);
    if (tooBig) return refuse(tooBig);
    const { model, skipped } = parseWeightsText(await file.text());
    const c = useConfig.getState();
    const problem = importProblem(model, taskFor(c));
    if (problem) return refuse(problem);
    // The session installs `adopt` with TF.js; it is there once the page shows a live trace.
    const { adopt } = useTrace.getState();
    if (!adopt) return refuse('the engine is still starting; try again in a moment');
    adopt(model, configForModel(model), `Imported weights from ${file.name}`);
    return { skipped };
  } catch (e) {
    return refuse(errorMessage(e));
  }
}

export function ImportWeights() {
  const input = useRef<HTMLInputElement>(null);
  const [error, setError] = useState<{ file: string; text: string } | null>(null);
  const [notice, setNotice] = useState<{ file: string; text: string } | null>(null);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  // Not on the precomputed first trace: importing needs the engine (TF.js) running.
  const ready = useTrace((s) => s.source === 'live');

  const load = async (file: File) => {
    setBusy(true);
    const outcome = await importFile(file);
    setBusy(false);
    const refused = 'problem' in outcome;
    setError(refused ? { file: file.name, text: outcome.problem.replace(/\.$/, '') } : null);
    setNotice(
      !refused && outcome.skipped.length > 0
        ? { file: file.name, text: describeParts(outcome.skipped, 8) }
        : null,
    );
  };
  const loadRef = useRef(load);
  useEffect(() => {
    loadRef.current = load;
  });

  // Drag and drop anywhere on the page. dragenter/dragleave fire for every child crossed, so
  // a counter tells when the pointer has really left the window.
  useEffect(() => {
    if (!ready) return;
    let depth = 0;
    const hasFile = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const enter = (e: DragEvent) => {
      if (!hasFile(e)) return;
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent) => {
      if (!hasFile(e)) return;
      e.preventDefault(); // allows the drop
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const leave = (e: DragEvent) => {
      if (!hasFile(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent) => {
      if (!hasFile(e)) return;
      e.preventDefault(); // the browser would otherwise open the file and leave the page
      depth = 0;
      setDragging(false);
      const file = e.dataTransfer?.files[0];
      if (file) void loadRef.current(file);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [ready]);

  return (
    <>
      <button
        type="button"
        className="import-button"
        disabled={!ready || busy}
        title="Load a gatescope.weights/1 JSON file (PyTorch or Keras layout); you can also drop it on the page"
        onClick={() => input.current?.click()}
      >
        {busy ? 'Importing…' : 'Import weights…'}
      </button>
      {/* No accept filter: a file the picker hid could not be explained; any file is read and
          a wrong one gets a reason. */}
      <input
        ref={input}
        type="file"
        hidden
        aria-label="Weights file"
        data-testid="import-weights-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = ''; // choosing the same file again must fire another change
          if (file) void load(file);
        }}
      />
      {error && (
        <p className="import-error" role="alert">
          <span>
            Could not import <strong>{error.file}</strong>: {error.text}. The current weights are
            kept.
          </span>
          <CloseButton label="Dismiss" onClick={() => setError(null)} />
        </p>
      )}
      {notice && (
        <p className="import-notice" role="status">
          <span>
            Imported <strong>{notice.file}</strong>. Skipped, since they do not change the network:{' '}
            {notice.text}.
          </span>
          <CloseButton label="Dismiss notice" onClick={() => setNotice(null)} />
        </p>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          <div className="drop-card">
            <strong>Drop a weights file to load it</strong>
            <span>gatescope.weights/1 JSON, PyTorch or Keras layout</span>
          </div>
        </div>
      )}
    </>
  );
}
