// One entry point from a matrix document to any output format.
import { UsageError } from '../errors.js';
import type { MatrixDocument } from './matrix-document.js';
import { renderMatrixHtml } from './matrix-html.js';
import { renderMatrixJunit } from './matrix-junit.js';
import { renderMatrixMarkdown, renderMatrixTable } from './matrix-text.js';

export const MATRIX_FORMATS = ['table', 'json', 'md', 'junit', 'html'] as const;
export type MatrixFormat = (typeof MATRIX_FORMATS)[number];

export function renderMatrix(doc: MatrixDocument, format: string, options: { colour?: boolean } = {}): string {
  switch (format as MatrixFormat) {
    case 'table': return renderMatrixTable(doc, options.colour ?? false);
    case 'json': return `${JSON.stringify(doc, null, 2)}\n`;
    case 'md': return renderMatrixMarkdown(doc);
    case 'junit': return renderMatrixJunit(doc);
    case 'html': return renderMatrixHtml(doc);
    default: throw new UsageError('ERR_FORMAT', `unknown format "${format}" (one of ${MATRIX_FORMATS.join(', ')})`);
  }
}
