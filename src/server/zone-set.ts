// The zones one server answers for, most specific origin first, so a zone file
// for `sub.order.test` wins over the scenario zone above it.

import { isInZone, nameKey, nameToLabels } from '../rdata/name.js';
import { ServerError } from './errors.js';
import type { ServedZone } from './lookup.js';

export class ZoneSet {
  private readonly zones: ServedZone[];

  constructor(zones: readonly ServedZone[]) {
    const seen = new Set<string>();
    for (const zone of zones) {
      const key = nameKey(zone.origin);
      if (seen.has(key)) throw new ServerError('ERR_ZONE_DUPLICATE_ORIGIN', `two zones have the origin ${zone.origin}`);
      seen.add(key);
    }
    this.zones = [...zones].sort((a, b) => nameToLabels(b.origin).length - nameToLabels(a.origin).length);
  }

  /** The most specific zone holding `qname`, or undefined (the server then REFUSES). */
  find(qname: string): ServedZone | undefined {
    return this.zones.find((zone) => isInZone(qname, zone.origin));
  }

  list(): readonly ServedZone[] {
    return this.zones;
  }
}
