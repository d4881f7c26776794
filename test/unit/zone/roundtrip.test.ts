import { describe, expect, it } from 'vitest';
import { typeName } from '../../../src/rdata/registry.js';
import { declaredTypes, readZoneText } from '../../../src/zone/index.js';
import { expectRoundTrip } from './roundtrip-helper.js';

/** One presentation sample per declared type (several where the format has variants). */
const SAMPLES: Record<string, string[]> = {
  A: ['192.0.2.1'],
  NS: ['ns1', 'NS.Example.NET.'],
  MD: ['md.example.'], MF: ['mf.example.'],
  CNAME: ['target.example.org.'],
  SOA: ['ns admin 2018031900 1800 900 604800 86400', 'ns. admin.example. ( 1 1h 30m 1w 1d )'],
  MB: ['mb'], MG: ['mg'], MR: ['mr'],
  PTR: ['host.example.'],
  HINFO: ['"IBM-PC" "MS DOS"', 'cpu os'],
  MINFO: ['r.example. e.example.'],
  MX: ['10 mail'],
  TXT: ['"hello world" "\\"quoted\\"" \\065bc', '"caf\\195\\169" "semi;colon" "a\\\\b"', '""'],
  RP: ['mbox.example. txt.example.'],
  AFSDB: ['1 afs.example.'],
  X25: ['311061700956'],
  RT: ['10 relay.example.'],
  SIG: ['TXT 1 2 9999 20401231000000 20201231000000 12345 example.com. AIYADP8d3zYNyQwW2EM4wXVFdslEJcUx/fxkfBeH1El4ixPFhpfHFElxbvKoWmvjDTCm fiYy2X+8XpFjwICHc398kzWsTMKlxovpz2FnCTM='],
  KEY: ['256 3 8 AwEAAd7B29JH4hYHg+zRhiQ29ZyI4z26ks+OAoSXByK3mZ9WllZlk66y'],
  PX: ['10 map822.example. mapx400.example.'],
  AAAA: ['2001:db8::1', '::1', '::ffff:192.0.2.1', '2001:db8:0:0:1:0:0:1'],
  LOC: ['45 0 0 N 116 0 0 W 5280m 11m 10m 12m', '52 22 23.000 N 4 53 32.000 E -2.00m 0.00m 10000m 10m', '42 21 54 N 71 06 18 W -24m 30m'],
  SRV: ['0 5 5060 sip.example.', '0 0 0 .'],
  NAPTR: ['100 50 "s" "http+N2L+N2C+N2R" "" www.example.com.', '100 10 "" "" "!^urn:cid:.+@([^\\\\.]+\\\\.)(.*)$!\\\\2!i" .'],
  KX: ['10 kx.example.'],
  CERT: ['PGP 123 0 deadbeef', '1 456 8 foofoofoofoo', '65000 0 0 AAAA'],
  DNAME: ['dname.example.org.'],
  APL: ['1:224.0.0.0/4 2:FF00:0:0:0:0:0:0:0/8 !1:192.168.38.0/28', ''],
  DS: ['19036 8 2 49AAC11D7B6F6446702E54A1607371607A1A41855200FD2CE1CDDE32F24E8FB5', '60485 RSASHA1 1 2BB183AF5F22588179A53B0A98631FAD1A292118'],
  SSHFP: ['2 1 123456789abcdef67890123456789abcdef67890'],
  IPSECKEY: ['10 1 2 192.0.2.38 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==', '10 0 2 . AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==',
    '10 2 2 2001:0DB8:0:8002::2000:1 AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ==', '10 3 2 mygateway.example.com. AQNRU3mG7TVTO2BkR47usntb102uFJtugbo6BSGvgqt4AQ=='],
  RRSIG: ['SOA 8 0 86400 20210616173132 20210519173132 17913 . c283wRmrFGwPd6Goa2UndwBoNXaU+6+yQHXC/Sw3ruQ=', 'TYPE63 13 2 3600 1624371343 1621955743 4201 Zone.Example. AAAA'],
  NSEC: ['aaa. NS SOA RRSIG NSEC DNSKEY TYPE63', 'host.example. A TYPE1234 TYPE65535', 'next.example.'],
  DNSKEY: ['257 3 8 AwEAAbP1gbbCHbgEmVs/RAhiW6ohuVICDnOEEZ7U4DcFctfjbWFG+Wuh8KQe6ukgKALFy129NfPa7e0IjMQRQ3DN3DqQqV0cLRx1ESfug2R8ya3J', '256 3 ECDSAP256SHA256 AAAA'],
  DHCID: ['AAIBY2/AuCccgoJbsaxcQc9TUapptP69lOjxfNuVAA2kjEA='],
  NSEC3: ['1 1 12 aabbccdd 2t7b4g4vsa5smi47k61mv5bv1a22bojr NS SOA MX RRSIG DNSKEY NSEC3PARAM', '1 0 0 - 2vptu5timamqttgl4luu9kg21e0aor3s A'],
  NSEC3PARAM: ['1 0 12 aabbccdd', '1 0 0 -'],
  TLSA: ['3 1 1 0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF0123456789ABCDEF'],
  SMIMEA: ['1 2 3 d00df00d'],
  HIP: ['2 200100107B1A74DF365639CC39F1D578 AwEAAbdxyhNuSutc5EMzxTs9LBPCIkOFH8cIvM4p9+LrV4e19WzK00+CI6zBCQTdtWsuxKbWIy87UOoJTwkUs7lBu+Upr1gsNrut79ryra+bSRGQb1slImA8YVJyuIDsj7kwzG7jnERNqnWxZ48AWkskmdHaVDP4BcelrTI3rMXdXF5D rvs1.example.com. rvs2.example.com.'],
  CDS: ['12345 13 2 091230981203812039812098235037456887988a091230981203812039812098'],
  CDNSKEY: ['256 3 15 l02Woi0iS8Aa25FQkUd9RMzZHJpBoRQwAQEX1SxZJA4='],
  OPENPGPKEY: ['rWMg3p1NYBV3bbhPeGhm23mdgzOn89aIUeH+Dx3PK07qMqAZiSmP8e/mDs6qO1MPgPBVnDpKFNpE'],
  CSYNC: ['66 3 A NS AAAA'],
  ZONEMD: ['2018031900 1 1 c68090d90a7aed716bc459f9340e3d7c1370d4d24b7e2fc3a1ddc0b9a87153b9a9713b3c9ae5cc27777f98b8e730044c', '1 240 9 ( 0011 2233 4455 6677 8899 aabb )'],
  SPF: ['"v=spf1 -all"'],
  NID: ['10 0014:4fff:ff20:ee64'],
  L32: ['10 10.1.2.0'],
  L64: ['10 2001:0DB8:1140:1000'],
  LP: ['10 l64-subnet1.example.com.'],
  EUI48: ['00-00-5e-00-53-2a'],
  EUI64: ['00-00-5e-ef-10-00-00-2a'],
  URI: ['10 1 "ftp://ftp1.example.com/public"'],
  CAA: ['0 issue "ca.example.net"', '128 tbs "Unknown"', '0 issue ";"'],
  TA: ['19036 8 1 b256bd09dc8dd59f0e0f0d8541b8328dd986df6e'],
  DLV: ['19036 8 1 b256bd09dc8dd59f0e0f0d8541b8328dd986df6e'],
};

