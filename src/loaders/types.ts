// One interface for every zone loader dnsorder drives: a probe (is it here,
// which version) and a judgement of one zone file (accept / reject /
// not-checked) with the loader's own words. An adapter is made for one
// userland (the host, or a root filesystem of another Debian release: see
// src/roots/userland.ts) and runs that userland's program.

/** Loader ids other tools rely on; `dnsorder` is our own verifier, the reference column. */
export const LOADER_IDS = ['dnsorder', 'ldns', 'dnspython', 'bind', 'knot', 'nsd', 'powerdns', 'unbound'] as const;
export type LoaderId = (typeof LOADER_IDS)[number];

/**
 * accept / reject: the loader verified ZONEMD and said yes / no (or refused
 * the zone for another reason); not-checked: it loaded the zone without
 * verifying ZONEMD; unavailable: it is not on this machine; error: it could
 * not be run to a verdict (timeout, crash).
 */
export type LoaderVerdict = 'accept' | 'reject' | 'not-checked' | 'unavailable' | 'error';
export type ExpectedVerdict = 'accept' | 'reject';

/** One zone to judge. `file` is relative to `directory`, where the loader runs (so `$INCLUDE` resolves). */
export interface LoaderZone {
  name: string;
  directory: string;
  file: string;
  /** Apex with a trailing dot. */
  origin: string;
  expected: ExpectedVerdict;
  /** RRSIG validation time (YYYYMMDDHHmmSS) for loaders that validate signatures; default now. */
  validationTime?: string;
}

/** What a loader's probe finds in its userland: is it there, which version. */
export interface LoaderAvailability {
  version: string | null;
  available: boolean;
  reason?: string;
}

/** A column of the report: a loader in a userland. */
export interface LoaderStatus extends LoaderAvailability {
  /** The column id: the loader id on the host, `bind@trixie` in a root (src/roots/userland.ts idIn). */
  id: string;
  /** The loader. */
  base: LoaderId;
  /** Where it ran: `host` or a root's name. */
  userland: string;
}

export interface LoaderJudgement {
  verdict: LoaderVerdict;
  /** The loader's own message (a line or two of its output). */
  message: string;
}

export interface LoaderAdapter {
  id: LoaderId;
  /** The userland whose program it runs (`host`, or a root's name); dnsorder's own verifier is `host`. */
  userland: string;
  /** Debian package it comes from. */
  debianPackage: string;
  /** Per-zone time limit in milliseconds (zones up to a few MB). */
  timeoutMs?: number;
  probe(): Promise<LoaderAvailability>;
  judge(zone: LoaderZone): Promise<LoaderJudgement>;
}
