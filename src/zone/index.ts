// Zone text and ZONEMD: parser, printer, canonical form, digests, verification.
// No I/O: reading files (and the package's "dnsorder/zone" entry, which adds
// it) is src/zone-sources/.
export * from './errors.js';
export { type ZoneRecord, toDnsRecord, zoneRecordData, CLASS_IN } from './record.js';
export * from './parser.js';
export { ZONE_LIMITS } from './source.js';
export { rdataFromTokens, rdataToText, canonicalRdata, rdataProblem } from '../rdata/presentation.js';
export { declaredTypes, rdataType, type RdataTypeDeclaration } from '../rdata/types.js';
export { nameFromText, nameToText, originFromText } from '../rdata/name.js';
export { CanonicalZone } from './canonical-zone.js';
export * from './digest.js';
export * from './dnssec.js';
export * from './zonemd.js';
export * from './printer.js';
export { canonicalNameKey } from '../rdata/name.js';
export { parseValidationTime, validationTimeFromText } from './validation-time.js';
export { signatureWindowSink, type SignatureWindow } from './signature-window.js';
