// The resolver probe (DESIGN.md `dnsorder probe`): an authority for a probe
// zone, a suite of tests as data, a runner that judges a resolver's answers,
// configuration snippets that route the zone, and a passive mode for real names.
export { probeResolver, newRunId, DEFAULT_PROBE_JOBS, type ProbeOptions, type ProbeProgress } from './runner.js';
export { probeNames, readNames, type PassiveProbeOptions } from './passive.js';
export { startProbeAuthority, DEFAULT_PROBE_ZONE, type ProbeAuthority, type ProbeAuthorityOptions, type AskedQuestion } from './authority.js';
export { probeTests, selectProbeTests, PROBE_GROUPS, type ProbeTestDefinition, type ProbeGroup, type ProbeStep } from './suite.js';
export { configSnippet, RESOLVER_KINDS, isResolverKind, type ResolverKind } from './config-snippets.js';
export { PROBE_SCHEMA, VERDICTS, hasViolations, type ProbeDocument, type ProbeResult, type ProbeAsk, type Verdict } from './document.js';
export { ProbeError, type ProbeErrorCode } from './errors.js';
export { parseEndpoint, formatEndpoint, DEFAULT_AUTHORITY, type Endpoint } from './address.js';
