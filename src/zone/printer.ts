// Records → zone text, one fully qualified line per record, either in each
// type's presentation format or entirely in RFC 3597 generic form
// (`TYPEnnn \# len hex`), which every RFC 3597 loader must accept.

import { className, typeName } from '../rdata/registry.js';
import { nameToText } from '../rdata/name.js';
import { rdataToText } from '../rdata/presentation.js';
import type { ZoneRecord } from './record.js';

export interface PrintOptions {
  /** true: every record in generic form; a function: only the types it picks. */
  generic?: boolean | ((type: number) => boolean);
}

export function formatRecord(record: ZoneRecord, options: PrintOptions = {}): string {
  const generic = typeof options.generic === 'function' ? options.generic(record.type) : options.generic === true;
  const type = generic ? `TYPE${record.type}` : typeName(record.type);
  return `${nameToText(record.owner)}\t${record.ttl}\t${className(record.class)}\t${type}\t${rdataToText(record.type, record.rdata, { generic })}`;
}

/** The zone as text, records in the order given. */
export function formatZone(records: Iterable<ZoneRecord>, options: PrintOptions = {}): string {
  let out = '';
  for (const r of records) out += formatRecord(r, options) + '\n';
  return out;
}
