// vitest helpers for a resolver project: "start my resolver, point it at
// dnsorder's authority, expect every probe test to pass", in a few lines.
//
//   const authority = withProbeAuthority();                 // 127.0.0.1, a free port, for this file
//   // start your resolver with authority.configFor('unbound') (or route authority.zone to authority.address:authority.port)
//   const report = await probeResolver({ resolver: '127.0.0.1:5353', authority });
//   expectProbeToPass(report, { known: { 'long-33': 'error' } });   // or: expect(report).toPassProbe()
//
// `known` is a status file of expected non-pass verdicts (as undici keeps for
// the WPT): a listed test that now passes, or fails differently, fails too, so
// the list cannot go stale.

// Kept in the emitted .d.ts, where the value imports below are not: without
// it the `declare module 'vitest'` augmentation at the end depends on the
// order of the user's files, and toPassProbe can go missing (test/package).
// resolution-mode: vitest's types are ESM only, and the CommonJS copy of
// these declarations (dist/cjs-types) must not require() them.
/// <reference types="vitest" resolution-mode="import" preserve="true" />
import { afterAll, beforeAll, expect } from 'vitest';
import { DnsorderError } from '../errors.js';
import type { Endpoint } from '../probe/address.js';
import { startProbeAuthority, type AskedQuestion, type ProbeAuthority, type ProbeAuthorityOptions } from '../probe/authority.js';
import { configSnippet, type ResolverKind } from '../probe/config-snippets.js';
import type { ProbeDocument, ProbeResult, Verdict } from '../probe/document.js';

/** A probe authority for a test file: pass it to probeResolver as `authority`; `origin` is the zone to route here. */
export interface ProbeAuthorityHandle extends ProbeAuthority {
  /** The configuration snippet that routes the zone here, for `kind`. */
  configFor(kind: ResolverKind, options?: { knotMode?: 'STUB' | 'FORWARD'; zonemd?: boolean }): string;
}

/** One probe authority for the test file: started in beforeAll on a free loopback port, closed in afterAll. */
export function withProbeAuthority(options: ProbeAuthorityOptions = {}): ProbeAuthorityHandle {
  let running: ProbeAuthority | undefined;
  beforeAll(async () => {
    running = await startProbeAuthority({ listen: '127.0.0.1:0', ...options });
  });
  afterAll(async () => {
    await running?.close();
    running = undefined;
  });
  const get = (): ProbeAuthority => {
    if (!running) throw new DnsorderError('ERR_PROBE_AUTHORITY_NOT_STARTED', 'the probe authority is not running: use it inside a test or a beforeAll after withProbeAuthority()');
    return running;
  };
  return {
    get address() { return get().address; },
    get port() { return get().port; },
    get zone() { return get().zone; },
    get origin() { return get().origin; },
    get zonemd() { return get().zonemd; },
    asked: (name: string): readonly AskedQuestion[] => get().asked(name),
    allAsked: () => get().allAsked(),
    close: () => get().close(),
    // With `zonemd: true` the snippet also transfers the zonemd group's zone (unbound auth-zone).
    configFor: (kind, { zonemd, ...snippet } = {}) => {
      const a = get();
      const authority: Endpoint = { address: a.address, port: a.port };
      return configSnippet(kind, { authority, zone: a.origin, ...(zonemd && a.zonemd ? { zonemdZone: a.zonemd.origin } : {}), ...snippet });
    },
  };
}

export interface ExpectProbeOptions {
  /** Tests expected not to pass, with the verdict(s) they are known to give (keep the reason in a comment). */
  known?: Record<string, Verdict | readonly Verdict[]>;
  /** Count `inconclusive` as a failure too (default false: it means "not exercised", e.g. a forwarder that does not chase). */
  strict?: boolean;
}

export interface ProbeCheck {
  pass: boolean;
  /** One line per test that broke expectations. */
  problems: string[];
}

function describeResult(r: ProbeResult): string {
  const findings = r.findings.filter((f) => f.severity === 'violation').map((f) => `${f.rule} [${f.records.join(',')}]`).join(', ');
  return `${r.test}=${r.verdict}${r.behaviour ? ` (${r.behaviour})` : ''}: ${r.detail}${findings ? ` — ${findings}` : ''}`;
}

/** Compares a probe report with the expectations; the pure core of expectProbeToPass and toPassProbe. */
export function checkProbe(report: ProbeDocument, options: ExpectProbeOptions = {}): ProbeCheck {
  const problems: string[] = [];
  const known = options.known ?? {};
  for (const r of report.results) {
    const listed = known[r.test];
    if (listed !== undefined) {
      const allowed = typeof listed === 'string' ? [listed] : listed;
      if (!allowed.includes(r.verdict)) problems.push(`${describeResult(r)} (known: ${allowed.join(' or ')}; update the list)`);
      continue;
    }
    const failed = r.verdict === 'violation' || r.verdict === 'error' || (options.strict === true && r.verdict === 'inconclusive');
    if (failed) problems.push(describeResult(r));
  }
  for (const test of Object.keys(known)) {
    if (!report.results.some((r) => r.test === test)) problems.push(`${test}: listed as known but not in the report (renamed or not selected?)`);
  }
  return { pass: problems.length === 0, problems };
}

/** Throws, listing every test that broke expectations, unless the report passes. */
export function expectProbeToPass(report: ProbeDocument, options: ExpectProbeOptions = {}): void {
  const check = checkProbe(report, options);
  if (!check.pass) {
    const who = report.inputs.resolver.label ?? report.inputs.resolver.version ?? `${report.inputs.resolver.address}:${report.inputs.resolver.port}`;
    throw new Error(`probe of ${who} (run ${report.inputs.runId}): ${check.problems.length} test(s) failed\n  ${check.problems.join('\n  ')}`);
  }
}

export const probeMatchers = {
  toPassProbe(received: ProbeDocument, options: ExpectProbeOptions = {}) {
    const check = checkProbe(received, options);
    return {
      pass: check.pass,
      message: () => check.pass ? 'expected the probe report to fail, but every test passed' : `expected every probe test to pass:\n  ${check.problems.join('\n  ')}`,
    };
  },
};

/** Adds `expect(report).toPassProbe(options?)`. */
export function installProbeMatchers(): void {
  expect.extend(probeMatchers as never);
}

interface ProbeMatchers<R = unknown> {
  toPassProbe(options?: ExpectProbeOptions): R;
}

declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Assertion<T = any> extends ProbeMatchers<T> {}
}
