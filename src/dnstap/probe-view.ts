// `dnsorder probe … --dnstap-socket PATH`: while the probe runs, collect the
// resolver's own dnstap stream, then put beside each test's verdict (what
// the probe received) what the resolver says it sent (CLIENT_RESPONSE) and,
// where it logs them, what it received from the authority
// (RESOLVER_RESPONSE, FORWARDER_RESPONSE).

import type { ProbeDocument } from '../probe/document.js';
import { startCollector, type Collector, type ResponseEvent } from './collector.js';

export interface DnstapTestView {
  test: string;
  verdict: string;
  /** CLIENT_RESPONSE messages logged for the test's questions, and the rules they violate. */
  sent: { responses: number; violating: number; rules: string[] };
  /** RESOLVER_/FORWARDER_RESPONSE messages for the test's names: the answers the resolver got. */
  received: { responses: number; violating: number; rules: string[] };
}

export interface DnstapProbeView {
  socket: string;
  /** The resolvers that connected, by dnstap identity and version. */
  sources: Array<{ identity: string | null; version: string | null }>;
  /** Questions the probe got an answer to that the resolver never logged an answer to (within the wait). */
  notLogged: number;
  tests: DnstapTestView[];
}

export interface ProbeDnstap {
  collector: Collector;
  logged: ResponseEvent[];
}

/**
 * Listens at `socketPath` and waits (up to `connectMs`) for the resolver to connect before the probe
 * asks anything: a resolver already running tried the socket when it started and tries again only
 * every few seconds (libfstrm's reopen interval is 5 s), and what it logs meanwhile is lost.
 */
export async function startProbeDnstap(socketPath: string, connectMs = 10_000): Promise<ProbeDnstap & { connected: boolean }> {
  const logged: ResponseEvent[] = [];
  const collector = await startCollector({ socketPath, onResponse: (e) => logged.push(e) });
  const connected = await collector.waitFor((s) => s.connections.total > 0, connectMs).then(() => true, () => false);
  return { collector, logged, connected };
}

const key = (name: string, type: string) => `${name.toLowerCase().replace(/\.$/, '')} ${type.toUpperCase()}`;
const UPSTREAM = new Set(['RESOLVER_RESPONSE', 'FORWARDER_RESPONSE']);

/** Names under a test's questions: the chain targets a resolver asks upstream end in the same labels. */
function belongs(name: string, asked: ReadonlySet<string>): boolean {
  const n = name.toLowerCase().replace(/\.$/, '');
  for (const a of asked) if (n === a || n.endsWith(`.${a}`)) return true;
  return false;
}

/**
 * Waits (up to `timeoutMs`) until the resolver has logged an answer to every question the probe got one
 * to — resolvers send dnstap from a queue of their own, BIND about once a second — then stops
 * collecting and lines up the logged answers with the tests.
 */
