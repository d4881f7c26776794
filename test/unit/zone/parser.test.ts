import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, onTestFinished } from 'vitest';
import { decodeMessage, emptyMessage, encodeMessage } from '../../../src/wire/index.js';
import {
  nameToText, rdataToText, readZoneFile, readZoneText, toDnsRecord, ZoneFileError, type ZoneParseOptions, type ZoneRecord,
} from '../../../src/zone-sources/index.js';

function parse(text: string, options: ZoneParseOptions = {}): ZoneRecord[] {
  return readZoneText(text, options);
}

function rejection(text: string, options: ZoneParseOptions = {}): ZoneFileError {
  try {
    readZoneText(text, options);
  } catch (err) {
    expect(err).toBeInstanceOf(ZoneFileError);
    return err as ZoneFileError;
  }
  throw new Error('zone was accepted');
}

const show = (r: ZoneRecord) => `${nameToText(r.owner)} ${r.ttl} ${r.class} ${r.type} ${rdataToText(r.type, r.rdata)}`;

describe('zone-file parser', () => {
  it('handles $ORIGIN, $TTL, @, and inherited owner, TTL and class', () => {
    const records = parse([
      '$ORIGIN example.',
      '$TTL 1h',
      '@ IN SOA ns admin 1 2 3 4 5',
      '  NS ns',
      'www 60 A 192.0.2.1',
      '    CH TXT "chaos"',
      '$ORIGIN sub.example.',
      'deep A 192.0.2.2',
    ].join('\n'));
    expect(records.map(show)).toEqual([
      'example. 3600 1 6 ns.example. admin.example. 1 2 3 4 5',
      'example. 3600 1 2 ns.example.',
      'www.example. 60 1 1 192.0.2.1',
      'www.example. 3600 3 16 "chaos"',
      'deep.sub.example. 3600 3 1 192.0.2.2',
    ]);
  });

  it('uses the last explicit TTL without $TTL (RFC 1035) and the SOA minimum for a first SOA without one', () => {
    const records = parse('example. IN SOA ns admin 1 2 3 4 77\nfoo 222 IN A 10.0.0.1\nbar IN A 10.0.0.2\n', { origin: 'example' });
    expect(records.map((r) => r.ttl)).toEqual([77, 222, 222]);
  });

  it('joins parentheses over lines, skips comments and keeps ";" inside quotes', () => {
    const records = parse([
      'example. 300 IN SOA ns admin ( ; comment (with a paren',
      '   2018031900 ; serial',
      '   1800 900 604800 86400 )',
      'txt 300 IN TXT "a;b" ( "c" ) ; "not this"',
    ].join('\n'), { origin: 'example.' });
    expect(records.map(show)).toEqual([
      'example. 300 1 6 ns.example. admin.example. 2018031900 1800 900 604800 86400',
      'txt.example. 300 1 16 "a;b" "c"',
    ]);
  });

  it('decodes \\X and \\DDD in owner names and keeps the letter case as written', () => {
    const [r] = parse('a\\.b.Ex\\065mple. 1 IN A 192.0.2.1\n');
    expect(r!.owner.toString('hex')).toBe('03612e62' + '074578416d706c65' + '00');
    expect(nameToText(r!.owner)).toBe('a\\.b.ExAmple.');
  });

  it('keeps escaped delimiters inside a word', () => {
    const [r] = parse('x\\;y\\ z\\(.example. 1 IN TXT a\\"b\\)c\n');
    expect(r!.owner.subarray(0, 7).toString('latin1')).toBe('\x06x;y z(');
    expect(r!.rdata.toString('latin1')).toBe('\x05a"b)c');
  });

  it('accepts RFC 3597 forms for class, type and RDATA', () => {
    const [r] = parse('x.example. 1 CLASS1 TYPE1 \\# 4 c0 00 02 01\n');
    expect([r!.class, r!.type, r!.rdata.toString('hex')]).toEqual([1, 1, 'c0000201']);
  });

  it.each([
    ['IN', 1], ['in', 1], ['iN', 1], ['CS', 2], ['ch', 3], ['Hs', 4], ['none', 254], ['ANY', 255], ['class3', 3], ['CLASS65535', 65535],
  ])('reads class %s as %d, in any letter case', (cls, number) => {
    expect(parse(`x.example. 1 ${cls} TYPE1 \\# 4 c0000201\n`)[0]!.class).toBe(number);
  });

  it.each(['IM', 'I.', 'INN', 'AN', 'NON', 'NONEX', 'CLASS', 'CLASS65536', 'XCLASS1', 'in1'])('does not take %s for a class', (word) => {
    // The word lands where the type goes: an unknown type, not a silently chosen class.
    expect(() => parse(`x.example. 1 ${word} TYPE1 \\# 4 c0000201\n`)).toThrow(/unknown record type|type/);
  });

  it('reads CRLF files and a last line without a line break', () => {
    expect(parse('a.example. 1 IN A 192.0.2.1\r\nb.example. 1 IN A 192.0.2.2').length).toBe(2);
  });

  it('gives parsed records to the wire encoder as raw RDATA', () => {
    const records = parse('example. 300 IN MX 10 mail.example.\nexample. 300 IN ZONEMD 1 1 1 ' + 'ab'.repeat(48) + '\n');
    const wire = encodeMessage(emptyMessage({ qr: true, answers: records.map(toDnsRecord) }), { compress: false });
    const back = decodeMessage(wire);
    expect(back.answers.map((a) => a.type)).toEqual(['MX', 'ZONEMD']);
    expect(back.answers[0]!.data).toMatchObject({ preference: 10, exchange: 'mail.example' });
  });
});

