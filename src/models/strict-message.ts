// A whole-message parse for the libraries that read every section before
// looking at the answer (dnspython, systemd-resolved): each record must fit,
// the counts must match the octets, and the RDATA of the types they decode
// must have exactly the right shape. Records of other types are opaque.

import { fault, readHeader, readName, readRecord, skipQuestion, TYPE, type Header, type NameRules, type WireRecord } from './wire-reader.js';

export interface StrictMessage {
  header: Header;
  question: { labels: Buffer[]; type: number };
  answers: WireRecord[];
}

const NS = 2;
const SOA = 6;
const PTR = 12;

export function parseStrict(message: Buffer, rules: NameRules, options: { trailingIsError: boolean }): StrictMessage {
  const header = readHeader(message);
  if (!header) fault(rules.faultCode, 'message shorter than a header');
  if (header.qdcount !== 1) fault(rules.faultCode, `QDCOUNT ${header.qdcount}`);
  const question = skipQuestion(message, 12, rules);
  let offset = question.next;
  const answers: WireRecord[] = [];
  const total = header.ancount + header.nscount + header.arcount;
  for (let i = 0; i < total; i++) {
    const rr = readRecord(message, offset, rules);
    checkRdata(message, rr, rules);
    if (i < header.ancount) answers.push(rr);
    offset = rr.next;
  }
  if (options.trailingIsError && offset !== message.length) fault(rules.faultCode, `${message.length - offset} octets after the last record`);
  return { header, question: { labels: question.labels, type: question.type }, answers };
}

function checkRdata(message: Buffer, rr: WireRecord, rules: NameRules): void {
  const exact = (size: number, what: string) => {
    if (rr.rdlength !== size) fault(rules.faultCode, `${what} RDATA of ${rr.rdlength} octets (must be ${size})`);
  };
  const nameFills = (start: number, what: string): number => {
    const name = readName(message, start, { ...rules, end: rr.next });
    if (name.next > rr.next) fault(rules.faultCode, `${what} name runs past its RDATA`);
    return name.next;
  };
  switch (rr.type) {
    case TYPE.A: return exact(4, 'A');
    case TYPE.AAAA: return exact(16, 'AAAA');
    case TYPE.CNAME: case TYPE.DNAME: case NS: case PTR: {
      if (nameFills(rr.rdataOffset, 'target') !== rr.next) fault(rules.faultCode, 'octets after the target name inside RDATA');
      return;
    }
    case SOA: {
      const afterMname = nameFills(rr.rdataOffset, 'SOA MNAME');
      const afterRname = nameFills(afterMname, 'SOA RNAME');
      if (afterRname + 20 !== rr.next) fault(rules.faultCode, 'SOA RDATA has the wrong length');
      return;
    }
    default:
      return;
  }
}
