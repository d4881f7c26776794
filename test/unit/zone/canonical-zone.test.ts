import { describe, expect, it } from 'vitest';
import { canonicalInput, canonicalZoneFromText, computeZonemd, nameFromText, readZoneText } from '../../../src/zone/index.js';

const APEX = nameFromText('example.', undefined);
const SOA = 'example. 60 IN SOA ns admin 1 2 3 4 5\n';

describe('canonical zone', () => {
  it('hashes a record whose RDATA is over 65,525 octets whole (the stored length must not wrap)', () => {
    // 258 strings of 253 octets: 258 × 254 = 65,532 octets of TXT RDATA.
    const big = Array.from({ length: 258 }, () => `"${'x'.repeat(253)}"`).join(' ');
    const text = `$ORIGIN example.\n$TTL 300\n@ SOA ns hm 1 2 3 4 5\n@ NS ns\nns A 192.0.2.1\nbig TXT ${big}\n`;
    const records = readZoneText(text);
    const expected = records.reduce((sum, r) => sum + r.owner.length + 10 + r.rdata.length, 0);
    expect(records.find((r) => r.type === 16)!.rdata.length).toBe(65_532);
    expect(canonicalInput(canonicalZoneFromText(text), nameFromText('example.', undefined)).length).toBe(expected);
  });

  it('digests duplicates once, with the smallest TTL whatever the order', () => {
    const a = canonicalZoneFromText(SOA + 'x 30 IN A 192.0.2.1\nx 10 IN A 192.0.2.1\nx 20 IN A 192.0.2.1\n', { origin: 'example.' });
    const b = canonicalZoneFromText(SOA + 'x 10 IN A 192.0.2.1\nx 20 IN A 192.0.2.1\nx 30 IN A 192.0.2.1\n', { origin: 'example.' });
    const input = canonicalInput(a, APEX);
    expect(input.equals(canonicalInput(b, APEX))).toBe(true);
    const x = Buffer.from('0178076578616d706c6500' + '0001' + '0001' + '0000000a' + '0004' + 'c0000201', 'hex');
    expect(input.subarray(input.length - x.length).equals(x)).toBe(true);
  });

  it('orders names canonically (RFC 4034 §6.1), including escaped octets', () => {
    const names = ['example.', 'a.example.', 'yljkjljk.a.example.', 'Z.a.example.', 'zABC.a.EXAMPLE.', 'z.example.', '\\001.z.example.', '*.z.example.', '\\200.z.example.'];
    const text = SOA + [...names].reverse().map((n) => `${n} 1 IN TXT "x"`).join('\n') + '\n';
    const input = canonicalInput(canonicalZoneFromText(text, { origin: 'example.' }), APEX);
    const order = names.map((n) => input.indexOf(nameFromText(n.toLowerCase().replace('\\200', '\\200'), undefined)));
    expect(order.every((pos, i) => i === 0 || pos > order[i - 1]!)).toBe(true);
  });

  it('leaves out-of-zone records out of the digest', () => {
    const inside = canonicalZoneFromText(SOA, { origin: 'example.' });
    const withOutside = canonicalZoneFromText(SOA + 'foo.test. 1 IN A 192.0.2.1\nexample.net. 1 IN A 192.0.2.1\n', { origin: 'example.' });
    expect(withOutside.outOfZoneCount).toBe(2);
    expect(computeZonemd(withOutside, APEX).digest).toEqual(computeZonemd(inside, APEX).digest);
  });
});
