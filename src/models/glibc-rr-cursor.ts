// glibc's resolv/ns_rr_cursor.c (`__ns_rr_cursor_init`, `__ns_rr_cursor_next`)
// plus the rcode screening of resolv/res_query.c (`__res_context_query`), shared
// by the getaddrinfo and gethostbyname models. glibc 2.36 and current upstream.

import { fault, readHeader, readName, readRecord, type NameRules, type WireRecord } from './wire-reader.js';

export interface GlibcCursor {
  qname: Buffer[];
  qtype: number;
  ancount: number;
  /** Reads the next answer record; faults as `__ns_rr_cursor_next` fails (owner unreadable, record past the end). */
  next(): WireRecord;
}

/** ns_name_unpack: pointers may point anywhere inside the message; loops end when the hops exceed its size. */
export function glibcNameRules(faultCode: string): NameRules {
  return { faultCode, forwardPointers: true };
}

/** Why `__res_context_query` rejects an answer before any parser sees it, as an h_errno name; undefined when it passes. */
export function screenAnswer(message: Buffer): 'HOST_NOT_FOUND' | 'TRY_AGAIN' | 'NO_RECOVERY' | 'NO_DATA' | undefined {
  const header = readHeader(message);
  if (!header) return 'TRY_AGAIN'; // res_send drops answers shorter than a header and times out
  if (header.rcode === 3) return 'HOST_NOT_FOUND';
  if (header.rcode === 2) return 'TRY_AGAIN';
  if (header.rcode !== 0) return 'NO_RECOVERY';
  if (header.ancount === 0) return 'NO_DATA';
  return undefined;
}

export function openCursor(message: Buffer, faultCode: string): GlibcCursor {
  const rules = glibcNameRules(faultCode);
  // QDCOUNT must be exactly 1 and the question name uncompressed (__ns_name_length_uncompressed).
  if (message.length < 12 || message[4] !== 0 || message[5] !== 1) fault(faultCode, 'QDCOUNT is not 1');
  const qname = readName(message, 12, { ...rules, maxPointers: 0 });
  if (qname.next + 4 > message.length) fault(faultCode, 'question cut short');
  let offset = qname.next + 4;
  return {
    qname: qname.labels,
    qtype: message.readUInt16BE(qname.next),
    ancount: message.readUInt16BE(6),
    next(): WireRecord {
      const record = readRecord(message, offset, rules);
      offset = record.next;
      return record;
    },
  };
}
