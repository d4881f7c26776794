import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { create, toBinary } from '@bufbuild/protobuf';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeControl, encodeData, encodeStream } from '../../../src/dnstap/framestream.js';
import { DNSTAP_CONTENT_TYPE, DnstapSchema } from '../../../src/dnstap/schema.js';
import { runCli } from '../../helpers/cli.js';
import { testDataPath } from '../../helpers/test-data.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-check-dnstap-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = (name: string, octets: Buffer) => {
  const path = join(dir, name);
  writeFileSync(path, octets);
  return path;
};
const response = (name: string) => toBinary(DnstapSchema, create(DnstapSchema, {
  type: 1, message: { type: 6, responseMessage: readFileSync(testDataPath('..', '..', 'fixtures', 'bin', `${name}.response.bin`)) },
} as never));

describe('dnsorder check on dnstap files', () => {
  it('recognises a dnstap file by its content and judges every response in it (exit 1 on a violation)', async () => {
    const r = await runCli(['check', testDataPath('dnstap', 'knot-resolver-stub.dnstap')]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^response \d+ \(frame \d+ at octet \d+, CLIENT_RESPONSE, 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+, \S+ 5\.6\.0\) id \d+ authority-a-first\.\S+ A: NOT conformant, 2 violation\(s\)/m);
    expect(r.stdout).toMatch(/7 response\(s\), 1 with violations; 7 query message\(s\) counted, 0 frame\(s\) not dnstap messages\n$/);
  });

  it('exit 0 on clean answers; JSON gives each response its dnstap origin and the file its totals', async () => {
    const r = await runCli(['check', testDataPath('dnstap', 'unbound.dnstap'), '--format', 'json']);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.results[0].dnstap).toMatchObject({ type: 'CLIENT_RESPONSE', protocol: 'UDP', identity: expect.any(String), version: expect.stringMatching(/^unbound/) });
    expect(doc.results[0].dnstap.offset).toBeGreaterThan(0);
    expect(doc.dnstap).toMatchObject({ frames: 12, queries: 6, responses: 6, invalid: [], invalidCount: 0, truncatedOctets: 0 });
  });

  it('reads the same with --dnstap', async () => {
    const detected = await runCli(['check', testDataPath('dnstap', 'bind.dnstap')]);
    const forced = await runCli(['check', testDataPath('dnstap', 'bind.dnstap'), '--dnstap']);
    expect(detected.code).toBe(0);
    expect(forced.stdout).toBe(detected.stdout);
  });

  it('lists frames that are not dnstap messages with their offsets (exit 1), and a response that is not a DNS message as malformed', async () => {
    const path = file('mixed.dnstap', encodeStream(DNSTAP_CONTENT_TYPE, [response('canonical'), Buffer.from('\xff\xff', 'latin1'), toBinary(DnstapSchema, create(DnstapSchema, { type: 1, message: { type: 6, responseMessage: Buffer.from('0102', 'hex') } } as never))]));
    const r = await runCli(['check', path]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/^frame 2 \(at octet \d+\): not a dnstap message: not a protobuf dnstap message: .* \[ERR_DNSTAP_PROTOBUF\]$/m);
    expect(r.stdout).toMatch(/response 2 \(frame 3 at octet \d+, CLIENT_RESPONSE\): NOT conformant, 1 violation\(s\)/);
    expect(r.stdout).toContain('violation malformed');
    expect(r.stderr).toContain('1 frame(s) are not dnstap messages');
  });

  it('a file cut inside its last frame: the frames before it are judged, and the cut is said', async () => {
    const whole = encodeStream(DNSTAP_CONTENT_TYPE, [response('cname-last'), response('canonical')]);
    const r = await runCli(['check', file('cut.dnstap', whole.subarray(0, whole.length - 20))]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('1 response(s), 1 with violations');
    expect(r.stderr).toMatch(/the last frame \(at octet \d+\) is cut short/);
  });

  it('unreadable dnstap input is exit 2 with one line and a code', async () => {
    const cases: Array<[Buffer, RegExp]> = [
      [Buffer.concat([encodeControl('START', [DNSTAP_CONTENT_TYPE]), Buffer.from([0x7f, 0, 0, 0])]), /data frame claims 2130706432 octets.*\[ERR_FSTRM_FRAME_TOO_LARGE\]/],
      [encodeStream('protobuf:other', []), /carries "protobuf:other", not "protobuf:dnstap.Dnstap".*\[ERR_FSTRM_CONTENT_TYPE\]/],
      [encodeStream(DNSTAP_CONTENT_TYPE, [toBinary(DnstapSchema, create(DnstapSchema, { type: 1, message: { type: 5 } } as never))]), /no response message in the dnstap file \(1 frame\(s\), 1 query message\(s\)\).*\[ERR_NO_RESPONSES\]/],
      [Buffer.concat([encodeControl('START', [DNSTAP_CONTENT_TYPE]), encodeData(response('canonical')), encodeControl('READY')]), /READY in a file.*\[ERR_FSTRM_SEQUENCE\]/],
    ];
    for (const [octets, message] of cases) {
      const r = await runCli(['check', file('bad.dnstap', octets)]);
      expect([r.code, r.stdout], message.source).toEqual([2, '']);
      expect(r.stderr, message.source).toMatch(message);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
    const forced = await runCli(['check', testDataPath('..', '..', 'fixtures', 'bin', 'canonical.response.bin'), '--dnstap']);
    expect([forced.code, forced.stderr]).toEqual([2, expect.stringMatching(/\[ERR_FSTRM_/)]);
    expect((await runCli(['check', 'x', '--dnstap', '--pcap'])).stderr).toMatch(/mutually exclusive/);
  });
});
