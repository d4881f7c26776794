// Test data committed with the repository (test/data): the RFC 8976 Appendix A
// zones, Verisign's ZONEMD test cases (BSD licence beside them) and a stripped
// 2026 root zone. See test/data/README.md for where each comes from.

import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_DATA = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'data');

export function testDataPath(...parts: string[]): string {
  return join(TEST_DATA, ...parts);
}
