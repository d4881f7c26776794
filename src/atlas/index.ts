// RIPE Atlas: plan the probe's tests as Atlas DNS measurements, and judge
// their results with the probe's rules (README "dnsorder atlas").
export { planAtlas, readPlanDocument, atlasSchedule, ATLAS_PLAN_SCHEMA, ATLAS_JUDGEMENT, AtlasError, type AtlasPlanDocument, type AtlasPlanOptions } from './plan.js';
export { checkAtlasResults, readProbesMeta, type AtlasCheckOptions } from './check.js';
export { AtlasJudge, isSharedAddress, type AtlasJudgeOptions, type ProbeMeta } from './judge.js';
export { splitJsonEntries, type JsonEntry } from './json-stream.js';
export { flattenResult, type AtlasAnswerItem } from './results.js';
export { ATLAS_SCHEMA, hasAtlasViolations, type AtlasDocument } from './document.js';
export type { AtlasDnsDefinition, AtlasMeasurementRequest, AtlasDnsResultJson, AtlasResultsetJson } from './format.js';
