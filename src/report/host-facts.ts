// The host facts a report is only meaningful with: OS, kernel, libc.
import { readFileSync } from 'node:fs';
import { arch, cpus, release } from 'node:os';
import type { HostFacts } from './matrix-document.js';

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
