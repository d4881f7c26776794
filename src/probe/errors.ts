// Probe errors: one class, stable codes. Each one means "the probe could not
// run" (CLI exit 2); what a resolver does wrong is a verdict, never an error.

import { DnsorderError } from '../errors.js';

export type ProbeErrorCode =
  | 'ERR_PROBE_BAD_ADDRESS' // RESOLVER[:port] or --authority could not be read
  | 'ERR_PROBE_AUTHORITY_PORT_TAKEN' // the authority's address is in use
  | 'ERR_PROBE_AUTHORITY_BIND' // any other failure to listen there
  | 'ERR_PROBE_RESOLVER_UNREACHABLE' // no answer at all from the resolver
  | 'ERR_PROBE_NOT_ROUTED' // the resolver answers but never asks the authority
  | 'ERR_PROBE_ZONEMD_NOT_LOADED' // --group zonemd: the resolver does not load the zonemd zone from the authority
  | 'ERR_PROBE_UNKNOWN_TEST' // a --tests selector matched nothing
  | 'ERR_PROBE_UNKNOWN_RESOLVER_KIND' // --print-config for a resolver we have no snippet for
  | 'ERR_PROBE_NAMES' // passive mode without names, or an unreadable names file
  | 'ERR_PROBE_BAD_REPORT' // --combine given something that is not a probe report
  | 'ERR_PROBE_PLAN'; // a test definition the evidence rules cannot judge (a bug in the suite, not the resolver)

export class ProbeError extends DnsorderError {
  declare readonly code: ProbeErrorCode;
  constructor(code: ProbeErrorCode, message: string, options: { cause?: unknown } = {}) {
    super(code, message, options);
  }
}
