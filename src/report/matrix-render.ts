// One entry point from a matrix document to any output format.
import { UsageError } from '../errors.js';
import type { MatrixDocument } from '../matrix/document.js';
import { renderMatrixHtml } from './matrix-html.js';
import { renderMatrixJunit } from './matrix-junit.js';
import { renderMatrixMarkdown, renderMatrixTable } from './matrix-text.js';
import { compareReleases } from './matrix-releases.js';

export const MATRIX_FORMATS = ['table', 'json', 'md', 'junit', 'html'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export function renderMatrix(doc: MatrixDocument, format: string, options: { colour?: boolean } = {}): string {
  switch (format as MatrixFormat) {
    case 'table': return renderMatrixTable(doc, options.colour ?? false);
    case 'json': return `${JSON.stringify(withChanges(doc), null, 2)}\n`;
    case 'md': return renderMatrixMarkdown(doc);
    case 'junit': return renderMatrixJunit(doc);
    case 'html': return renderMatrixHtml(doc);
    default: throw new UsageError('ERR_FORMAT', `unknown format "${format}" (one of ${MATRIX_FORMATS.join(', ')})`);
  }
}

/**
 * The document as JSON: itself, plus `changes` (computed from the results)
 * when real clients ran in more than one userland. A `changes` the document
 * came with is recomputed, or dropped when there is nothing to compare.
 */
function withChanges(doc: MatrixDocument): MatrixDocument {
  const releases = compareReleases(doc);
  const { changes: stale, ...rest } = doc;
  if (releases) return { ...rest, changes: releases.changes };
  return stale === undefined ? doc : rest;
}
