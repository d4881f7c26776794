// The message and record shapes used everywhere in dnsorder. Records use
// dns-packet's shape ({ name, type, class, ttl, data }); `data` is the value
// the record layer derives from the type's declaration (src/rdata/value.ts:
// dns-packet's objects for the types it knew, ZONEMD { serial, scheme,
// algorithm, digest }, …), and raw RDATA octets (a Buffer) for undeclared
// types — a Buffer always means "these exact octets".

import type { RecordData } from '../rdata/value.js';

/** A record; `DnsRecord<'MX'>` types `data` as that type's value (RecordData), plain `DnsRecord` leaves it unknown. */
export interface DnsRecord<T extends string = string> {
  name: string;
  /** Mnemonic ("A", "ZONEMD") or RFC 3597 "TYPEnnn". Never a name our registry does not know. */
  type: T;
  class?: string;
  ttl?: number;
  data: RecordData<T>;
}

export interface Question {
  name: string;
  type: string;
  class?: string;
}

export interface Edns {
  udpPayloadSize: number;
  extendedRcode?: number;
  version?: number;
  /** The DO bit (RFC 3225). */
  dnssecOk?: boolean;
  options?: Array<{ code: number; data: Buffer }>;
}

export interface DnsMessage {
  id: number;
  /** Header flag bits as named booleans; opcode and rcode are numbers. */
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
  rcode: number;
  questions: Question[];
  answers: DnsRecord[];
  authorities: DnsRecord[];
  additionals: DnsRecord[];
  /** EDNS(0) OPT pseudo-record, written as the last additional record. */
  edns?: Edns;
}

export const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

const RCODE_NAMES: Record<number, string> = {
  0: 'NOERROR', 1: 'FORMERR', 2: 'SERVFAIL', 3: 'NXDOMAIN', 4: 'NOTIMP', 5: 'REFUSED', 9: 'NOTAUTH', 16: 'BADVERS',
};

/** The RCODE mnemonic for the codes dnsorder sends or reports, `RCODE<n>` for any other. */
export function rcodeName(rcode: number): string {
  return RCODE_NAMES[rcode] ?? `RCODE${rcode}`;
}

export function emptyMessage(fields: Partial<DnsMessage> = {}): DnsMessage {
  return {
    id: 0, qr: false, opcode: 0, aa: false, tc: false, rd: false, ra: false, ad: false, cd: false, rcode: 0,
    questions: [], answers: [], authorities: [], additionals: [],
    ...fields,
  };
}

export function headerFlags(m: Pick<DnsMessage, 'qr' | 'opcode' | 'aa' | 'tc' | 'rd' | 'ra' | 'ad' | 'cd' | 'rcode'>): number {
  return (m.qr ? 0x8000 : 0) | ((m.opcode & 0xf) << 11) | (m.aa ? 0x0400 : 0) | (m.tc ? 0x0200 : 0) |
    (m.rd ? 0x0100 : 0) | (m.ra ? 0x0080 : 0) | (m.ad ? 0x0020 : 0) | (m.cd ? 0x0010 : 0) | (m.rcode & 0xf);
}

export function parseHeaderFlags(flags: number): Pick<DnsMessage, 'qr' | 'opcode' | 'aa' | 'tc' | 'rd' | 'ra' | 'ad' | 'cd' | 'rcode'> {
  return {
    qr: (flags & 0x8000) !== 0, opcode: (flags >> 11) & 0xf, aa: (flags & 0x0400) !== 0, tc: (flags & 0x0200) !== 0,
    rd: (flags & 0x0100) !== 0, ra: (flags & 0x0080) !== 0, ad: (flags & 0x0020) !== 0, cd: (flags & 0x0010) !== 0,
    rcode: flags & 0xf,
  };
}
