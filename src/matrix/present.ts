// Records in presentation format for reports ("name. TTL IN TYPE rdata", as in a zone file).
import { recordText } from '../rdata/record-text.js';
import type { DnsRecord } from '../wire/message.js';

export function presentRecords(records: readonly DnsRecord[]): string[] {
  return records.map(recordText);
}
