// `--expect baseline.json`: compare a run with a stored matrix, cell by cell.
// A cell whose outcome differs is a change (exit 1) — including a client that
// ran before and is skipped now. Cells only in one of the two are listed, not
// counted as changes, so a baseline can cover fewer scenarios than a run.
import { isDnsorderError, UsageError } from '../errors.js';
import { fsReason } from '../files/fs-errors.js';
import { MATRIX_SCHEMA, resultKey, type MatrixDocument } from './document.js';
import { INPUT_LIMITS, readTextBounded } from '../files/read-bounded.js';

export interface CellChange {
  scenario: string;
  client: string;
  before: string;
  after: string;
  detail: string;
}

export interface Comparison {
  changed: CellChange[];
  /** Cells run now that the baseline does not have. */
  unmatched: number;
}

export async function loadBaseline(file: string): Promise<MatrixDocument> {
  let doc: Partial<MatrixDocument>;
  try {
    doc = JSON.parse(readTextBounded(file, INPUT_LIMITS.report));
  } catch (err) {
    if (isDnsorderError(err)) throw err;
    throw new UsageError('ERR_BASELINE', `cannot read baseline ${file}: ${fsReason(err)}`, { cause: err });
  }
  if (doc.schema !== MATRIX_SCHEMA || !Array.isArray(doc.results)) {
    throw new UsageError('ERR_BASELINE', `${file} is not a ${MATRIX_SCHEMA} document`);
  }
  return doc as MatrixDocument;
}

export function compareMatrices(baseline: MatrixDocument, current: MatrixDocument): Comparison {
  const before = new Map(baseline.results.map((r) => [resultKey(r), r]));
  const changed: CellChange[] = [];
  let unmatched = 0;
  for (const r of current.results) {
    const old = before.get(resultKey(r));
    if (!old) {
      unmatched++;
      continue;
    }
    if (old.outcome !== r.outcome) changed.push({ scenario: r.scenario, client: r.client, before: old.outcome, after: r.outcome, detail: r.detail });
  }
  return { changed, unmatched };
}

export function describeChanges(c: Comparison): string {
  const lines = c.changed.map((x) => `changed: ${x.scenario} × ${x.client}: ${x.before} → ${x.after} (${x.detail})`);
  lines.push(`${c.changed.length} changed cell(s)${c.unmatched ? `, ${c.unmatched} cell(s) not in the baseline` : ''}`);
  return lines.join('\n') + '\n';
}
