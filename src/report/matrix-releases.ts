// The same clients in several userlands (`matrix --suites host,trixie`): how
// the report lays them out and what changed between releases. Pure functions
// of the document, shared by the table, Markdown, HTML and JSON renderers so
// they all group and compare the same way.
//
// Columns: one group per real client (its base id, `glibc-getaddrinfo`) with
// one column per userland in the order of `inputs.userlands` (host first);
// models have no userland and stay single columns. A run where every real
// client ran on the host is not grouped at all: it renders as before suites.
//
// Changes: a scenario is "changed between releases" for a base client when
// the cells of that client that ran (outcome not `skipped`) do not all have
// the same outcome. Skipped cells are never compared, so a client that could
// not run in one userland produces no change; the reports list such clients
// once as "not run" instead. Documents written before suites existed lack
// `base`/`userland`: those come from the id (`splitUserlandId`), bare = host.
import type { ClientInfo, MatrixDocument, MatrixResult, ReleaseChange, ReleaseSide } from '../matrix/document.js';
import { resultKey } from '../matrix/document.js';
import { HOST, splitUserlandId } from '../roots/userland.js';

/** Where a client ran: its base id and userland (undefined for a model, which runs in-process). */
export function placeOf(client: Pick<ClientInfo, 'id' | 'kind' | 'base' | 'userland'>): { base: string; userland?: string } {
  if (client.kind === 'model') return { base: client.base ?? client.id };
  const split = splitUserlandId(client.id);
  return { base: client.base ?? split.base, userland: client.userland ?? split.userland };
}

/** The userlands of the run, host first as the run listed them, then any only the clients name. */
export function userlandsOf(doc: Pick<MatrixDocument, 'inputs' | 'clients'>): string[] {
  const out = [...(doc.inputs.userlands ?? [HOST])];
  for (const c of doc.clients) {
    const u = placeOf(c).userland;
    if (u !== undefined && !out.includes(u)) out.push(u);
  }
  return out;
}

export interface ClientColumn {
  client: ClientInfo;
  /** Undefined for a model. */
  userland?: string;
}

export interface ClientGroup {
  /** The base id (a model's own id). */
  base: string;
  isModel: boolean;
  /** In userland order; a model's group has its one column. */
  columns: ClientColumn[];
}

export interface ClientLayout {
  /** False when every real client ran on the host: one plain column per client, as before suites. */
  bySuite: boolean;
  groups: ClientGroup[];
  /** Every column, left to right (the clients of `groups`, flattened). */
  columns: ClientInfo[];
}

/** The grid's columns: groups in the order their first client appears in `doc.clients`. */
export function clientLayout(doc: Pick<MatrixDocument, 'inputs' | 'clients'>): ClientLayout {
  const placed = doc.clients.map((client) => ({ client, ...placeOf(client) }));
  const bySuite = placed.some((p) => p.userland !== undefined && p.userland !== HOST);
  if (!bySuite) {
    const groups = placed.map((p) => ({ base: p.base, isModel: p.userland === undefined, columns: [{ client: p.client, userland: p.userland }] }));
    return { bySuite, groups, columns: [...doc.clients] };
  }
  const order = userlandsOf(doc);
  const groups: ClientGroup[] = [];
  const real = new Map<string, ClientGroup>();
  for (const p of placed) {
    if (p.userland === undefined) {
      groups.push({ base: p.base, isModel: true, columns: [{ client: p.client }] });
      continue;
    }
    let group = real.get(p.base);
    if (!group) {
      group = { base: p.base, isModel: false, columns: [] };
      real.set(p.base, group);
      groups.push(group);
    }
    group.columns.push({ client: p.client, userland: p.userland });
  }
  // Stable sort: two columns in one userland (not produced by the runner) keep their order.
  for (const g of real.values()) g.columns.sort((a, b) => order.indexOf(a.userland!) - order.indexOf(b.userland!));
  return { bySuite, groups, columns: groups.flatMap((g) => g.columns.map((c) => c.client)) };
}

export interface NotRun {
  client: string;
  base: string;
  userland: string;
  reason: string;
}

export interface ReleaseComparison {
  userlands: string[];
  /** Scenario order, then client group order. */
  changes: ReleaseChange[];
  /** Clients of a compared group that did not run in some userland: their cells were not compared. */
  notRun: NotRun[];
}

/**
 * What changed between releases, or undefined when no real client ran in more
 * than one userland (nothing to compare: a host-only run, or one suite alone).
 */
export function compareReleases(doc: MatrixDocument): ReleaseComparison | undefined {
  const layout = clientLayout(doc);
  const compared = layout.groups.filter((g) => !g.isModel && g.columns.length > 1);
  if (!layout.bySuite || compared.length === 0) return undefined;
  const index = new Map<string, MatrixResult>(doc.results.map((r) => [resultKey(r), r]));
  const changes: ReleaseChange[] = [];
  for (const s of doc.scenarios) {
    for (const g of compared) {
      const sides: ReleaseSide[] = [];
      for (const col of g.columns) {
        const r = index.get(resultKey({ scenario: s.id, client: col.client.id }));
        if (!r || r.outcome === 'skipped') continue;
        sides.push({ userland: col.userland!, client: col.client.id, version: col.client.version, outcome: r.outcome, detail: r.detail });
      }
      if (new Set(sides.map((x) => x.outcome)).size > 1) changes.push({ scenario: s.id, base: g.base, sides });
    }
  }
  const notRun = compared.flatMap((g) => g.columns
    .filter((col) => !col.client.available)
    .map((col) => ({ client: col.client.id, base: g.base, userland: col.userland!, reason: col.client.reason ?? 'not available' })));
  return { userlands: userlandsOf(doc), changes, notRun };
}

/**
 * `host (glibc 2.36): no-address → trixie (glibc 2.41): ok`, the one wording
 * of a change in every format; `outcome` may style the outcome (colour, a
 * badge) and `text` escapes the userland and version (HTML).
 */
export function describeSides(change: Pick<ReleaseChange, 'sides'>, outcome: (side: ReleaseSide) => string = (side) => side.outcome, text: (s: string) => string = (s) => s): string {
  return change.sides.map((side) => `${text(side.userland)} (${text(side.version ?? 'n/a')}): ${outcome(side)}`).join(' → ');
}

export const CHANGES_TITLE = 'Changed between releases';
export const CHANGES_NOTE = 'same client, outcome differs between userlands; skipped cells are not compared';
export const NO_CHANGES = 'No outcome changed between releases.';

/** `Not run, so not compared: musl-getaddrinfo@trixie (musl-dev is not installed)` lines' items. */
export function describeNotRun(n: NotRun): string {
  return `${n.client} (${n.reason})`;
}
