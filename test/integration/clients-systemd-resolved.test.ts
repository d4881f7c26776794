// systemd-resolved 257 (the trixie root's daemon, run as a plain process in the
// run's namespace, forwarding to the scenario server) measured two ways:
//  1. what an application gets through it: glibc getaddrinfo with resolv.conf
//     naming its stub 127.0.0.53 (the matrix client `systemd-resolved@trixie`);
//  2. the answer it re-emits: the record order its stub listener (127.0.0.53)
//     and its DNS proxy (127.0.0.54) send on, judged by dnsorder's analyzer.
// Measured first, asserted here. Needs root and the trixie root (.ci/run
// builds it): a visible skip locally, a failure under CI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMatrix } from '../../src/matrix/runner.js';
import { NetworkNamespace } from '../../src/clients/namespace.js';
import { startSystemdResolved, type ResolvedDaemon } from '../../src/clients/systemd-resolved.js';
import { startNamespacedScenarioServer, type ScenarioServerHandle } from '../../src/matrix/scenario-server.js';
import { QueryLedger } from '../../src/matrix/query-ledger.js';
import { analyzeBytes } from '../../src/order/analyze.js';
import { decodeMessage } from '../../src/wire/decode.js';
import { runCommand } from '../../src/process/run-command.js';
import { netnsExec } from '../../src/process/netns-exec.js';
import { resolveUserlands, findRoot } from '../../src/roots/store.js';
import type { MatrixDocument } from '../../src/matrix/document.js';
import { isRoot, requirement } from '../helpers/peers.js';

const trixie = findRoot('trixie');
const skip = requirement(!isRoot ? 'needs root (network namespace, chroot)'
  : !trixie ? 'trixie root not built: run `dnsorder lab build trixie`'
  : !trixie.manifest?.installed['systemd-resolved'] ? 'the trixie root has no systemd-resolved: run `dnsorder lab build trixie` (the package set changed)' : undefined);

const NOT_OK: Record<string, string> = {
  // CNAME_REDIRECT_MAX is 16 (src/resolve/resolved-dns-query.c): the 17th redirect is ELOOP,
  // which nss-dns sees as a failed lookup of the name.
  'long-17': 'no-address', 'long-33': 'no-address',
  // resolved's packet parser (resolved-dns-packet.c dns_packet_extract) is strict: a record
  // whose RDLENGTH disagrees with its data, or a count that promises more records than the
  // message holds, makes the whole reply unusable — it answers SERVFAIL, glibc says EAI_AGAIN.
  'rdlength-mismatch': 'error', 'count-mismatch': 'error',
};

