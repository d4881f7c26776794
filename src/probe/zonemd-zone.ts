// The probe authority's transferable zone for the `zonemd` group: a plain
// authoritative zone (answers and AXFR from src/server/zone-data.ts) whose
// whole content the probe replaces between steps. It starts with a valid
// SHA-384 copy, so a resolver configured for it loads the zone at start-up.

import type { LookupResult, ServedZone } from '../server/lookup.js';
import { AuthoritativeZone } from '../server/zone-data.js';
import type { DnsRecord } from '../wire/message.js';
import { stripTrailingDot } from '../rdata/name.js';
import { zonemdZoneRecords } from './zonemd-plan.js';

/** A serial that grows with the clock, so a later run starts above an earlier one. */
export function clockSerial(now = Date.now()): number {
  return Math.floor(now / 1000) >>> 0;
}

export class ZonemdProbeZone implements ServedZone {
  readonly origin: string;
  private current: AuthoritativeZone;
  private currentSerial: number;
  private currentVariant: string;

  constructor(origin: string, serial = clockSerial()) {
    this.origin = stripTrailingDot(origin);
    this.currentSerial = serial;
    this.currentVariant = 'valid-sha384';
    this.current = new AuthoritativeZone({ origin: this.origin, records: zonemdZoneRecords(this.origin, this.currentVariant, serial) });
  }

  /** Serves `variant` under `serial` from now on (answers and transfers). */
  load(variant: string, serial: number): void {
    this.loadRecords(zonemdZoneRecords(this.origin, variant, serial), variant, serial);
  }

  loadRecords(records: DnsRecord[], label: string, serial: number): void {
    this.current = new AuthoritativeZone({ origin: this.origin, records });
    this.currentSerial = serial >>> 0;
    this.currentVariant = label;
  }

  get serial(): number {
    return this.currentSerial;
  }

  get variant(): string {
    return this.currentVariant;
  }

  lookup(qname: string, qtype: string): LookupResult {
    return this.current.lookup(qname, qtype);
  }

  transferRecords(): DnsRecord[] {
    return this.current.transferRecords();
  }
}
