// JUnit XML for CI dashboards, generic over what a test case is (a matrix cell,
// a probe test): one <testsuite> per group, failures and skips with messages.

export interface JunitCase {
  name: string;
  classname: string;
  timeMs?: number;
  failure?: { message: string; type?: string; body?: string };
  error?: { message: string; type?: string; body?: string };
  skipped?: string;
  systemOut?: string;
}

export interface JunitSuite {
  name: string;
  cases: JunitCase[];
  properties?: Record<string, string>;
}

export function escapeXml(text: string): string {
  // Characters XML 1.0 cannot carry at all are dropped.
  return text
    .replace(/[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd]/gu, '')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function renderJunit(suites: readonly JunitSuite[], name = 'dnsorder'): string {
  const count = (pick: (c: JunitCase) => unknown) => suites.reduce((n, s) => n + s.cases.filter(pick).length, 0);
  const total = suites.reduce((n, s) => n + s.cases.length, 0);
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="${escapeXml(name)}" tests="${total}" failures="${count((c) => c.failure)}" errors="${count((c) => c.error)}" skipped="${count((c) => c.skipped !== undefined)}">`];
  for (const suite of suites) {
    const f = suite.cases.filter((c) => c.failure).length;
    const e = suite.cases.filter((c) => c.error).length;
    const s = suite.cases.filter((c) => c.skipped !== undefined).length;
    out.push(`  <testsuite name="${escapeXml(suite.name)}" tests="${suite.cases.length}" failures="${f}" errors="${e}" skipped="${s}">`);
    if (suite.properties) {
      out.push('    <properties>');
      for (const [k, v] of Object.entries(suite.properties)) out.push(`      <property name="${escapeXml(k)}" value="${escapeXml(v)}"/>`);
      out.push('    </properties>');
    }
    for (const c of suite.cases) {
      const time = c.timeMs !== undefined ? ` time="${(c.timeMs / 1000).toFixed(3)}"` : '';
      out.push(`    <testcase name="${escapeXml(c.name)}" classname="${escapeXml(c.classname)}"${time}>`);
      for (const [tag, v] of [['failure', c.failure], ['error', c.error]] as const) {
        if (v) out.push(`      <${tag} message="${escapeXml(v.message)}" type="${escapeXml(v.type ?? tag)}">${escapeXml(v.body ?? '')}</${tag}>`);
      }
      if (c.skipped !== undefined) out.push(`      <skipped message="${escapeXml(c.skipped)}"/>`);
      if (c.systemOut) out.push(`      <system-out>${escapeXml(c.systemOut)}</system-out>`);
      out.push('    </testcase>');
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
}