describe.skipIf(skip)('systemd-resolved in the trixie root', () => {
  let doc: MatrixDocument;
  beforeAll(async () => {
    doc = await runMatrix({ suites: ['host', 'trixie'], clients: 'systemd-resolved,glibc-getaddrinfo' });
  }, 300_000);

  it('runs only in the root, with the daemon\'s version detected there', () => {
    expect(doc.clients.map((c) => c.id)).toEqual(['glibc-getaddrinfo', 'glibc-getaddrinfo@trixie', 'systemd-resolved@trixie']);
    expect(doc.clients.find((c) => c.id === 'systemd-resolved@trixie')).toMatchObject({ available: true, version: expect.stringMatching(/^systemd 257 \(via glibc 2\.41/) });
  });

  it('gives glibc every address in any order: the stub re-sorts the chain before glibc reads it', () => {
    const outcomes = Object.fromEntries(doc.results.filter((r) => r.client === 'systemd-resolved@trixie').map((r) => [r.scenario, r.outcome]));
    const notOk = Object.fromEntries(Object.entries(outcomes).filter(([, o]) => o !== 'ok'));
    expect(notOk).toEqual(NOT_OK);
    // The layouts that break glibc on its own are fine through resolved.
    for (const s of ['cname-last', 'chain-reversed', 'terminal-interleaved', 'terminal-split', 'one-hop-last', 'cname-last-aaaa']) {
      expect(doc.results.find((r) => r.scenario === s && r.client === 'glibc-getaddrinfo@trixie')!.outcome, s).not.toBe('ok');
      expect(outcomes[s], s).toBe('ok');
    }
  });

  it('follows a dangling chain itself: it asks the server for the chain\'s last name (and that is not a wrong address)', () => {
    for (const s of ['dangling-cname', 'unrelated-instead']) {
      const r = doc.results.find((x) => x.scenario === s && x.client === 'systemd-resolved@trixie')!;
      expect(r.addresses, s).toEqual(['192.0.2.1', '192.0.2.2']);
      expect(r.detail, s).toMatch(/asked for the chain's end itself/);
      // Two queries reached the server: the name, then the chain's end.
      expect(r.queries, s).toBeGreaterThanOrEqual(2);
    }
  });
});

describe.skipIf(skip)('the answer systemd-resolved re-emits', () => {
  let ns: NetworkNamespace;
  let server: ScenarioServerHandle;
  let daemon: ResolvedDaemon;
  let label = 0;

  /** One query from inside the namespace, answered by `listener`; the reply's octets. */
  async function ask(listener: '127.0.0.53' | '127.0.0.54', scenario: string): Promise<Buffer> {
    const name = `${scenario}.r${label++}.order.test`;
    // dig prints the reply's octets with +qr? No: it has no raw output. A Node one-liner in the namespace does.
    const script = `import('node:dgram').then(({ createSocket }) => {
      const s = createSocket('udp4'); const q = Buffer.from('${queryHex(name)}', 'hex');
      s.on('message', (m) => { process.stdout.write(m.toString('hex')); s.close(); });
      s.send(q, 53, '${listener}');
      setTimeout(() => process.exit(2), 10000).unref(); })`;
    const r = await runCommand(netnsExec(ns.name, [process.execPath, '-e', script]), { timeoutMs: 15_000 });
    expect(r.exitCode, r.stderr).toBe(0);
    return Buffer.from(r.stdout, 'hex');
  }

  beforeAll(async () => {
    ns = NetworkNamespace.create();
    server = await startNamespacedScenarioServer(ns, new QueryLedger());
    const [root] = resolveUserlands(['trixie']);
    daemon = await startSystemdResolved(root!, ns.name, server.endpoint);
  }, 120_000);
  afterAll(async () => {
    await daemon?.stop();
    await server?.close();
    ns?.closeSync();
  });

  const owners = (reply: Buffer) => decodeMessage(reply).answers.map((r) => `${r.name.split('.')[0]} ${r.type}`);

  it('the stub (127.0.0.53) sends every chain in canonical order, and drops the unrelated record', async () => {
    for (const s of ['cname-last', 'chain-reversed', 'terminal-split', 'cname-last-reversed']) {
      const reply = await ask('127.0.0.53', s);
      expect(analyzeBytes(reply).conformant, s).toBe(true);
      expect(owners(reply), s).toEqual([`${s} CNAME`, 'cdn CNAME', 'edge A', 'edge A']);
    }
    expect(owners(await ask('127.0.0.53', 'unrelated-first'))).toEqual(['unrelated-first CNAME', 'cdn CNAME', 'edge A', 'edge A']);
  });

  it('the proxy (127.0.0.54) passes the upstream\'s order on unchanged, unrelated record included', async () => {
    const cnameLast = await ask('127.0.0.54', 'cname-last');
    expect(owners(cnameLast)).toEqual(['edge A', 'edge A', 'cname-last CNAME', 'cdn CNAME']);
    expect(analyzeBytes(cnameLast).conformant).toBe(false);
    expect(owners(await ask('127.0.0.54', 'unrelated-first'))).toEqual(['unrelated A', 'unrelated-first CNAME', 'cdn CNAME', 'edge A', 'edge A']);
  });
});

function queryHex(name: string): string {
  const labels = name.split('.').flatMap((l) => [l.length, ...Buffer.from(l)]);
  return Buffer.from([0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, ...labels, 0, 0, 1, 0, 1]).toString('hex');
}
