// Records in one-line presentation form for reports ("name TTL IN TYPE data").
import type { DnsRecord } from '../wire/message.js';

export function presentRecords(records: readonly DnsRecord[]): string[] {
  return records.map((r) => `${r.name} ${r.ttl ?? 0} ${r.class ?? 'IN'} ${r.type} ${presentData(r.data)}`);
}

function presentData(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return `\\# ${data.length} ${data.toString('hex')}`;
  if (data && typeof data === 'object') {
    return Object.entries(data as Record<string, unknown>)
      .map(([k, v]) => `${k}=${Buffer.isBuffer(v) ? `${v.toString('hex').slice(0, 16)}…` : String(v)}`)
      .join(' ');
  }
  return String(data);
}
