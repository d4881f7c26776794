// Zone files and ZONEMD: parser, printer, canonical form, digests, verification.
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
export { parseValidationTime } from './validation-time.js';
export { soaSignatureWindow, type SignatureWindow } from './signature-window.js';
