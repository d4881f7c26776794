// Records in one-line presentation form for reports ("name TTL IN TYPE data").
import type { DnsRecord } from '../wire/message.js';
import { rdataText } from '../wire/present.js';

export function presentRecords(records: readonly DnsRecord[]): string[] {
  return records.map((r) => `${r.name} ${r.ttl ?? 0} ${r.class ?? 'IN'} ${r.type} ${rdataText(r.data)}`);
}
