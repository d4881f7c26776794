// The package's "dnsorder/zone" entry: zone text and ZONEMD (src/zone/) with
// reading zone files, `$INCLUDE`d files and all.
export * from '../zone/index.js';
export { fileIncludes, type IncludePolicy } from './include-files.js';
export { loadCanonicalZone, readZoneFile, soaSignatureWindow, streamZoneFile, streamZoneFileAsync, type ZoneFileOptions } from './zone-file.js';
