// Renders the dnsorder.zonemd/v1 documents of `zonemd digest` and `zonemd
// verify`. Text: digest prints the records, one a line (what a zone file
// takes); verify prints the summary, then each record's outcome (when there
// are several, or it did not verify) and each DNSSEC check. JSON is the document.

import type { ZonemdDigestDocument, ZonemdVerifyDocument } from '../zone/zonemd-document.js';

export type ZonemdFormat = 'text' | 'json';

export function renderZonemdDigest(doc: ZonemdDigestDocument, format: ZonemdFormat): string {
  if (format === 'json') return JSON.stringify(doc, null, 2) + '\n';
  return doc.records.map((r) => r.text + '\n').join('');
}

export function renderZonemdVerify(doc: ZonemdVerifyDocument, format: ZonemdFormat): string {
  if (format === 'json') return JSON.stringify(doc, null, 2) + '\n';
  let report = `${doc.input.file}: ${doc.summary}\n`;
  for (const r of doc.records) if (doc.records.length > 1 || !doc.verified) report += `  ${r.status}: ${r.message}\n`;
  for (const rrset of doc.dnssec.rrsets) report += `  dnssec ${rrset.status}: ${rrset.detail}\n`;
  return report;
}
