/** The file actions next to the view switch: import weights, export trace and weights. */
import { ImportWeights } from '../ImportWeights';
import { DataExport } from './DataExport';
import './export.css';

export function FileTools() {
  return (
    <div className="file-tools" role="group" aria-label="Files">
      <ImportWeights />
      <DataExport />
    </div>
  );
}
