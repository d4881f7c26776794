// The `wire` namespace of the public API: messages as octets, and the names,
// types and RDATA forms of the record layer (src/rdata) they are made of.
export * from './message.js';
export * from './encode.js';
export * from './decode.js';
export {
  MAX_LABEL_OCTETS, MAX_NAME_OCTETS, nameToLabels, labelsToName, formatLabel, nameToWire, lowerLabel, nameKey, namesEqual, isInZone,
  joinName, stripTrailingDot, tryNameKey, safeKey,
} from '../rdata/name.js';
export * from '../rdata/registry.js';
export * from '../rdata/zonemd.js';
export * from '../rdata/generic.js';
export { NameCompressor } from './name-compression.js';
export * from './mutate.js';
export { rdataText, recordText, type PresentableRecord } from '../rdata/record-text.js';
export { rdataFromValue, rdataToValue, type RecordData, type RecordDataMap } from '../rdata/value.js';
