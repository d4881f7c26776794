// Chromium's built-in DNS client (net/dns: DnsTransaction + DnsResponseResultExtractor),
// driven as a browser: headless Chromium fetches http://NAME:PORT/ and the
// address that answered is the lookup's result (src/clients/programs/chromium-probe.mjs).
//
// It reads /etc/resolv.conf, so it runs in the matrix's network namespace,
// and only there: after a DNS error Chromium queries public resolvers (its
// DNS probes), and the namespace has no route out. prepare() refuses to run
// without one. The namespace's loopback gets every address the scenario
// catalogue uses (chain ends and unrelated records), so whichever address
// Chromium picks, a server inside the namespace answers on it; the server
// is part of each probe worker and ends with it.
//
// The addresses stay on the loopback for the run; the other clients in the
// namespace never ask for AI_ADDRCONFIG, so they do not see them.
//
// Chromium reports only the address it connected to (the first reachable
// one after its RFC 6724 sort) and no canonical name: `reports: 'one-address'`.
// Each userland gets at most two browsers per question type, started (and
// timed) in prepare(), not in the first cell.
import { join } from 'node:path';
import { defineProgramClient, type ProgramClientAdapter } from './program-client.js';
import { NamespaceError } from './errors.js';
import { DnsorderError } from '../errors.js';
import { installHint } from '../process/install-hint.js';
import { runCommand } from '../process/run-command.js';
import { where, type Userland } from '../roots/userland.js';
import { answerQuestion, listScenarios, scenarioQueryName } from '../scenarios/index.js';
import type { ClientAdapter, PreparedClient, RunContext } from './types.js';

/** The browser binary itself: /usr/bin/chromium is Debian's wrapper script, which adds flags of its own. */
export const CHROMIUM_BINARY = '/usr/lib/chromium/chromium';
const ZONE = 'order.test';

const nodeIn = (userland: Userland) => (userland.dir ? 'node' : process.execPath);

/** `--version` prints and exits before any part of the browser starts: the one run outside the namespace. */
const chromiumVersion = (userland: Userland) => userland.firstLine([CHROMIUM_BINARY, '--version']);

/** Every A and AAAA address the catalogue's answers carry, for either question (the AAAA worker asks A too). */
export function catalogueAddresses(): string[] {
  const out = new Set<string>();
  for (const scenario of listScenarios()) {
    const name = scenarioQueryName(scenario, ZONE, 'x');
    for (const qtype of ['A', 'AAAA'] as const) {
      const answer = answerQuestion(name, qtype, ZONE);
      for (const rr of [...(answer?.answers ?? []), ...(answer?.additionals ?? [])]) {
        if ((rr.type === 'A' || rr.type === 'AAAA') && typeof rr.data === 'string') out.add(rr.data);
      }
    }
  }
  return [...out].sort();
}

/** Puts the catalogue's addresses on the namespace's loopback (idempotent: `address replace`). */
async function addCatalogueAddresses(namespace: string): Promise<void> {
  const batch = catalogueAddresses().map((a) => `address replace ${a}/${a.includes(':') ? 128 : 32} dev lo\n`).join('');
  const r = await runCommand(['ip', '-n', namespace, '-batch', '-'], { input: batch, timeoutMs: 30_000 });
  if (r.error || r.exitCode !== 0) {
    throw new NamespaceError(`chromium: cannot add the catalogue's addresses to ${namespace}: ${(r.error?.message ?? r.stderr).trim()}`);
  }
}

const program = defineProgramClient({
  id: 'chromium',
  discovery: 'system-config',
  describe: "Chromium's built-in DNS client (AsyncDns on, DoH off), headless, first address it connects to",
  async toolchain(userland) {
    const chromium = await chromiumVersion(userland);
    if (!chromium) return { missing: `no chromium${where(userland)}: ${installHint('chromium')}` };
    const node = await userland.firstLine([nodeIn(userland), '--version']);
    if (!node) return { missing: `no node${where(userland)} to drive chromium: ${installHint('nodejs')}` };
    return { identity: `${chromium} node ${node}` };
  },
  recipe: (identity) => ({ client: 'chromium', sources: ['chromium-probe.mjs'], toolchain: identity, commands: [] }),
  argv: (dir, _server, qtype, userland) => [nodeIn(userland), join(dir, 'chromium-probe.mjs'), CHROMIUM_BINARY, qtype],
  // "Chromium 156.0.8078.114 built on Debian GNU/Linux 12 (bookworm)" → "Chromium 156.0.8078.114"
  version: async (_dir, userland) => (await chromiumVersion(userland))?.match(/^Chromium [\d.]+/)?.[0],
});

/**
 * Browsers per question type (A, AAAA): each is a few hundred MB and seconds of CPU to start, while a
 * lookup through a running one takes 30–130 ms. One each: on 2 cores, a second pair per userland cost
 * more start-up than it saved on 54 lookups (bench/matrix: 16 s of start-up for host + trixie with two).
 */
const MAX_BROWSERS = 1;
/** Starting a browser takes seconds on a busy machine: far more than a lookup's time limit. */
const START_TIMEOUT_MS = 120_000;

/**
 * Starts every browser before the first cell, so that no lookup's time limit
 * pays for a browser's start: each worker resolves `localhost` once (Chromium
 * answers it itself, no DNS query reaches the scenario server).
 */
async function startBrowsers(prepared: PreparedClient, workers: number): Promise<void> {
  const warm = async (qtype: 'A' | 'AAAA') => {
    const run = await prepared.resolve({ name: 'localhost', qtype, timeoutMs: START_TIMEOUT_MS });
    const output = run.result;
    if (!output || output.addresses.length === 0) {
      const why = output?.error ? `${output.error.code}: ${output.error.text}` : run.timedOut ? `no answer within ${run.durationMs} ms` : run.stderr.trim().split('\n').slice(-3).join(' | ');
      throw new DnsorderError('ERR_CLIENT_START', `chromium (${qtype}) did not start: ${why}`);
    }
  };
  await Promise.all((['A', 'AAAA'] as const).flatMap((qtype) => Array.from({ length: workers }, () => warm(qtype))));
}

function inNamespaceOnly(adapter: ClientAdapter): ClientAdapter {
  return {
    ...adapter,
    reports: 'one-address',
    async prepare(context: RunContext): Promise<PreparedClient> {
      if (!context.namespace) {
        throw new NamespaceError('chromium runs only inside the matrix network namespace (it queries public resolvers after a DNS error)');
      }
      await addCatalogueAddresses(context.namespace);
      const workers = Math.max(1, Math.min(context.maxWorkers, MAX_BROWSERS));
      const prepared = await adapter.prepare({ ...context, maxWorkers: workers });
      try {
        await startBrowsers(prepared, workers);
      } catch (err) {
        await prepared.close();
        throw err;
      }
      return prepared;
    },
  };
}

export const chromium: ProgramClientAdapter = {
  ...inNamespaceOnly(program),
  inUserland: (userland) => inNamespaceOnly(program.inUserland(userland)),
  onlyInRoots: program.onlyInRoots,
};
