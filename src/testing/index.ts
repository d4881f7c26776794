// dnsorder/testing: what a resolver's vitest suite needs, in a few lines.
export { dnsorderMatchers, installMatchers, type DnsorderMatchers } from './matchers.js';
export { registerInProcessClient, resolveWithClient, type InProcessResolver } from './clients.js';
export type { ResolverResult } from '../models/index.js';
// Public API kept by its old name: what an in-process client returns is the one ResolverResult.
export type { ResolverResult as InProcessResult } from '../models/index.js';
export {
  arbitraryChain, arbitraryAnswerLayout, arbitraryResponse, arbitraryMalformedResponse,
  type ArbitraryChain, type ArbitraryLayout, type ArbitraryResponse, type ArbitraryMalformedResponse, type ChainOptions,
} from './arbitraries.js';
export { withScenarioServer, type ScenarioServerHandle } from './scenario-server.js';
export { ask, type AskOptions } from './ask.js';
export {
  withProbeAuthority, expectProbeToPass, checkProbe, probeMatchers, installProbeMatchers,
  type ProbeAuthorityHandle, type ExpectProbeOptions, type ProbeCheck,
} from './probe.js';
