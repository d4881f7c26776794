import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { getScenario, scenarioQueryName } from '../../../src/scenarios/index.js';
import { answerScenarioQuery } from '../../../src/server/scenario-query.js';
import { writePcap } from '../../../src/pcap/write.js';
import { runCli } from '../../helpers/cli.js';

function response(id: string): Buffer {
  const s = getScenario(id)!;
  const qname = scenarioQueryName(s, 'order.test');
  // What dnsorder serve sends a stub over UDP (these scenarios fit in 512 octets).
  return answerScenarioQuery({ name: qname, type: s.queryType, id: 4242 });
}

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-check-'));

describe('dnsorder check', () => {
  it('exits 0 for a canonical response and 1 for cname-last, from hex on stdin', async () => {
    const ok = await runCli(['check', '-', '--hex'], response('canonical').toString('hex'));
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('conformant, 0 violation(s)');
    // Each answer record as a zone file line (owner. TTL CLASS TYPE rdata).
    expect(ok.stdout).toContain('  [0] canonical.order.test. 300 IN CNAME cdn.canonical.order.test.\n');
    expect(ok.stdout).toContain('  [2] edge.canonical.order.test. 300 IN A 192.0.2.1\n');
    const bad = await runCli(['check', '-'], response('cname-last').toString('hex').replace(/(..)/g, '$1 '));
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(/violation chain-start \[0\]/);
    expect(bad.stdout).toMatch(/violation terminal-after-chain/);
  });

  it('reads a binary file and reports JSON with the schema and findings', async () => {
    const file = join(dir, 'r.bin');
    writeFileSync(file, response('chain-reversed'));
    const out = await runCli(['check', file, '--bin', '--format', 'json']);
    expect(out.code).toBe(1);
    const doc = JSON.parse(out.stdout);
    expect(doc.schema).toBe('dnsorder.check/v1');
    expect(doc.results[0].id).toBe(4242);
    expect(doc.results[0].findings.map((f: { rule: string }) => f.rule)).toContain('chain-order');
    for (const a of doc.results[0].answer as Array<{ type: string; data: string }>) {
      expect(a.data).toMatch(a.type === 'A' ? /^192\.0\.2\.\d+$/ : /^[a-z0-9.-]+\.$/); // RDATA in presentation format
    }
  });

  it('checks every DNS response in a pcap (IPv4 and IPv6), ignoring queries and other ports', async () => {
    const file = join(dir, 'c.pcap');
    const query = Buffer.from(response('canonical'));
    query[2] = 0x01; // QR=0: a query, which check must skip
    writeFileSync(file, writePcap([
      { source: '127.0.0.1', destination: '127.0.0.1', sourcePort: 40000, destinationPort: 53, payload: query },
      { source: '127.0.0.1', destination: '127.0.0.1', sourcePort: 53, destinationPort: 40000, payload: response('canonical') },
      { source: '::1', destination: '::1', sourcePort: 53, destinationPort: 40001, payload: response('cname-last') },
      { source: '127.0.0.1', destination: '127.0.0.1', sourcePort: 5300, destinationPort: 40002, payload: response('cname-last') },
    ]));
    const out = await runCli(['check', file, '--format', 'json']);
    const doc = JSON.parse(out.stdout);
    expect(doc.results.map((r: { frame: number; conformant: boolean }) => [r.frame, r.conformant])).toEqual([[2, true], [3, false]]);
    expect(out.code).toBe(1);
    const anyPort = JSON.parse((await runCli(['check', file, '--any-port', '--format', 'json'])).stdout);
    expect(anyPort.results).toHaveLength(3);
  });

  it('says when a capture holds no DNS response on the port, and that fragments were skipped', async () => {
    const file = join(dir, 'empty.pcap');
    writeFileSync(file, writePcap([{ source: '127.0.0.1', destination: '127.0.0.1', sourcePort: 5300, destinationPort: 4000, payload: response('canonical') }]));
    const out = await runCli(['check', file]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/no DNS response from port 53 in the capture.*\[ERR_NO_RESPONSES\]/);
    // An IPv4 fragment (more-fragments bit set) next to a whole response.
    const frag = writePcap([{ source: '127.0.0.1', destination: '127.0.0.1', sourcePort: 53, destinationPort: 4000, payload: response('canonical') }]);
    frag.writeUInt16BE(0x2000, 24 + 16 + 14 + 6); // pcap header, record header, Ethernet, IPv4 flags/offset
    const both = Buffer.concat([frag, writePcap([{ source: '127.0.0.1', destination: '127.0.0.1', sourcePort: 53, destinationPort: 4001, payload: response('canonical') }]).subarray(24)]);
    writeFileSync(file, both);
    const mixed = await runCli(['check', file]);
    expect(mixed.code).toBe(0);
    expect(mixed.stderr).toMatch(/1 IP fragment\(s\) skipped/);
  });

  it('reports a malformed response as a violation with the wire error code', async () => {
    const out = await runCli(['check', '-', '--hex'], response('count-mismatch').toString('hex'));
    expect(out.code).toBe(1);
    expect(out.stdout).toMatch(/violation malformed: name runs past the end of the message .*\[ERR_NAME_TRUNCATED\]/);
  });

  it('exits 2 with a one-line error for unreadable input', async () => {
    for (const [argv, stdin, pattern] of [
      [['check', join(dir, 'missing.bin')], '', /cannot read .*missing\.bin: no such file \[ERR_INPUT\]/],
      [['check', '-', '--hex'], 'abc', /odd number of digits \(3\) \[ERR_BAD_HEX\]/],
      [['check', '-', '--hex'], 'zz', /not hex digits \[ERR_BAD_HEX\]/],
      [['check', '-', '--pcap'], 'not a capture at all, really', /not a pcap file .*\[ERR_PCAP_MAGIC\]/],
      [['check', '-', '--bin', '--hex'], '', /mutually exclusive|conflict/i],
    ] as const) {
      const out = await runCli([...argv], stdin);
      expect(out.code, String(argv)).toBe(2);
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stderr).toMatch(pattern);
      expect(out.stderr).not.toMatch(/\n\s+at /);
    }
  });
});

