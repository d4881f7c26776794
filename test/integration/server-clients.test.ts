// Real clients (kdig and dig from Debian) receive each scenario's records in
// exactly the scenario's order, over UDP and over TCP. The comparison is the
// decoded answer section record by record: owner (with its letter case),
// type and RDATA octets. kdig writes query names in lower case, so its labels
// are lower case; the dig test uses mixed case to check the echo.

import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server/index.js';
import { listScenarios, type Scenario } from '../../src/scenarios/catalogue-index.js';
import { answerQuestion, scenarioQueryName } from '../../src/scenarios/response.js';
import { encodeMessage } from '../../src/wire/encode.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { emptyMessage, type DnsRecord } from '../../src/wire/message.js';
import { requirement } from '../helpers/peers.js';

const run = promisify(execFile);
const ZONE = 'order.test';

async function has(tool: string): Promise<boolean> {
  try {
    await run(tool, ['-v']);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ENOENT';
  }
}
const haveKdig = await has('kdig');
const haveDig = await has('dig');
const kdigMissing = requirement(haveKdig ? undefined : 'kdig (knot-dnsutils) is missing (run scripts/install-lab.sh as root)');
const digMissing = requirement(haveDig ? undefined : 'dig (bind9-dnsutils) is missing (run scripts/install-lab.sh as root)');

/** The scenarios checked: every named one (malformed ones cannot be decoded by a client) plus a sample of permutations. */
function scenariosUnderTest(): Scenario[] {
  const all = listScenarios();
  const named = all.filter((s) => s.category !== 'permutation' && s.category !== 'shuffle' && !s.options.mutation);
  const sample = all.filter((s) => ['perm-2-3', 'perm-3-7', 'perm-3-23', 'perm-4-0', 'perm-4-57', 'perm-4-119', 'shuffle-6-s1', 'shuffle-12-s3'].includes(s.id));
  return [...named, ...sample];
}

/** Owner, type and uncompressed RDATA in hex, as kdig reports them. */
function expectedRows(records: DnsRecord[]): string[] {
  const decoded = decodeMessage(encodeMessage(emptyMessage({ answers: records }), { compress: false }));
  return decoded.answers.map((r) => `${r.name}. ${r.typeCode} ${r.rdata.toString('hex').toUpperCase()}`);
}

interface KdigRecord { NAME: string; TYPE: number; RDATAHEX?: string }

async function kdig(port: number, name: string, type: string, tcp: boolean): Promise<{ rows: string[]; tc: number }> {
  const args = ['+json', '+norec', '+bufsize=1232', tcp ? '+tcp' : '+notcp', '+retry=1', '+time=3', '-p', String(port), '@127.0.0.1', name, type];
  const { stdout } = await run('kdig', args);
  const json = JSON.parse(stdout) as { TC: number; answerRRs?: KdigRecord[] };
  return { tc: json.TC, rows: (json.answerRRs ?? []).map((r) => `${r.NAME} ${r.TYPE} ${r.RDATAHEX ?? ''}`) };
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let i = 0; i < items.length; i += size) await Promise.all(items.slice(i, i + size).map(work));
}

let server: RunningServer;
beforeAll(async () => {
  server = await startServer({ port: 0 });
});
afterAll(async () => {
  await server?.close();
});

describe.skipIf(kdigMissing)('kdig receives every scenario in its exact order', () => {
  for (const transport of ['udp', 'tcp'] as const) {
    it(`over ${transport.toUpperCase()}`, async () => {
      const scenarios = scenariosUnderTest();
      expect(scenarios.length).toBeGreaterThan(50);
      const failures: string[] = [];
      await inBatches(scenarios, 8, async (scenario) => {
        const qname = scenarioQueryName(scenario, ZONE, `kdig-${transport}`);
        const expected = expectedRows(answerQuestion(qname, scenario.queryType, ZONE)!.answers);
        const got = await kdig(server.port, qname, scenario.queryType, transport === 'tcp');
        if (got.tc) failures.push(`${scenario.id}: TC set`);
        if (JSON.stringify(got.rows) !== JSON.stringify(expected)) {
          failures.push(`${scenario.id}:\n  got      ${got.rows.join('\n           ')}\n  expected ${expected.join('\n           ')}`);
        }
      });
      expect(failures).toEqual([]);
      const counts = server.stats().byScenario;
      for (const s of scenarios) expect(counts[s.id]?.[s.queryType]?.[transport], s.id).toBeGreaterThanOrEqual(1);
    }, 120_000);
  }
});

describe.skipIf(digMissing)('dig agrees (presentation format, UDP and TCP)', () => {
  it('the five pinned layouts', async () => {
    for (const id of ['canonical', 'cname-last', 'chain-reversed', 'terminal-interleaved', 'unrelated-first']) {
      for (const tcp of [false, true]) {
        const qname = `${id}.Dig-Case.${ZONE}`;
        const { stdout } = await run('dig', ['+norec', '+noedns', tcp ? '+tcp' : '+notcp', '+noall', '+answer', '+tries=1', '+time=3',
          '-p', String(server.port), '@127.0.0.1', qname, 'A']);
        const got = stdout.trim().split('\n').map((line) => {
          const [owner, , , type, data] = line.split(/\s+/);
          return `${owner} ${type} ${data}`;
        });
        const expected = answerQuestion(qname, 'A', ZONE)!.answers.map((r) => `${r.name}. ${r.type} ${r.type === 'CNAME' ? `${String(r.data)}.` : String(r.data)}`);
        expect(got, `${id} tcp=${tcp}`).toEqual(expected);
      }
    }
  });

  it('a mutated scenario reaches the client as sent (dig reports the malformed answer)', async () => {
    const { stdout } = await run('dig', ['+norec', '+noedns', '+tries=1', '+time=2', '-p', String(server.port), '@127.0.0.1', `count-mismatch.${ZONE}`, 'A'])
      .catch((error: { stdout: string }) => ({ stdout: error.stdout }));
    expect(stdout).toMatch(/malformed|unexpected end of input|ANSWER: 5/i);
  });
});
