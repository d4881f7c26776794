// The protobuf library is for dnstap alone: `dnsorder/zone`, the main
// entry, the CLI's start-up and every command module load without it; the
// commands that read dnstap (check on dnstap input, watch, probe
// --dnstap-socket) import it dynamically when they need it. Checked on the
// static import graph of the sources.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = resolve(import.meta.dirname, '../../../src');

/** Every module `entry` reaches through static imports (not `await import()`), and the packages they import. */
function staticGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/^\s*(?:import|export)\s[^;]*?\sfrom\s+'([^']+)'/gm)) {
      if (/^\s*import\s+type\s/.test(m[0]) || /^\s*export\s+type\s/.test(m[0])) continue;
      const spec = m[1]!;
      if (spec.startsWith('.')) visit(join(dirname(file), spec.replace(/\.js$/, '.ts')));
      else packages.add(spec);
    }
  };
  visit(join(SRC, entry));
  return { files, packages };
}

describe('what loads the protobuf library', () => {
  it('not dnsorder/zone, not the main entry, not the CLI start-up or any command module as it loads', () => {
    for (const entry of ['zone/index.ts', 'index.ts', 'cli/main.ts', 'cli/check.ts', 'cli/watch.ts', 'cli/probe.ts', 'cli/serve.ts', 'cli/matrix.ts', 'cli/zonemd.ts', 'cli/fixtures.ts', 'cli/scenarios.ts']) {
      const { packages, files } = staticGraph(entry);
      expect([...packages].filter((p) => p.startsWith('@bufbuild/')), entry).toEqual([]);
      expect([...files].filter((f) => f.includes(`${join('src', 'dnstap')}`) && !f.endsWith('framestream.ts')).map((f) => f.slice(SRC.length)), entry).toEqual([]);
    }
  });

  it('the dnstap readers do', () => {
    expect(staticGraph('dnstap/collector.ts').packages).toContain('@bufbuild/protobuf');
    expect(staticGraph('dnstap/file.ts').packages).toContain('@bufbuild/protobuf');
  });
});
