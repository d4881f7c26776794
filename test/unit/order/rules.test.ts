// Each analyzer rule, named: the rules a named scenario must raise (reviewed
// by hand against the drafts, not copied from a run), so a rule that stops
// firing — or starts firing where it should not — fails here even when
// another violation keeps the scenario non-conformant.

import { describe, expect, it } from 'vitest';
import { analyzeAnswer, analyzeBytes, expectedFromRecords, type RuleId } from '../../../src/order/index.js';
import { getScenario, namedScenarios, scenarioQueryName } from '../../../src/scenarios/index.js';
import { answerScenarioQuery } from '../../../src/server/scenario-query.js';
import type { DnsRecord } from '../../../src/wire/index.js';

const EXPECTED_RULES: Record<string, RuleId[]> = {
  'canonical': [],
  'cname-last': ['chain-start', 'terminal-after-chain'],
  'chain-reversed': ['chain-start', 'chain-order'],
  'terminal-interleaved': ['terminal-after-chain'],
  'unrelated-first': ['chain-start', 'unrelated-record'],
  'cname-last-reversed': ['chain-start', 'chain-order', 'terminal-after-chain'],
  'terminal-split': ['rrset-contiguous', 'terminal-after-chain'],
  'terminal-split-first': ['chain-start', 'rrset-contiguous', 'terminal-after-chain'],
  'duplicate-cname': ['duplicate-record'],
  'duplicate-terminal': ['duplicate-record'],
  'duplicate-chain': ['duplicate-record', 'duplicate-record', 'rrset-contiguous', 'rrset-contiguous'],
  'unrelated-last': ['unrelated-record'],
  'unrelated-instead': ['dangling-chain', 'unrelated-inside-chain', 'unrelated-record'],
  'unrelated-between': ['unrelated-inside-chain', 'unrelated-record'],
  'cname-loop': ['cname-loop'],
  'dangling-cname': ['dangling-chain'],
  'terminal-only': ['chain-start', 'unrelated-record', 'unrelated-record'],
  'no-chain': [],
  'dname-canonical': [],
  'dname-after-cname': ['dname-before-cname'],
  'dname-last': ['chain-start', 'dname-before-cname', 'terminal-after-chain'],
  'rrsig-after-each': [],
  'rrsig-before-each': ['rrsig-adjacent', 'rrsig-adjacent', 'rrsig-adjacent'],
  'rrsig-at-end': ['rrsig-adjacent', 'rrsig-adjacent'],
  'rrsig-cname-last': ['chain-start', 'terminal-after-chain'],
  'zonemd-before-chain': ['chain-start', 'unrelated-record'],
  'zonemd-between': ['unrelated-inside-chain', 'unrelated-record'],
  'zonemd-after': ['unrelated-record'],
  'private-type-between': ['unrelated-inside-chain', 'unrelated-record'],
  'https-first': ['chain-start', 'unrelated-record'],
  'svcb-additional': [],
  'rdlength-mismatch': ['malformed'],
  'count-mismatch': ['malformed'],
  'owner-case-upper': [],
  'owner-case-mixed': [],
  'oversize-canonical': [],
  'canonical-uncompressed': [],
};

function rulesOf(id: string): RuleId[] {
  const s = getScenario(id)!;
  const qname = scenarioQueryName(s, 'order.test');
  // The whole answer as dnsorder serve sends it over TCP (oversize scenarios included).
  return analyzeBytes(answerScenarioQuery({ name: qname, type: s.queryType }, { transport: 'tcp' })).findings
    .map((f) => f.rule).sort();
}

describe('analyzer rules per scenario', () => {
  it.each(Object.entries(EXPECTED_RULES))('%s raises exactly its rules', (id, rules) => {
    expect(rulesOf(id)).toEqual([...rules].sort());
  });

  it('covers every rule at least once', () => {
    const seen = new Set(Object.values(EXPECTED_RULES).flat());
    for (const rule of ['chain-start', 'chain-order', 'terminal-after-chain', 'unrelated-inside-chain', 'rrset-contiguous', 'dname-before-cname',
      'cname-loop', 'malformed', 'rrsig-adjacent', 'dangling-chain', 'unrelated-record', 'duplicate-record'] as RuleId[]) {
      expect(seen.has(rule), rule).toBe(true);
    }
    expect(namedScenarios().length).toBeGreaterThan(Object.keys(EXPECTED_RULES).length);
  });
});

describe('two CNAMEs at one owner', () => {
  const q = { name: 'www.test', type: 'A' };
  const records: DnsRecord[] = [
    { name: 'www.test', type: 'CNAME', ttl: 1, data: 'a.test' },
    { name: 'www.test', type: 'CNAME', ttl: 1, data: 'b.test' },
    { name: 'a.test', type: 'A', ttl: 1, data: '192.0.2.1' },
    { name: 'b.test', type: 'A', ttl: 1, data: '192.0.2.2' },
  ];

  it('are a multiple-cname violation', () => {
    expect(analyzeAnswer(records, q).findings.map((f) => f.rule)).toContain('multiple-cname');
  });

  it('give no address whatever their order (the reading must not depend on which came first)', () => {
    const swapped = [records[1]!, records[0]!, records[3]!, records[2]!];
    expect(expectedFromRecords(records, q.name, q.type).addresses).toEqual([]);
    expect(expectedFromRecords(swapped, q.name, q.type).addresses).toEqual([]);
  });

  it('read record types case-insensitively', () => {
    const lower = [{ name: 'www.test', type: 'cname', ttl: 1, data: 'a.test' }, { name: 'a.test', type: 'a', ttl: 1, data: '192.0.2.1' }];
    expect(expectedFromRecords(lower, q.name, q.type).addresses).toEqual(['192.0.2.1']);
  });
});
