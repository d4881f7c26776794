// dnsorder's public library API. Everything here is stable; deep imports are not.

export { VERSION } from './version.js';
export { DnsorderError, WireFormatError, EncodeError, UsageError, isDnsorderError } from './errors.js';
export { ERROR_CODES, errorCodeInfo, type ErrorCode, type ErrorCodeEntry, type ErrorClassName } from './error-codes.js';
export * as wire from './wire/index.js';
export { encodeMessage, decodeMessage, applyMutation, MUTATIONS } from './wire/index.js';
export type { DnsMessage, DnsRecord, Question, DecodedMessage, DecodedRecord } from './wire/index.js';
export {
  listScenarios, getScenario, selectScenarios, namedScenarios, answerQuestion, scenarioQueryName,
  scenarioResponseMessage,
} from './scenarios/index.js';
export { answerScenarioQuery, encodeScenarioQuery, encodeScenarioResponse } from './server/scenario-query.js';
export type { ScenarioQuery, ScenarioQueryOptions } from './server/scenario-query.js';
export type { Scenario, ScenarioDefinition, LayoutItem, ScenarioAnswer } from './scenarios/index.js';
export { analyzeAnswer, analyzeMessage, analyzeBytes, RULES, resolveChain, expectedFromRecords } from './order/index.js';
export type { Finding, RuleId, Severity, AnswerAnalysis, BytesAnalysis, ExpectedResult } from './order/index.js';
export { readPcap } from './pcap/read.js';
export { writePcap } from './pcap/write.js';
export { models } from './models/index.js';
export type { ModelQuestion, ResolverError, ResolverResult, StubModel } from './models/index.js';
// Public API kept by its old name: what a model returns is the one ResolverResult.
export type { ResolverResult as ModelResult } from './models/index.js';
export { startServer } from './server/index.js';
export type { RunningServer, ServerOptions } from './server/index.js';
export { probeResolver, probeNames, startProbeAuthority, probeTests, configSnippet, ProbeError, PROBE_SCHEMA } from './probe/index.js';
export type {
  ProbeOptions, PassiveProbeOptions, ProbeAuthority, ProbeAuthorityOptions, ProbeDocument, ProbeResult, ProbeAsk, Verdict,
  ProbeTestDefinition, ResolverKind,
} from './probe/index.js';
export { runMatrix } from './matrix/runner.js';
export type { MatrixOptions } from './matrix/runner.js';
export { loadKnownOutcomes, parseKnownOutcomes, judgeMatrix, expectationFor, describeJudgement, EXPECTATIONS_SCHEMA } from './matrix/known-outcomes.js';
export type { KnownOutcomes, KnownOutcome, Judgement, CellDifference, CellExpectation, DifferenceKind } from './matrix/known-outcomes.js';
export { defineClient } from './clients/custom-client.js';
export type { ClientDefinition, ClientRequest, ClientResult } from './clients/custom-client.js';
export type { ClientAdapter } from './clients/types.js';
