// The fields every run report starts with (matrix, probe, atlas): which schema,
// which tool, when, how long, and on which host. Each report's document
// (src/matrix/document.ts, src/probe/document.ts, src/atlas/document.ts,
// src/loaders/matrix.ts) builds on it; the renderers (src/report) only read it.

import { readFileSync } from 'node:fs';
import { arch, cpus, release } from 'node:os';
import { TOOL } from './version.js';

/** The host facts a report is only meaningful with: OS, kernel, libc. */
export interface HostFacts {
  os: string;
  kernel: string;
  arch: string;
  libc: string;
  node: string;
  cpus: number;
}

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

export function hostFacts(): HostFacts {
  let os = process.platform as string;
  try {
    const m = /^PRETTY_NAME="?([^"\n]*)"?/m.exec(readFileSync('/etc/os-release', 'utf8'));
    if (m) os = m[1]!;
  } catch {
    // not Linux, or no os-release
  }
  const header = (process.report?.getReport() as { header?: { glibcVersionRuntime?: string } } | undefined)?.header;
  return {
    os,
    kernel: `${process.platform} ${release()}`,
    arch: arch(),
    libc: header?.glibcVersionRuntime ? `glibc ${header.glibcVersionRuntime}` : 'unknown',
    node: process.version,
    cpus: cpus().length,
  };
}
