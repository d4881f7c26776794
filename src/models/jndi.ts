// model-jndi — Java's JNDI DNS provider (com.sun.jndi.dns), OpenJDK 17,
// DirContext.getAttributes(name, ["A"]) / ["AAAA"].
//
// Follows src/jdk.naming.dns/share/classes/com/sun/jndi/dns/DnsClient.java
// `query` / `doUdpQuery` (8000-octet receive buffer), ResourceRecords.java
// `add`, ResourceRecord.java `decode` / `decodeRdata`, and DnsContext.java
// `rrsToAttrs` (OpenJDK 17). A type filter only: every answer record of class
// IN and the asked type becomes an attribute value, whoever owns it; CNAMEs are
// neither followed nor checked. An A/AAAA value is the first 4/16 octets at the
// RDATA offset whatever RDLENGTH says. Records are read within the receive
// buffer, not the received length: over UDP, a header count beyond the records
// reads zero octets (empty records of type 0) instead of failing; over TCP the
// buffer is the message. The attribute is a set: a repeated address appears
// once. The API reports no canonical name.

import { defineModel, failure, success } from './define-model.js';
import { addressText, CLASS_IN, fault, readHeader, readName, TYPE, type NameRules } from './wire-reader.js';

const CORRUPTED = 'CommunicationException';
const UDP_RECEIVE_BUFFER = 8000;

const RULES: NameRules = { faultCode: CORRUPTED, forwardPointers: true };

export const jndiModel = defineModel({
  id: 'model-jndi',
  title: 'Java JNDI DNS provider (OpenJDK 17)',
  library: 'OpenJDK com.sun.jndi.dns',
  follows: 'openjdk/jdk src/jdk.naming.dns/share/classes/com/sun/jndi/dns/DnsClient.java query, ResourceRecords.java add, ResourceRecord.java decode, DnsContext.java rrsToAttrs (OpenJDK 17)',
  covers: [{ library: 'java', versions: '>=17 <22', clients: ['java-jndi'] }],
  validated: [
    { client: 'java-jndi', library: 'java', version: '17.0.15', suite: 'host' },
    { client: 'java-jndi', library: 'java', version: '21.0.13', suite: 'trixie' },
  ],
  retriesOverTcp: true,
}, (question, received, via) => {
  const header = readHeader(received);
  if (!header) return failure(CORRUPTED, 'DNS error: corrupted message');
  if (header.rcode === 3) return failure('NameNotFoundException', 'DNS name not found [response code 3]');
  if (header.rcode === 2) return failure('ServiceUnavailableException', 'DNS server failure [response code 2]');
  if (header.rcode !== 0) return failure('OperationNotSupportedException', `DNS error [response code ${header.rcode}]`);

  const buffer = via === 'udp' ? zeroPadded(received, UDP_RECEIVE_BUFFER) : received;
  let pos = 12;
  for (let i = 0; i < header.qdcount; i++) {
    pos = readName(buffer, pos, RULES).next + 4;
    if (pos > buffer.length) fault(CORRUPTED, 'DNS error: corrupted message');
  }
  const qtype = question.type === 'A' ? TYPE.A : TYPE.AAAA;
  const size = qtype === TYPE.A ? 4 : 16;
  const addresses: string[] = [];
  const total = header.ancount + header.nscount + header.arcount;
  for (let i = 0; i < total; i++) {
    // ResourceRecord.decode: name, fixed fields, then RDATA decoded at its offset; size = 10 + rdlen past the name.
    const owner = readName(buffer, pos, RULES);
    const at = owner.next;
    if (at + 10 > buffer.length) fault(CORRUPTED, 'DNS error: corrupted message');
    const type = buffer.readUInt16BE(at);
    const klass = buffer.readUInt16BE(at + 2);
    const rdlength = buffer.readUInt16BE(at + 8);
    const rdata = at + 10;
    const decodedEnd = type === TYPE.A ? rdata + 4 : type === TYPE.AAAA ? rdata + 16 : rdata + rdlength;
    if (decodedEnd > buffer.length) fault(CORRUPTED, 'DNS error: corrupted message');
    if (type === TYPE.CNAME || type === TYPE.DNAME) readName(buffer, rdata, RULES);
    if (i < header.ancount && klass === CLASS_IN && type === qtype) {
      // rrsToAttrs adds each value to an unordered BasicAttribute, whose add() refuses a value it already holds.
      const address = addressText(buffer.subarray(rdata, rdata + size));
      if (!addresses.includes(address)) addresses.push(address);
    }
    pos = rdata + rdlength;
  }
  return success(addresses, null);
});

function zeroPadded(message: Buffer, size: number): Buffer {
  if (message.length >= size) return message;
  const out = Buffer.alloc(size);
  message.copy(out);
  return out;
}
