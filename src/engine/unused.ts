/**
 * What a reader did not use. Every reader of something a user hands Gatescope (weight files, the
 * CLI's input sequences, custom text, trace files) uses each part it is given or names it: parts
 * that could change the numbers make it refuse, harmless ones (comments, metadata, an
 * optimizer's state) are skipped and returned, so the page can list them and the CLI refuse them
 * (docs/reliability.md, "Nothing silently ignored").
 */
import { EngineInputError } from './spec';

/** One part of an input that its reader did not use, named as the input names it. */
export interface UnusedPart {
  /** What the input calls it: 'field', 'tensor', 'array', 'characters'. */
  kind: string;
  name: string;
  /** What else identifies it, e.g. a tensor's shape "[12, 3]". */
  detail?: string;
}

/** A refusal over parts the reader would not use; `parts` names them (the CLI exits 2). */
export class UnusedPartsError extends EngineInputError {
  override name = 'UnusedPartsError';
  readonly parts: readonly UnusedPart[];
  constructor(message: string, parts: readonly UnusedPart[]) {
    super(message);
    this.parts = parts;
  }
}

/**
 * One line naming the parts, grouped by kind in first-seen order, at most `max` per kind:
 * `field "numLayers", tensors "weight_ih_l1" [16, 3], "weight_hh_l1" [16, 4], … (12 in all)`.
 */
export function describeParts(parts: readonly UnusedPart[], max = 6): string {
  const groups = new Map<string, UnusedPart[]>();
  for (const p of parts) groups.set(p.kind, [...(groups.get(p.kind) ?? []), p]);
  return [...groups]
    .map(([kind, group]) => {
      const label = group.length > 1 && !kind.endsWith('s') ? `${kind}s` : kind;
      const shown = group
        .slice(0, max)
        .map((p) => `${JSON.stringify(p.name)}${p.detail ? ` ${p.detail}` : ''}`);
      const more = group.length > max ? `, … (${group.length} in all)` : '';
      return `${label} ${shown.join(', ')}${more}`;
    })
    .join(', ');
}

/**
 * Top-level names that only describe a file (comments, provenance, training history): a reader
 * skips and lists them. Compared without case and punctuation, so `created_at` is `createdAt`.
 */
const METADATA = new Set(
  [
    'note',
    'notes',
    'comment',
    'comments',
    'description',
    'name',
    'title',
    'author',
    'license',
    'created',
    'createdAt',
    'date',
    'timestamp',
    'version',
    'framework',
    'frameworkVersion',
    'torchVersion',
    'tensorflowVersion',
    'kerasVersion',
    'exportedBy',
    'generator',
    'source',
    'metadata',
    'meta',
    'info',
    'epoch',
    'epochs',
    'step',
    'steps',
    'iterations',
    'loss',
    'valLoss',
    'accuracy',
    'metrics',
    'history',
    'seed',
    'task',
    'dataset',
    'optimizer',
    'optimizerState',
    'optimState',
    'learningRate',
    'lr',
  ].map(squash),
);

function squash(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, '');
}

/** True for a field name that only describes the file; `_…`, `$…` and `#…` are comments too. */
export function looksLikeMetadata(name: string): boolean {
  return /^[_$#]/.test(name) || METADATA.has(squash(name));
}

/** The fields of `obj` outside `known`: metadata to skip and list, and the rest, to refuse. */
export function unknownFields(obj: object, known: readonly string[]) {
  const skipped: UnusedPart[] = [];
  const refused: UnusedPart[] = [];
  for (const name of Object.keys(obj))
    if (!known.includes(name))
      (looksLikeMetadata(name) ? skipped : refused).push({ kind: 'field', name });
  return { skipped, refused };
}

/** For callers that take nothing unused (the CLI, shipped files): refuses any skipped part. */
export function allUsed<R extends { skipped: readonly UnusedPart[] }>(read: R, what: string): R {
  if (read.skipped.length > 0)
    throw new UnusedPartsError(
      `${what} has parts it does not use: ${describeParts(read.skipped)}`,
      read.skipped,
    );
  return read;
}