describe('text → wire → text → wire for every declared type', () => {
  it('has samples for every declared type', () => {
    const missing = declaredTypes().map((d) => d.mnemonic).filter((m) => !(m in SAMPLES));
    expect(missing).toEqual([]);
  });
  for (const [type, samples] of Object.entries(SAMPLES)) {
    for (const rdata of samples) {
      it(`${type} ${rdata.slice(0, 50)}`, () => {
        const record = expectRoundTrip(`x 300 IN ${type} ${rdata}`);
        expect(typeName(record.type)).toBe(type);
      });
    }
  }
  it('undeclared types round-trip through the generic form', () => {
    expectRoundTrip('x 300 IN TYPE65281 \\# 6 abcd ef 01 23 45');
    expectRoundTrip('x 300 CLASS32 NULL \\# 0');
    expectRoundTrip('x 300 IN SVCB \\# 3 000100');
  });
});

describe('wire values of tricky fields', () => {
  it('decodes TXT escapes to the right octets', () => {
    const r = expectRoundTrip('x 1 IN TXT "a\\"b" \\059 "\\255"');
    expect(r.rdata.toString('hex')).toBe('03' + '612262' + '01' + '3b' + '01' + 'ff');
  });
  it('writes NSEC type bitmaps in windows', () => {
    const r = expectRoundTrip('x 1 IN NSEC a. A MX TYPE256');
    expect(r.rdata.toString('hex')).toBe('016100' + '0002' + '4001' + '0101' + '80');
  });
  it('NSEC type bitmaps do not depend on the order or repetition of the types listed', () => {
    const sorted = expectRoundTrip('x 1 IN NSEC a. A MX RRSIG NSEC TYPE256 TYPE65535').rdata.toString('hex');
    expect(expectRoundTrip('x 1 IN NSEC a. TYPE65535 nsec MX TYPE256 A rrsig A MX TYPE65535').rdata.toString('hex')).toBe(sorted);
  });
  it('a bad type in one bitmap leaves nothing behind for the next record', () => {
    expect(() => readZoneText('x 1 IN NSEC a. A TYPE4096 BOGUS', { origin: 'example.' })).toThrow(/not a record type/);
    expect(readZoneText('x 1 IN NSEC a. MX', { origin: 'example.' })[0]!.rdata.toString('hex')).toBe('016100' + '0002' + '0001');
  });
  it('accepts a known type in generic form only when the octets fit its fields', () => {
    expect(expectRoundTrip('x 1 IN A \\# 4 C0000201').rdata.toString('hex')).toBe('c0000201');
  });
});
