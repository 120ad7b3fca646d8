/** Export file names say cell, task and step, and are safe on every file system. */
import { describe, expect, it } from 'vitest';
import {
  chartFileName,
  slug,
  traceFileName,
  weightsFileName,
} from '../../../src/ui/export/fileNames';

describe('export file names', () => {
  const lstm = { cell: 'lstm', task: 'adding' };
  it('name pictures by cell, task, 1-based step and view', () => {
    expect(chartFileName(lstm, 11, 'gradients', 'png')).toBe(
      'gatescope-lstm-adding-t12-gradients.png',
    );
    expect(chartFileName({ cell: 'gru', task: 'copy' }, 0, 'heatmaps', 'svg')).toBe(
      'gatescope-gru-copy-t1-heatmaps.svg',
    );
  });
  it('name the trace and the weights', () => {
    expect(traceFileName({ cell: 'gru', task: 'copy' }, 'csv')).toBe(
      'gatescope-gru-copy-trace.csv',
    );
    expect(traceFileName(lstm, 'json')).toBe('gatescope-lstm-adding-trace.json');
    expect(weightsFileName(lstm, 'pytorch')).toBe('gatescope-lstm-adding-weights.json');
    expect(weightsFileName(lstm, 'keras')).toBe('gatescope-lstm-adding-weights-keras.json');
  });
  it('keep only safe characters', () => {
    expect(slug('My Task/../x?')).toBe('my-task-x');
    expect(slug('***')).toBe('x');
    expect(chartFileName({ cell: 'LSTM', task: 'a b' }, -3, 'Cell diagram', 'png')).toBe(
      'gatescope-lstm-a-b-t1-cell-diagram.png',
    );
  });
});
