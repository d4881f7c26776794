// The fields every run report starts with (matrix, probe): which schema, which
// tool, when, how long, and on which host.

import { hostFacts } from './host-facts.js';
import type { HostFacts } from './matrix-document.js';
import { TOOL } from '../version.js';

export interface RunHeader<S extends string> {
  schema: S;
  tool: typeof TOOL;
  generatedAt: string;
  durationMs: number;
  host: HostFacts;
}

/** `startedAt` is a performance.now() reading taken when the run began. */
export function runHeader<S extends string>(schema: S, startedAt: number): RunHeader<S> {
  return {
    schema, tool: TOOL, generatedAt: new Date().toISOString(), durationMs: Math.round(performance.now() - startedAt), host: hostFacts(),
  };
}
