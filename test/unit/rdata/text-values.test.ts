import fc from 'fast-check';
import { isIPv4, isIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { formatIpv6, parseIpv4, parseIpv6 } from '../../../src/rdata/text-values.js';
import { readZoneText } from '../../../src/zone/index.js';

describe('address text', () => {
  it('accepts exactly the IPv6 texts node:net accepts (zone ids aside) and keeps their value', () => {
    const hexGroup = fc.stringMatching(/^[0-9a-fA-F]{1,4}$/);
    const address = fc.oneof(
      fc.array(hexGroup, { minLength: 8, maxLength: 8 }).map((g) => g.join(':')),
      fc.tuple(fc.array(hexGroup, { maxLength: 4 }), fc.array(hexGroup, { maxLength: 3 })).map(([a, b]) => `${a.join(':')}::${b.join(':')}`),
      fc.tuple(fc.array(hexGroup, { maxLength: 5 }), fc.ipV4()).map(([a, v4]) => `${a.join(':')}::${v4}`),
      fc.stringMatching(/^[0-9a-f:.]{0,20}$/),
    );
    fc.assert(fc.property(address, (text) => {
      const out = new Uint8Array(16);
      const ok = parseIpv6(text, out);
      expect(ok, text).toBe(isIPv6(text));
      if (ok) {
        const again = new Uint8Array(16);
        expect(parseIpv6(formatIpv6(out), again)).toBe(true);
        expect(Buffer.from(again).equals(Buffer.from(out))).toBe(true);
      }
    }), { numRuns: 2000 });
  });

  it('accepts exactly canonical dotted quads for IPv4', () => {
    fc.assert(fc.property(fc.oneof(fc.ipV4(), fc.stringMatching(/^[0-9.]{0,16}$/)), (text) => {
      // node:net also refuses leading zeros, as zone files should.
      expect(parseIpv4(text, new Uint8Array(4)), text).toBe(isIPv4(text));
    }), { numRuns: 2000 });
  });

  it('formats IPv6 per RFC 5952', () => {
    const out = new Uint8Array(16);
    parseIpv6('2001:0DB8:0:0:1:0:0:1', out);
    expect(formatIpv6(out)).toBe('2001:db8::1:0:0:1');
    parseIpv6('::ffff:192.0.2.1', out);
    expect(formatIpv6(out)).toBe('::ffff:c000:201');
  });
});

describe('base64 and hex fields decoded by length', () => {
  const ds = (digest: string) => `example. 300 IN DS 12345 8 2 ${digest}\n`;
  const key = (b64: string) => `example. 300 IN DNSKEY 257 3 8 ${b64}\n`;

  it('accept valid text split by white space', () => {
    expect(readZoneText(ds('49aac11d7b6f6446702e54a1607371607a1a4185 5200fd2ce1cdde32f24e8fb5'), { origin: 'example.' })[0]!.rdata.subarray(4).toString('hex'))
      .toBe('49aac11d7b6f6446702e54a1607371607a1a41855200fd2ce1cdde32f24e8fb5');
    expect(readZoneText(key('AwEAAa== '.trim()), { origin: 'example.' })[0]!.rdata.subarray(4)).toEqual(Buffer.from('AwEAAa==', 'base64'));
  });

  it('refuse what Node\'s decoders would silently skip or accept', () => {
    for (const bad of ['AwEA!a==', 'AwE-Aa==', 'AwE_Aa==', 'Aw=AAa==', 'AwEAAa=', 'AwEA.aaa']) {
      expect(() => readZoneText(key(bad), { origin: 'example.' }), bad).toThrowError(/not base64/);
    }
    for (const bad of ['49aac11d7g', '49aac11d7', '49 aac11d7b6f644670 2e54a1607371607a1a4185 5200fd2ce1cdde32f24e8fbz']) {
      expect(() => readZoneText(ds(bad), { origin: 'example.' }), bad).toThrowError(/not an even number of hex digits/);
    }
  });
});