describe('zone-file errors', () => {
  it('names type and field and points at the token', () => {
    const err = rejection('example. 300 IN SOA ns. admin. x2018 1 2 3 4\n');
    expect(err.code).toBe('ERR_ZONE_BAD_FIELD');
    expect(err.message).toBe('<text>:1:32: bad SOA serial "x2018"');
    expect(err.position).toEqual({ file: '<text>', line: 1, column: 32 });
  });

  it('collects several errors and rejects the whole file', () => {
    const err = rejection('a.example. 1 IN A 1.2.3\nb.example. 1 IN A 192.0.2.1\nc.example. 1 IN BOGUS x\nd.example. 1 IN MX 10\n');
    expect(err.errors.map((e) => [e.code, e.position!.line])).toEqual([
      ['ERR_ZONE_BAD_FIELD', 1], ['ERR_ZONE_UNKNOWN_TYPE', 3], ['ERR_ZONE_MISSING_FIELD', 4],
    ]);
    expect(err.errors[2]!.message).toContain('missing MX exchange');
  });

  it.each([
    ['x.example. 1 IN A 192.0.2.1 extra\n', 'ERR_ZONE_TRAILING_DATA'],
    ['x.example. 1 IN TXT "open\n', 'ERR_ZONE_SYNTAX'],
    ['x.example. 1 IN SOA ( ns. admin. 1 2 3 4 5\n', 'ERR_ZONE_SYNTAX'],
    ['x.example. 1 IN A 192.0.2.1 )\n', 'ERR_ZONE_SYNTAX'],
    ['x 1 IN A 192.0.2.1\n', 'ERR_ZONE_NO_ORIGIN'],
    ['x.example. IN A 192.0.2.1\n', 'ERR_ZONE_NO_TTL'],
    ['x.example. 1 IN TYPE999 01\n', 'ERR_ZONE_BAD_GENERIC_RDATA'],
    ['x.example. 1 IN A \\# 3 010203\n', 'ERR_ZONE_BAD_GENERIC_RDATA'],
    ['x.example. 1 IN TYPE999 \\# 2 01\n', 'ERR_ZONE_BAD_GENERIC_RDATA'],
    ['$GENERATE 1-2 x A 1.2.3.4\n', 'ERR_ZONE_BAD_DIRECTIVE'],
    ['$TTL soon\n', 'ERR_ZONE_BAD_TTL'],
    ['a..example. 1 IN A 192.0.2.1\n', 'ERR_ZONE_BAD_NAME'],
    [`${'a'.repeat(64)}.example. 1 IN A 192.0.2.1\n`, 'ERR_ZONE_BAD_NAME'],
    ['  1 IN A 192.0.2.1\n', 'ERR_ZONE_SYNTAX'],
  ])('rejects %j with %s', (text, code) => {
    expect(rejection(text).code).toBe(code);
  });

  it('reports positions from the right line after many chunks', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsorder-zone-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const line = 'host.example. 300 IN A 192.0.2.1\n';
    const count = Math.ceil((1 << 21) / line.length);
    writeFileSync(join(dir, 'big.zone'), line.repeat(count) + 'bad.example. 300 IN A 300.0.0.1\n');
    try {
      readZoneFile(join(dir, 'big.zone'));
      throw new Error('accepted');
    } catch (err) {
      expect((err as ZoneFileError).position).toEqual({ file: join(dir, 'big.zone'), line: count + 1, column: 23 });
    }
  });

  it('reads a file in chunks exactly as the same text: long lines, lines across chunk ends, CRLF, no final newline', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dnsorder-zone-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const lines: string[] = ['$ORIGIN example.', '@ 300 IN SOA ns admin 1 2 3 4 5'];
    // TXT records of growing size, one far longer than a 32 KiB read, so chunk ends fall everywhere.
    for (let i = 0; i < 400; i++) lines.push(`t${i} 300 IN TXT "${'x'.repeat((i * 97) % 255)}" ${i % 3 === 0 ? '( "y" )' : ''}`);
    lines.push(`long 300 IN TXT ${Array.from({ length: 400 }, (_, i) => `"${String(i).repeat(50).slice(0, 200)}"`).join(' ')}`);
    for (let i = 0; i < 50; i++) lines.push(`h${i} 300 IN A 192.0.2.${i}\r`);
    const text = lines.join('\n') + '\nlast 300 IN A 192.0.2.255'; // no final line break
    writeFileSync(join(dir, 'chunks.zone'), text, 'latin1');
    const fromFile = readZoneFile(join(dir, 'chunks.zone'));
    const fromText = readZoneText(text);
    expect(fromFile.length).toBe(lines.length - 1 + 1);
    expect(fromFile.map((r) => [r.owner.toString('hex'), r.rdata.toString('hex'), r.position?.line])).toEqual(
      fromText.map((r) => [r.owner.toString('hex'), r.rdata.toString('hex'), r.position?.line]),
    );
    expect(fromFile.at(-1)!.rdata.toString('hex')).toBe('c00002ff');
  });

  it('says when the file cannot be read', () => {
    expect(() => readZoneFile('/nonexistent/zone')).toThrow(expect.objectContaining({ code: 'ERR_ZONE_UNREADABLE' }));
  });
});

