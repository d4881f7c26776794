// `--zone-file FILE --origin NAME`: a zone file read by src/zone's parser,
// turned into the ZoneData the server serves (RDATA stays raw wire octets).

import { readZoneFile, toDnsRecord } from '../zone/index.js';
import type { ZoneData } from './zone-data.js';

export interface ZoneFileSpec {
  file: string;
  origin: string;
}

/** Reads a zone file; throws the parser's ZoneFileError (with file:line:column) when an entry is bad. */
export function loadZoneFile(spec: ZoneFileSpec): ZoneData {
  const records = readZoneFile(spec.file, { origin: spec.origin }).map(toDnsRecord);
  return { origin: spec.origin, records };
}
