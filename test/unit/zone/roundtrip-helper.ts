// One shared round-trip check for every record type: text → wire → text →
// wire gives the same octets, and so does the RFC 3597 generic form.

import { expect } from 'vitest';
import { formatRecord, readZoneText, type ZoneRecord } from '../../../src/zone/index.js';

export function parseOne(line: string): ZoneRecord {
  const records = readZoneText(line, { origin: 'example.' });
  expect(records.length).toBe(1);
  return records[0]!;
}

/** Asserts the round trips for one record line; returns the parsed record. */
export function expectRoundTrip(line: string): ZoneRecord {
  const first = parseOne(line);
  const printed = formatRecord(first);
  const second = parseOne(printed);
  expect(second.rdata.toString('hex'), `${line} → ${printed}`).toBe(first.rdata.toString('hex'));
  expect(formatRecord(second)).toBe(printed); // printing is stable
  const generic = formatRecord(first, { generic: true });
  expect(generic).toMatch(/\tTYPE[0-9]+\t\\# [0-9]+/);
  const third = parseOne(generic);
  expect(third.rdata.equals(first.rdata)).toBe(true);
  expect(third.type).toBe(first.type);
  return first;
}