describe('dnsorder scenarios', () => {
  it('lists the catalogue as JSON with the pinned ids and their conformance', async () => {
    const out = await runCli(['scenarios', '--json']);
    expect(out.code).toBe(0);
    const doc = JSON.parse(out.stdout);
    const byId = new Map(doc.scenarios.map((s: { id: string }) => [s.id, s]));
    expect((byId.get('canonical') as { conformant: boolean }).conformant).toBe(true);
    expect((byId.get('cname-last') as { conformant: boolean }).conformant).toBe(false);
    expect((byId.get('cname-last') as { spec: string[] }).spec).toContain('draft-jabley-dnsop-ordered-answer-section');
  });

  it('filters with globs in the table view', async () => {
    const out = await runCli(['scenarios', '--scenarios', 'perm-2-*']);
    expect(out.stdout).toContain('6 scenario(s)');
  });
});

describe('argument validation', () => {
  it('stops before running a command whose arguments are invalid, with one line and exit 2', async () => {
    for (const [argv, pattern] of [
      [['fixtures'], /Missing required argument: out \[ERR_USAGE\]/],
      [['matrix', '--format', 'xml', '--clients', 'model-glibc'], /Invalid values: Argument: format, Given: "xml"/],
      [['check'], /Not enough non-option arguments/],
      [['no-such-command'], /Unknown argument: no-such-command/],
    ] as const) {
      const out = await runCli([...argv]);
      expect(out.code, argv.join(' ')).toBe(2);
      expect(out.stdout).toBe('');
      expect(out.stderr.trim().split('\n')).toHaveLength(1);
      expect(out.stderr).toMatch(pattern);
    }
  });
});

describe('dnsorder scenarios, bad selection', () => {
  it('exits 2 when nothing matches', async () => {
    const out = await runCli(['scenarios', '--scenarios', 'nope-*']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/no scenario matches "nope-\*" \[ERR_USAGE\]/);
  });
});

describe('--out', () => {
  it('is checked before any work: a report into a missing directory fails at once with exit 2', async () => {
    const out = await runCli(['matrix', '--clients', 'model-glibc', '--scenarios', 'canonical', '--out', join(dir, 'missing', 'm.json')]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/cannot write .*: no such file \[ERR_OUTPUT\]/);
    // Refused before the run started: no progress line, no client detected, no cell run.
    expect(out.stderr).not.toMatch(/scenario server|detecting|cells/);
  });

  it('writes the whole report under its name and leaves no temporary file', async () => {
    const file = join(dir, 'report.json');
    const out = await runCli(['matrix', '--clients', 'model-glibc', '--scenarios', 'canonical', '--format', 'json', '--out', file]);
    expect(out.code).toBe(0);
    expect(JSON.parse(readFileSync(file, 'utf8')).schema).toBe('dnsorder.matrix/v1');
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
