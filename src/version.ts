import { readFileSync } from 'node:fs';

// Read from package.json so the reported tool version cannot drift from the package.
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
export const VERSION: string = pkg.version;

/** The `tool` field every dnsorder result document carries. */
export const TOOL = Object.freeze({ name: 'dnsorder', version: VERSION });