describe('$INCLUDE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dnsorder-include-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  mkdirSync(join(dir, 'zones', 'parts'), { recursive: true });
  writeFileSync(join(dir, 'zones', 'parts', 'hosts.inc'), 'www 300 IN A 192.0.2.1\n$ORIGIN other.\nmail 300 IN A 192.0.2.2\n');
  writeFileSync(join(dir, 'zones', 'main.zone'), '$ORIGIN example.\n@ 300 IN SOA ns admin 1 2 3 4 5\n$INCLUDE parts/hosts.inc\nafter 300 IN A 192.0.2.3\n$INCLUDE parts/hosts.inc sub.example.\n');
  writeFileSync(join(dir, 'secret.zone'), 'secret.example. 300 IN TXT "outside"\n');
  writeFileSync(join(dir, 'zones', 'escape.zone'), '$INCLUDE ../secret.zone\n');
  writeFileSync(join(dir, 'zones', 'loop.zone'), '$INCLUDE loop.zone\n');

  it('is off unless asked for', () => {
    expect(() => readZoneFile(join(dir, 'zones', 'main.zone'))).toThrow(expect.objectContaining({ code: 'ERR_ZONE_INCLUDE' }));
  });

  it('reads files relative to the including file; $ORIGIN inside does not leak out', () => {
    const records = readZoneFile(join(dir, 'zones', 'main.zone'), { include: {} });
    expect(records.map((r) => nameToText(r.owner))).toEqual([
      'example.', 'www.example.', 'mail.other.', 'after.example.', 'www.sub.example.', 'mail.other.',
    ]);
    expect(records[1]!.position!.file).toBe(join(dir, 'zones', 'parts/hosts.inc'));
  });

  it('refuses files outside the allowed directories', () => {
    expect(() => readZoneFile(join(dir, 'zones', 'escape.zone'), { include: { allowedDirectories: [join(dir, 'zones')] } }))
      .toThrow(expect.objectContaining({ code: 'ERR_ZONE_INCLUDE', message: expect.stringContaining('outside the allowed directories') }));
    expect(readZoneFile(join(dir, 'zones', 'escape.zone'), { include: { allowedDirectories: [dir] } }).length).toBe(1);
  });

  it('stops at the depth limit', () => {
    expect(() => readZoneFile(join(dir, 'zones', 'loop.zone'), { include: { maxDepth: 3 } }))
      .toThrow(expect.objectContaining({ code: 'ERR_ZONE_INCLUDE', message: expect.stringContaining('deeper than 3') }));
  });
});

describe('error recovery', () => {
  it('keeps owner inheritance consistent after a bad entry', () => {
    const err = rejection('a.example. 1 IN A 1.2.3\na.example. 1 IN A 192.0.2.1\n  1 IN A 192.0.2.2\nb.example. 1 IN A 300.1.1.1\n');
    expect(err.errors.map((e) => e.position!.line)).toEqual([1, 4]);
  });
});
