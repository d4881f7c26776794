// Every client the matrix can run, in report column order: the real stub
// clients (src/clients/registry.ts), then the TypeScript models of their
// parsers (src/models), marked as models (model-clients.ts); and how
// `--clients` chooses among them.
import { UsageError } from '../errors.js';
import { REAL_CLIENTS } from '../clients/registry.js';
import { CLIENT_IDS, type ClientAdapter } from '../clients/types.js';
import { HOST, type Userland } from '../roots/userland.js';
import { selectByGlobs } from '../text/glob.js';
import { MODEL_CLIENTS } from './model-clients.js';

export const ALL_CLIENTS: readonly ClientAdapter[] = [...REAL_CLIENTS, ...MODEL_CLIENTS];

/**
 * Clients for `--clients`: ids or globs (`model-*`), `real`, `models`, or `all` (the default: real
 * clients and models side by side). A pattern that matches nothing is a usage error.
 */
export function selectClients(spec?: string): ClientAdapter[] {
  const patterns = (spec ?? 'all').split(',').map((s) => s.trim()).filter(Boolean);
  if (patterns.length === 0 || patterns.includes('all')) return [...ALL_CLIENTS];
  const { chosen, unknown } = selectByGlobs(ALL_CLIENTS, patterns, (c, pattern, selector) =>
    selector === 'real' ? (REAL_CLIENTS as readonly ClientAdapter[]).includes(c) : selector === 'models' ? (MODEL_CLIENTS as readonly ClientAdapter[]).includes(c) : pattern.test(c.id));
  if (unknown.length > 0) {
    const known = [...CLIENT_IDS, ...MODEL_CLIENTS.map((m) => m.id)].join(', ');
    throw new UsageError('ERR_UNKNOWN_CLIENT', `unknown client ${unknown.map((u) => `"${u}"`).join(', ')} (known: ${known}, real, models, all)`);
  }
  return chosen;
}

/**
 * The chosen clients in each userland, in report order: every real client
 * with its userlands side by side (`glibc-getaddrinfo`, `glibc-getaddrinfo@trixie`),
 * then the models, which run in-process and so once.
 */
export function clientsInUserlands(chosen: readonly ClientAdapter[], userlands: readonly Userland[]): ClientAdapter[] {
  const out: ClientAdapter[] = [];
  for (const client of chosen) {
    const real = REAL_CLIENTS.find((r) => r === client);
    if (!real) continue;
    const roots = userlands.filter((u) => u.name !== HOST);
    for (const u of userlands) {
      // A root-only client's host column would only say "skipped"; it stays when the host is all there is, to say why.
      if (u.name === HOST && real.onlyInRoots && roots.length > 0) continue;
      out.push(u.name === HOST ? real : real.inUserland(u));
    }
  }
  out.push(...chosen.filter((c) => !(REAL_CLIENTS as readonly ClientAdapter[]).includes(c)));
  return out;
}
