// The documents of `dnsorder zonemd digest` and `zonemd verify --format json`
// (schema dnsorder.zonemd/v1): what was read (file, origin), then the fresh
// apex ZONEMD records (digest) or the verification with every record's
// outcome (verify). The zonemd command gathers the inputs and builds them
// here; src/report/zonemd-render.ts renders them (JSON is the document).

import { TOOL } from '../version.js';
import { formatRecord } from './printer.js';
import type { ZoneRecord } from './record.js';
import type { ZonemdVerification } from './zonemd.js';

export const ZONEMD_SCHEMA = 'dnsorder.zonemd/v1';

/** The zone read: its file as given, and the origin given (null: the SOA owner was taken). */
export interface ZonemdInput {
  file: string;
  origin: string | null;
}

export interface ZonemdDigestRecord {
  /** The record in presentation form (RFC 3597 generic when asked for). */
  text: string;
  serial: number;
  scheme: number;
  algorithm: number;
  /** Hex. */
  digest: string;
}

export interface ZonemdDigestDocument {
  schema: typeof ZONEMD_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  action: 'digest';
  input: ZonemdInput;
  records: ZonemdDigestRecord[];
}

export type ZonemdVerifyDocument = {
  schema: typeof ZONEMD_SCHEMA;
  tool: { name: 'dnsorder'; version: string };
  action: 'verify';
  /** `apexFrom`: how the apex was chosen, in the caller's words; `validationTime`: ISO 8601. */
  input: ZonemdInput & { apexFrom: string; validationTime: string };
} & ZonemdVerification;

/** The digest document of fresh apex ZONEMD `records` (as apexZonemdRecords makes them). */
export function zonemdDigestDocument(input: ZonemdInput, records: readonly ZoneRecord[], options: { generic: boolean }): ZonemdDigestDocument {
  return {
    schema: ZONEMD_SCHEMA, tool: TOOL, action: 'digest', input,
    records: records.map((r) => ({
      text: formatRecord(r, { generic: options.generic }), serial: r.rdata.readUInt32BE(0), scheme: r.rdata[4]!, algorithm: r.rdata[5]!, digest: r.rdata.subarray(6).toString('hex'),
    })),
  };
}

/** The verify document of `result`; `apexFrom` says how the apex was chosen (the caller's wording). */
export function zonemdVerifyDocument(input: ZonemdInput, apexFrom: string, result: ZonemdVerification): ZonemdVerifyDocument {
  return {
    schema: ZONEMD_SCHEMA, tool: TOOL, action: 'verify',
    input: { ...input, apexFrom, validationTime: new Date(result.dnssec.validationTime * 1000).toISOString() },
    ...result,
  };
}
