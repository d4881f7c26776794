// RFC 8976 Appendix A.1 without its ZONEMD: the small zone dnsorder makes its
// default ZONEMD variants from (zone loaders, fixtures), so both always test
// the same, published zone.

import { readZoneText } from './parser.js';
import type { ZoneRecord } from './record.js';

export const RFC8976_A1_ORIGIN = 'example.';
export const RFC8976_A1_TEXT = `example.      86400  IN  SOA     ns1 admin 2018031900 1800 900 604800 86400
              86400  IN  NS      ns1
              86400  IN  NS      ns2
ns1           3600   IN  A       203.0.113.63
ns2           3600   IN  AAAA    2001:db8::63
`;

export function rfc8976A1Records(): ZoneRecord[] {
  return readZoneText(RFC8976_A1_TEXT, { origin: RFC8976_A1_ORIGIN });
}