export async function finishProbeDnstap(dnstap: ProbeDnstap, doc: ProbeDocument, timeoutMs = 5000): Promise<DnstapProbeView> {
  const asked = new Set(doc.results.flatMap((r) => r.asks.filter((a) => a.rcode !== null).map((a) => key(a.name, a.qtype))));
  const loggedKeys = () => new Set(dnstap.logged.filter((e) => e.type === 'CLIENT_RESPONSE' && e.question).map((e) => key(e.question!.name, e.question!.type)));
  const logsClients = () => dnstap.logged.some((e) => e.type === 'CLIENT_RESPONSE');
  // A resolver that logs only its upstream traffic (PowerDNS Recursor 4.8): wait until each answered
  // test's names appear in some logged frame — its threads log on their own connections, so the first
  // frame says nothing of the others.
  const norm = (name: string) => name.toLowerCase().replace(/\.$/, '');
  const testNames = doc.results.filter((r) => r.asks.some((a) => a.rcode !== null)).map((r) => new Set(r.asks.map((a) => norm(a.name))));
  const loggedNames = () => new Set(dnstap.logged.filter((e) => e.question).map((e) => norm(e.question!.name)));
  await dnstap.collector.waitFor(() => {
    if (dnstap.logged.length === 0) return false;
    if (logsClients()) {
      const have = loggedKeys();
      return [...asked].every((k) => have.has(k));
    }
    const seen = loggedNames();
    return testNames.every((names) => [...names].some((n) => seen.has(n)));
  }, timeoutMs).catch(() => undefined);
  const stats = dnstap.collector.stats();
  await dnstap.collector.close();
  const have = loggedKeys();
  const sources = [...new Map(stats.sources.map((s) => [`${s.identity}\u0000${s.version}`, { identity: s.identity ?? null, version: s.version ?? null }])).values()];
  const tests = doc.results.map((r): DnstapTestView => {
    const questions = new Set(r.asks.map((a) => key(a.name, a.qtype)));
    const names = new Set(r.asks.map((a) => a.name.toLowerCase().replace(/\.$/, '')));
    const sent = dnstap.logged.filter((e) => e.type === 'CLIENT_RESPONSE' && e.question && questions.has(key(e.question.name, e.question.type)));
    const received = dnstap.logged.filter((e) => UPSTREAM.has(e.type) && e.question && belongs(e.question.name, names));
    const summary = (events: ResponseEvent[]) => ({
      responses: events.length, violating: events.filter((e) => !e.conformant).length, rules: [...new Set(events.flatMap((e) => e.rules))].sort(),
    });
    return { test: r.test, verdict: r.verdict, sent: summary(sent), received: summary(received) };
  });
  return {
    socket: dnstap.collector.socketPath ?? '', sources,
    notLogged: logsClients() ? [...asked].filter((k) => !have.has(k)).length : 0, tests,
  };
}

/** The view as text, after the probe's report. */
export function renderDnstapView(view: DnstapProbeView): string {
  const who = view.sources.map((s) => `${s.identity ?? '(no identity)'}${s.version ? ` (${s.version})` : ''}`).join(', ') || 'no resolver connected';
  const lines = [`dnstap from the resolver at ${view.socket}: ${who}`];
  const anySent = view.tests.some((t) => t.sent.responses > 0);
  const anyReceived = view.tests.some((t) => t.received.responses > 0);
  if (!anySent && !anyReceived) return `${lines[0]}\n  nothing logged for the probe's questions\n`;
  if (!anySent) lines.push('  (the resolver logs no answers to clients, only what it asked and got upstream: RESOLVER_RESPONSE)');
  const cell = (c: DnstapTestView['sent']) => (c.responses === 0 ? '–' : c.violating === 0 ? `${c.responses} clean` : `${c.violating}/${c.responses} ${c.rules.join(',')}`);
  const rows = view.tests.map((t) => [t.test, t.verdict, cell(t.sent), cell(t.received)]);
  const header = ['test', 'probe', 'resolver sent (CLIENT_RESPONSE)', 'resolver received (RESOLVER_RESPONSE)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const row = (r: string[]) => `  ${r.map((c, i) => c.padEnd(widths[i]!)).join('  ')}`.trimEnd();
  lines.push(row(header), ...rows.map(row));
  if (view.notLogged > 0) lines.push(`  ${view.notLogged} answered question(s) the resolver did not log (dnstap drops when its queue is full)`);
  return lines.join('\n') + '\n';
}

/** Runs the probe; if it fails, the collector is closed before the error goes on (an open socket would keep the process alive). */
export async function closingOnError<T>(dnstap: ProbeDnstap | undefined, run: Promise<T>): Promise<T> {
  try {
    return await run;
  } catch (err) {
    await dnstap?.collector.close();
    throw err;
  }
}

/**
 * The probe's report with the dnstap view: a `dnstap` member in JSON, a table after the text table,
 * a fenced block in Markdown; JUnit stays as it is.
 */
export function reportWithDnstap(doc: ProbeDocument, view: DnstapProbeView, format: string, render: (doc: ProbeDocument) => string): string {
  if (format === 'json') return render({ ...doc, dnstap: view } as ProbeDocument);
  const report = render(doc);
  if (format === 'table') return `${report}\n${renderDnstapView(view)}`;
  if (format === 'md') return `${report}\n\`\`\`text\n${renderDnstapView(view)}\`\`\`\n`;
  return report;
}
