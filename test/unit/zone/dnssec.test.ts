// RRSIG validation for every supported algorithm, with keys made here: the
// signed data layout itself is proven against real signatures by the RFC 8976
// A.4 and Verisign cases; these tests cover key formats, hashes, signature
// encodings, the validity window and the failure reasons.

import { generateKeyPairSync, sign, type KeyObject } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  CanonicalZone, computeZonemd, formatRecord, keyTag, nameFromText, parseRrsig, readZoneText, signedData, verifyZonemd, zonemdRdata,
  type ZoneRecord,
} from '../../../src/zone/index.js';

const APEX = nameFromText('example.', undefined);
const INCEPTION = Date.UTC(2024, 0, 1) / 1000;
const EXPIRATION = Date.UTC(2024, 1, 1) / 1000;
const INSIDE = Date.UTC(2024, 0, 15) / 1000;

interface Signer { algorithm: number; hash: string | null; privateKey: KeyObject; dnskey: Buffer }

function makeSigner(algorithm: number): Signer {
  let pair: { publicKey: KeyObject; privateKey: KeyObject };
  let publicKey: Buffer;
  if ([5, 7, 8, 10].includes(algorithm)) {
    pair = generateKeyPairSync('rsa', { modulusLength: 1024, publicExponent: 65537 });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    const e = Buffer.from(jwk.e!, 'base64url'), n = Buffer.from(jwk.n!, 'base64url');
    publicKey = Buffer.concat([Buffer.from([e.length]), e, n]);
  } else if (algorithm === 13 || algorithm === 14) {
    pair = generateKeyPairSync('ec', { namedCurve: algorithm === 13 ? 'P-256' : 'P-384' });
    const jwk = pair.publicKey.export({ format: 'jwk' });
    publicKey = Buffer.concat([Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')]);
  } else {
    pair = generateKeyPairSync('ed25519');
    publicKey = Buffer.from(pair.publicKey.export({ format: 'jwk' }).x!, 'base64url');
  }
  const hash = { 5: 'sha1', 7: 'sha1', 8: 'sha256', 10: 'sha512', 13: 'sha256', 14: 'sha384', 15: null }[algorithm] as string | null;
  return { algorithm, hash, privateKey: pair.privateKey, dnskey: Buffer.concat([Buffer.from([1, 1, 3, algorithm]), publicKey]) };
}

function rrsig(signer: Signer, rrset: ZoneRecord[], options: { keyTag?: number; corrupt?: boolean } = {}): ZoneRecord {
  const fixed = Buffer.alloc(18);
  fixed.writeUInt16BE(rrset[0]!.type, 0);
  fixed[2] = signer.algorithm;
  fixed[3] = 1;
  fixed.writeUInt32BE(rrset[0]!.ttl, 4);
  fixed.writeUInt32BE(EXPIRATION, 8);
  fixed.writeUInt32BE(INCEPTION, 12);
  fixed.writeUInt16BE(options.keyTag ?? keyTag(signer.dnskey), 16);
  const unsigned = Buffer.concat([fixed, APEX]);
  const fields = parseRrsig(Buffer.concat([unsigned, Buffer.alloc(1)]))!;
  const signature = sign(signer.hash, signedData(fields, rrset), { key: signer.privateKey, dsaEncoding: 'ieee-p1363' });
  if (options.corrupt) signature[signature.length - 1]! ^= 1;
  return { owner: APEX, type: 46, class: 1, ttl: rrset[0]!.ttl, rdata: Buffer.concat([unsigned, signature]) };
}

/** A signed zone, printed to text and parsed back (so the parser and printer are in the loop too). */
function signedZone(signer: Signer, options: { keyTag?: number; corrupt?: 'soa' | 'zonemd' } = {}): CanonicalZone {
  const base = readZoneText('example. 300 IN SOA ns admin 7 1 2 3 4\nexample. 300 IN NS ns\nns 300 IN A 192.0.2.1\n', { origin: 'example.' });
  const dnskey: ZoneRecord = { owner: APEX, type: 48, class: 1, ttl: 300, rdata: signer.dnskey };
  // Sign the SOA first: its RRSIG is digested; the ZONEMD RRSIG comes last and is not.
  const soaSig = rrsig(signer, [base[0]!], { keyTag: options.keyTag, corrupt: options.corrupt === 'soa' });
  const draft = new CanonicalZone();
  for (const r of [...base, dnskey, soaSig]) draft.add(r);
  const zonemd: ZoneRecord = { owner: APEX, type: 63, class: 1, ttl: 300, rdata: zonemdRdata(computeZonemd(draft, APEX, 1)) };
  const sigs = [soaSig, rrsig(signer, [zonemd], { keyTag: options.keyTag, corrupt: options.corrupt === 'zonemd' })];
  const text = [...base, dnskey, zonemd, ...sigs].map((r) => formatRecord(r)).join('\n');
  const zone = new CanonicalZone();
  for (const r of readZoneText(text)) zone.add(r);
  return zone;
}

describe('SOA and ZONEMD RRSIG validation', () => {
  for (const algorithm of [5, 7, 8, 10, 13, 14, 15]) {
    it(`algorithm ${algorithm}: valid signatures verify, a flipped bit does not`, () => {
      const signer = makeSigner(algorithm);
      const good = verifyZonemd(signedZone(signer), APEX, { time: INSIDE });
      expect(good.verified, good.summary).toBe(true);
      expect(good.dnssec.rrsets.map((r) => r.status)).toEqual(['secure', 'secure']);
      const bad = verifyZonemd(signedZone(signer, { corrupt: 'zonemd' }), APEX, { time: INSIDE });
      expect(bad.verified).toBe(false);
      expect(bad.reasons.map((r) => r.code)).toEqual(['bad-signature']);
      expect(bad.dnssec.rrsets[1]!.signatures[0]!.status).toBe('invalid');
      expect(bad.records[0]!.status).toBe('verified'); // the digest is fine; only the signature is not
    });
  }

  it('checks the validity window against the validation time', () => {
    const zone = signedZone(makeSigner(13));
    const before = verifyZonemd(zone, APEX, { time: INCEPTION - 1 });
    expect(before.dnssec.rrsets[0]!.signatures[0]!.status).toBe('not-yet-valid');
    const after = verifyZonemd(zone, APEX, { time: EXPIRATION + 1 });
    expect(after.dnssec.rrsets[0]!.signatures[0]!.status).toBe('expired');
    expect(after.summary).toContain('20240201000000');
    expect(verifyZonemd(zone, APEX, { time: EXPIRATION }).verified).toBe(true);
  });

  it('reports a signature whose key tag matches no DNSKEY', () => {
    const signer = makeSigner(15);
    const result = verifyZonemd(signedZone(signer, { keyTag: (keyTag(signer.dnskey) + 1) & 0xffff }), APEX, { time: INSIDE });
    expect(result.verified).toBe(false);
    expect(result.dnssec.rrsets[0]!.signatures[0]!.status).toBe('no-key');
  });

  it('computes RFC 4034 Appendix B key tags', () => {
    // The 2021 root ZSK from Verisign case 45 (its zone file comments give id 17913).
    const [record] = readZoneText('. 86400 IN DNSKEY 256 3 8 AwEAAZTGv2wmrvnhZ1f4Adpwhz6Z0BbbmlCBf/MN58G2nF82w5vZZ7I0QSkKKk4CGCclh+SeGg6QBvKpizswrJvm5egaFiUQFzvIUvBmCm0oWCIYmu7ewsjGmIqgwlUvGL9xPPE3PQs5s++ZazVtUb+5xsxHS/qp2NT+bp0C5tRnWr7fNc1TFQgXFM69+jNKxVGO/JQSN5xguoBdwCelWEQcllAzCvNKRkilnDMDSXipiPzqTcM/DnSifRskaDLY9cy82044MA4eEfI2DumLfRDXI8IuJLbhYA9Enl044RIeBRRoDyR+ipx9yd6nizGzme2+ze3H9tRVAMbB9z5S+zcjmHU=\n');
    expect(keyTag(record!.rdata)).toBe(17913);
  });
});
