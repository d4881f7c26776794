import { describe, expect, it } from 'vitest';
import { finding } from '../../../src/order/finding.js';
import { PROBE_SCHEMA, summarise, type ProbeDocument, type ProbeResult } from '../../../src/probe/document.js';
import { renderProbeComparison } from '../../../src/report/probe-compare.js';
import { renderProbe } from '../../../src/report/probe-render.js';

const result = (test: string, verdict: ProbeResult['verdict'], extra: Partial<ProbeResult> = {}): ProbeResult => ({
  test, group: test.startsWith('long') ? 'long-chain' : 'out-of-order', title: test, verdict, findings: [], detail: `${test} detail`, asks: [], durationMs: 5, ...extra,
});

function doc(label: string, results: ProbeResult[]): ProbeDocument {
  return {
    schema: PROBE_SCHEMA, tool: { name: 'dnsorder', version: '0.0.0' }, generatedAt: '2026-01-08T00:00:00Z', durationMs: 1234,
    host: { os: 'Debian', kernel: 'linux', arch: 'x64', libc: 'glibc 2.36', node: 'v20', cpus: 2 },
    inputs: { mode: 'active', resolver: { address: '127.0.0.1', port: 5353, version: null, label }, authority: { address: '127.0.0.1', port: 5300 },
      zone: 'probe.test', runId: 'rx', tests: results.map((r) => r.test) },
    summary: summarise(results), results,
  };
}

const violation = result('authority-a-first', 'violation', {
  findings: [finding('chain-start', [0], 'the answer starts with edge A')], behaviour: 'passed through',
});
const sample = doc('resolver 1.0', [result('whole-chain', 'pass'), violation, result('long-33', 'pass', { behaviour: 'servfail' }),
  result('expiry-last-hop', 'inconclusive'), result('large-answer', 'error')]);

describe('probe report renderers', () => {
  it('table: one grep-able test=verdict line per test, then details and the findings of failures', () => {
    const text = renderProbe(sample, 'table');
    for (const r of sample.results) expect(text).toContain(`\n${r.test}=${r.verdict}\n`);
    expect(text).toContain('violation chain-start [0]: the answer starts with edge A');
    expect(text).toContain('5 tests: 2 pass, 1 violation, 1 error, 1 inconclusive');
    expect(text).not.toContain('\u001b[');
    expect(renderProbe(sample, 'table', { colour: true })).toContain('\u001b[31mviolation');
  });

  it('names the groups never exercised in the summary line, and where the resolver\'s name came from in the heading', () => {
    const expiry = (test: string, verdict: ProbeResult['verdict']) => ({ ...result(test, verdict), group: 'partial-expiry' });
    const gate = doc('resolver 1.0', [result('whole-chain', 'pass'), expiry('expiry-last-hop', 'inconclusive'), expiry('expiry-first-hop', 'inconclusive')]);
    expect(renderProbe(gate, 'table')).toMatch(/\n3 tests: 1 pass, 0 violation, 0 error, 2 inconclusive \(1\.2 s\); never exercised: partial-expiry \(no test in the group reached a verdict\)\n$/);
    const exercised = doc('resolver 1.0', [expiry('expiry-last-hop', 'pass'), expiry('expiry-first-hop', 'inconclusive')]);
    expect(renderProbe(exercised, 'table')).not.toContain('never exercised');

    const guessed = { ...sample, inputs: { ...sample.inputs, resolver: { ...sample.inputs.resolver, label: 'unbound 1.17.1', labelSource: 'version.bind' as const } } };
    expect(renderProbe(guessed, 'table').split('\n')[0]).toContain('unbound 1.17.1 at 127.0.0.1:5353 (name from its version.bind answer, a guess: whatever answers at this address says it (a packet cache or load balancer in front passes the question on); name it with --label)');
    const unnamed = { ...sample, inputs: { ...sample.inputs, resolver: { address: '127.0.0.1', port: 5353, version: null, labelSource: 'none' as const } } };
    expect(renderProbe(unnamed, 'md')).toContain('127.0.0.1:5353 (unnamed: no version.bind or version.server answer (Knot Resolver, for one, answers neither); name it with --label)');
  });

  it('junit: violation a failure, error an error, inconclusive a skip, one suite per group', () => {
    const xml = renderProbe(sample, 'junit');
    expect(xml).toMatch(/<testsuites name="dnsorder probe" tests="5" failures="1" errors="1" skipped="1">/);
    expect(xml).toContain('<failure message="authority-a-first detail" type="chain-start">');
    expect(xml.match(/<testsuite /g)).toHaveLength(2);
  });

  it('json is the document itself; md has a row per test', () => {
    expect(JSON.parse(renderProbe(sample, 'json'))).toEqual(sample);
    const md = renderProbe(sample, 'md');
    expect(md.split('\n').filter((l) => l.startsWith('| `'))).toHaveLength(5);
  });

  it('compares resolvers side by side with behaviour where it says more than "in order"', () => {
    const other = doc('other 2.0', [result('whole-chain', 'violation'), result('long-33', 'pass', { behaviour: 'partial chain (8 hops)' })]);
    const md = renderProbeComparison([sample, other], 'md');
    expect(md).toContain('| test | resolver 1.0 | other 2.0 |');
    expect(md).toContain('| `long-33` | pass (servfail) | pass (partial chain (8 hops)) |');
    expect(md).toContain('| `authority-a-first` | violation (passed through) | – |');
  });
});
