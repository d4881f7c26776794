// The scenario server a matrix run resolves against, in one of two places:
// inside the run's network namespace (a child process on 127.0.0.1:53, where
// the namespace's resolv.conf points) or, without namespaces, in this process
// on a free loopback port. Either way every query reaches the QueryLedger.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startServer } from '../server/index.js';
import { NamespaceError } from '../clients/errors.js';
import type { NetworkNamespace } from '../clients/namespace.js';
import type { ServerEndpoint } from '../clients/types.js';
import type { QueryLedger } from './query-ledger.js';

export interface ScenarioServerHandle {
  endpoint: ServerEndpoint;
  close(): Promise<void>;
}

export async function startLocalScenarioServer(ledger: QueryLedger): Promise<ScenarioServerHandle> {
  const server = await startServer({ port: 0, onQuery: (event) => ledger.record(event.qname) });
  return { endpoint: { address: server.address, port: server.port }, close: () => server.close() };
}

/** Compiled entry (dist/), found the same way from src/ under vitest and from dist/. */
const ENTRY = fileURLToPath(new URL('../../dist/matrix/serve-in-namespace.js', import.meta.url));

export async function startNamespacedScenarioServer(ns: NetworkNamespace, ledger: QueryLedger): Promise<ScenarioServerHandle> {
  if (!existsSync(ENTRY)) throw new NamespaceError(`${ENTRY} is missing: run \`npm run build\` first`);
  const [command, ...args] = ns.exec([process.execPath, ENTRY, '53']);
  const child = spawn(command!, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  ns.onClose(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4000); // the tail is enough to say why it died
  });
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const lines = createInterface({ input: child.stdout });
  const endpoint = await new Promise<ServerEndpoint>((resolve, reject) => {
    const timer = setTimeout(() => reject(new NamespaceError(`scenario server in ${ns.name} did not start: ${stderr.trim()}`)), 15_000);
    child.once('close', (code) => {
      clearTimeout(timer);
      reject(new NamespaceError(`scenario server in ${ns.name} exited (${code}): ${stderr.trim()}`));
    });
    lines.on('line', (line) => {
      let event: { ready?: boolean; address?: string; port?: number; query?: string | null };
      try {
        event = JSON.parse(line);
      } catch {
        return;
      }
      if (event.ready) {
        clearTimeout(timer);
        resolve({ address: event.address!, port: event.port! });
      } else if (event.query) {
        ledger.record(event.query);
      }
    });
  });
  return {
    endpoint,
    close: async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.stdin.end();
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}
