// The RIPE Atlas formats dnsorder writes and reads, as the Atlas
// documentation describes them. Nothing here talks to Atlas: `atlas plan`
// writes request bodies for the user to POST (the README shows curl), and
// `atlas check` reads result files the user downloaded.
//
// Measurement creation: POST https://atlas.ripe.net/api/v2/measurements/
//   documented at https://atlas.ripe.net/docs/apis/rest-api-manual/measurements/
//   (base attributes, "Type Specific Attributes" → DNS, and the probe
//   selection under "Participation requests" / probes).
// Results: GET https://atlas.ripe.net/api/v2/measurements/<id>/results/
//   (a JSON array; `?format=txt` gives one JSON object per line), structure
//   documented at https://atlas.ripe.net/docs/apis/measurement-result-format/
//   (DNS section of the firmware 4750 and 5000 versions).

/**
 * One DNS measurement definition (an element of `definitions`). Fields from the
 * measurement-creation reference, DNS type:
 * - `type` 'dns', `af` 4|6, `description` (base attributes, all measurement types);
 * - `query_class` 'IN'|'CHAOS', `query_type`, `query_argument` (required for DNS:
 *   "Type Specific Attributes");
 * - `use_probe_resolver` (ask the probe's own local resolver(s) instead of a
 *   `target`; "set_rd_bit is silently set to true" with it), `set_rd_bit`,
 *   `set_do_bit`, `set_cd_bit`, `set_nsid_bit`, `include_abuf` (the answer as
 *   base64 wire format in `result.abuf`), `include_qbuf`, `protocol` 'UDP'|'TCP',
 *   `udp_payload_size` (EDNS0 size; absent: no OPT record), `retry`,
 *   `prepend_probe_id` (each probe puts its id and a timestamp before the query
 *   argument: a new name per query, which defeats any cache test: never set);
 * - `interval` (seconds between runs of a periodic measurement) and `spread`
 *   (seconds over which probes' runs are spread), `tags`, `is_public`.
 */
export interface AtlasDnsDefinition {
  type: 'dns';
  af: 4 | 6;
  description: string;
  query_class: 'IN';
  query_type: string;
  query_argument: string;
  use_probe_resolver: true;
  include_abuf: true;
  include_qbuf: boolean;
  set_rd_bit: true;
  set_do_bit: boolean;
  set_cd_bit: boolean;
  set_nsid_bit: boolean;
  prepend_probe_id: false;
  protocol: 'UDP' | 'TCP';
  udp_payload_size?: number;
  retry: number;
  tags: string[];
  interval?: number;
  spread?: number;
}

/**
 * Probe selection (`probes` of a creation request): `requested` probes of
 * `type` 'area' (value WW, West, North-Central, South-Central, North-East,
 * South-East), 'country' (ISO code), 'asn', 'prefix', 'probes' (comma-separated
 * ids) or 'msm' (the probes of an earlier measurement).
 */
export interface AtlasProbeSelection {
  requested: number;
  type: 'area' | 'probes' | 'country' | 'asn' | 'prefix' | 'msm';
  value: string;
}

export const ATLAS_AREAS = ['WW', 'West', 'North-Central', 'South-Central', 'North-East', 'South-East'] as const;

/**
 * The body of POST /api/v2/measurements/: `definitions`, `probes`, and the
 * schedule shared by every definition of the request: `is_oneoff` (a single
 * run per probe), `start_time` and `stop_time` (Unix seconds; a periodic
 * measurement runs every `interval` s of its definitions between them).
 */
export interface AtlasMeasurementRequest {
  definitions: AtlasDnsDefinition[];
  probes: AtlasProbeSelection[];
  is_oneoff: boolean;
  start_time: number;
  stop_time?: number;
}

/**
 * A DNS result as documented (fields used here; others are ignored):
 * `fw` firmware version, `af`, `dst_addr` (the resolver asked; with
 * use_probe_resolver inside each `resultset` element), `from` (the probe's
 * address as the controller sees it), `msm_id`, `prb_id`, `proto` 'UDP'|'TCP',
 * `timestamp` (Unix seconds, start of the query), `type` 'dns',
 * `result` {ANCOUNT, ARCOUNT, ID, NSCOUNT, QDCOUNT, abuf, rt (ms), size} or
 * `error` ({timeout: ms} | {getaddrinfo: text} | …), and, when the probe
 * asks its local resolvers, `resultset`: one element per resolver with
 * {af, dst_addr, lts, proto, result | error, subid, submax, time}.
 */
export interface AtlasDnsResultJson {
  fw?: number;
  af?: number;
  dst_addr?: string;
  from?: string;
  msm_id?: number;
  prb_id?: number;
  proto?: string;
  timestamp?: number;
  type?: string;
  result?: AtlasDnsAnswerJson;
  error?: unknown;
  resultset?: AtlasResultsetJson[];
}

export interface AtlasDnsAnswerJson {
  ANCOUNT?: number;
  ARCOUNT?: number;
  ID?: number;
  NSCOUNT?: number;
  QDCOUNT?: number;
  abuf?: string;
  rt?: number;
  size?: number;
}

export interface AtlasResultsetJson {
  af?: number;
  dst_addr?: string;
  lts?: number;
  proto?: string;
  result?: AtlasDnsAnswerJson;
  error?: unknown;
  subid?: number;
  submax?: number;
  /** The documentation names it `time`; some firmware and libraries write `timestamp`. Both are read. */
  time?: number;
  timestamp?: number;
}
