// check never reads without a bound: a message is at most 65,535 octets, hex
// text at most --max-input-size, and a capture is streamed record by record.
import { closeSync, mkdtempSync, openSync, rmSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writePcap } from '../../../src/pcap/write.js';
import { getScenario, scenarioQueryName } from '../../../src/scenarios/index.js';
import { answerScenarioQuery } from '../../../src/server/scenario-query.js';
import { runCli } from '../../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-check-bounds-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function response(id: string): Buffer {
  const s = getScenario(id)!;
  const qname = scenarioQueryName(s, 'order.test');
  // What dnsorder serve sends a stub over UDP (these scenarios fit in 512 octets).
  return answerScenarioQuery({ name: qname, type: s.queryType, id: 4242 });
}

describe('dnsorder check input bounds', () => {
  it('/dev/zero is not one DNS message: refused after 65,535 octets, not read on', async () => {
    const r = await runCli(['check', '/dev/zero']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/\/dev\/zero is larger than 65535 octets, the most one DNS message takes .*\[ERR_INPUT_TOO_LARGE\]/);
  });

  it('a 100 MB file of zeros likewise (a sparse file: nothing is written to disk)', async () => {
    const file = join(dir, 'zeros.bin');
    writeFileSync(file, '');
    truncateSync(file, 100 * 1024 * 1024);
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('[ERR_INPUT_TOO_LARGE]');
  });

  it('hex text past --max-input-size is refused with the option named', async () => {
    const hex = response('canonical').toString('hex');
    const ok = await runCli(['check', '-', '--hex', '--max-input-size', String(hex.length)], hex);
    expect(ok.code).toBe(0);
    const r = await runCli(['check', '-', '--hex', '--max-input-size', String(hex.length - 1)], hex);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/standard input is larger than \d+ octets.*--max-input-size.*\[ERR_INPUT_TOO_LARGE\]/);
  });

  it('a capture is streamed: 5,000 responses over a dozen read chunks are all judged', async () => {
    const one = { source: '127.0.0.1', destination: '127.0.0.2', sourcePort: 53, destinationPort: 4000 };
    const datagrams = Array.from({ length: 5000 }, (_, i) => ({ ...one, payload: response(i % 2 ? 'canonical' : 'cname-last') }));
    const file = join(dir, 'many.pcap');
    writeFileSync(file, writePcap(datagrams));
    const r = await runCli(['check', file, '--format', 'json']);
    expect(r.code).toBe(1);
    const doc = JSON.parse(r.stdout) as { results: Array<{ conformant: boolean; frame: number }> };
    expect(doc.results).toHaveLength(5000);
    expect(doc.results.filter((x) => x.conformant)).toHaveLength(2500);
    expect(doc.results.at(-1)!.frame).toBe(5000);
  });

  it('a record claiming gigabytes is refused from its header, without buffering it', async () => {
    const pcap = writePcap([{ source: '127.0.0.1', destination: '127.0.0.2', sourcePort: 53, destinationPort: 4000, payload: response('canonical') }]);
    pcap.writeUInt32LE(0x7fffffff, 24 + 8); // captured length of the first record
    const file = join(dir, 'giant.pcap');
    writeFileSync(file, pcap);
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/frame 1 claims 2147483647 octets.*\[ERR_PCAP_RECORD_TOO_LARGE\]/);
  });

  it('a capture cut inside a record is truncated, whatever the read chunks', async () => {
    const pcap = writePcap(Array.from({ length: 3000 }, () => ({ source: '127.0.0.1', destination: '127.0.0.2', sourcePort: 53, destinationPort: 4000, payload: response('canonical') })));
    const file = join(dir, 'cut.pcap');
    const fd = openSync(file, 'w');
    writeSync(fd, pcap, 0, pcap.length - 5);
    closeSync(fd);
    const r = await runCli(['check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/frame 3000 is cut short \[ERR_PCAP_TRUNCATED\]/);
  });

  it('--any-port with no response says so, without suggesting --any-port', async () => {
    const pcap = writePcap([{ source: '127.0.0.1', destination: '127.0.0.2', sourcePort: 4000, destinationPort: 53, payload: Buffer.from('12340100000100000000000003777777000001' + '0001', 'hex') }]);
    const file = join(dir, 'queries.pcap');
    writeFileSync(file, pcap);
    const r = await runCli(['check', file, '--any-port']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('no UDP datagram with the QR bit set');
    expect(r.stderr).not.toContain('try --port or --any-port');
    const plain = await runCli(['check', file]);
    expect(plain.stderr).toContain('try --port or --any-port');
  });
});

describe('small input files have a bound too', () => {
  it.each([
    [['probe', '--combine', '/dev/zero'], 'ERR_INPUT_TOO_LARGE'],
    [['matrix', '--expect', '/dev/zero', '--clients', 'model-glibc'], 'ERR_INPUT_TOO_LARGE'],
    [['probe', '127.0.0.1:9', '--names-file', '/dev/zero'], 'ERR_INPUT_TOO_LARGE'],
  ])('%j stops at its limit with %s', async (argv, code) => {
    const r = await runCli(argv as string[]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`/dev/zero is larger than \\d+ octets.*\\[${code}\\]`));
  });
});
