// `--zone-file FILE --origin NAME`: a zone file read by src/zone's parser,
// streamed straight into the compact store the server answers from
// (zone-store.ts): RDATA stays raw wire octets, and no object is made per record.

import { toDnsRecord } from '../zone/index.js';
import { readZoneFile, streamZoneFile } from '../zone-sources/zone-file.js';
import { typeName } from '../rdata/registry.js';
import { ServerError } from './errors.js';
import { AuthoritativeZone, originWire, ownerText, type ZoneData } from './zone-data.js';
import { ZoneStore } from './zone-store.js';

export interface ZoneFileSpec {
  file: string;
  origin: string;
}

/** A zone file as a served zone; throws the parser's ZoneFileError (with file:line:column) when an entry is bad. */
export function loadServedZoneFile(spec: ZoneFileSpec): AuthoritativeZone {
  const store = new ZoneStore(originWire(spec.origin));
  let outside: string | undefined;
  // Transient records: the parser reuses its buffers, the store copies what it keeps.
  streamZoneFile(spec.file, { origin: spec.origin, transientRecords: true }, (r) => {
    if (store.add(r.owner, 0, r.type, r.class, r.ttl, r.rdata) < 0 && outside === undefined) {
      outside = `record ${ownerText(r.owner, 0)} ${typeName(r.type)} is outside zone ${spec.origin.replace(/\.$/, '')}`;
    }
  });
  // After the parse, so syntax errors are reported first (as when the zone was built from a record list).
  if (outside !== undefined) throw new ServerError('ERR_ZONE_OUT_OF_ZONE', outside);
  return new AuthoritativeZone({ origin: spec.origin, store });
}

/** Reads a zone file into a record list (one object per record: for small zones and callers that want the objects). */
export function loadZoneFile(spec: ZoneFileSpec): ZoneData {
  const records = readZoneFile(spec.file, { origin: spec.origin }).map(toDnsRecord);
  return { origin: spec.origin, records };
}
