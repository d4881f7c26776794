// Imports run one way: down. Every folder of src/ (and every file directly in
// src/) stands on one layer of LAYERS, listed from the bottom up; a file may
// import its own folder and the layers below its own, never a layer above it
// and never a neighbour on its own layer. So no two folders import each other,
// and the documents (src/matrix/document.ts, src/probe/document.ts,
// src/atlas/document.ts, src/loaders/document.ts, src/order/check-document.ts,
// src/zone/zonemd-document.ts) stand below the renderers
// (src/report), which import them and are never imported by them.
//
// The order, bottom to top:
//
//   1. text, concurrency, memory, process, version, error-codes
//                                  small helpers and facts that import nothing of ours (memory:
//                                  the block arena big zones are stored in)
//   2. errors, run-header          the error classes; the header every run report starts with
//   3. rdata                       the record layer: type registry, names, per-type RDATA
//                                  (wire, value, presentation, canonical form, validation)
//   4. files, wire, spec           bounded files and atomic output; DNS messages as octets;
//                                  the RFC text the findings cite
//   5. net, order, roots           addresses and one exchange; answer-order analysis; userland roots
//   6. zone, pcap, scenarios, models
//                                  zone text and ZONEMD (no I/O); captures; the scenario catalogue;
//                                  the stub resolvers' parsers, modelled (bytes in, result out)
//   7. zone-sources                zone files read (and $INCLUDEd) into the zone parser; the
//                                  variants written to a directory; the "dnsorder/zone" entry
//   8. server, clients, loaders    the scenario server (and what it answers a model in-process);
//                                  the real stub clients; the zone loaders
//   9. probe, matrix               the resolver probe and the client matrix: each runs, judges
//                                  and writes its own document (matrix owns Outcome and the
//                                  registry of every client, real and model)
//  10. atlas, dnstap, fixtures     built on the probe's verdicts and the matrix's outcomes
//  11. report                      the renderers: documents in, text, Markdown, HTML, JUnit out
//  12. index, testing              the library's public faces
//  13. cli                         the commands
//
// Imports are read with TypeScript's own pre-processor (static, type-only,
// `export … from` and literal `import()`), so commented-out or quoted imports
// do not count. A new folder under src/ must be given its place here.

import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const SRC = join(ROOT, 'src');

export const LAYERS: readonly (readonly string[])[] = [
  ['text', 'concurrency', 'memory', 'process', 'version', 'error-codes'],
  ['errors', 'run-header'],
  ['rdata'],
  ['files', 'wire', 'spec'],
  ['net', 'order', 'roots'],
  ['zone', 'pcap', 'scenarios', 'models'],
  ['zone-sources'],
  ['server', 'clients', 'loaders'],
  ['probe', 'matrix'],
  ['atlas', 'dnstap', 'fixtures'],
  ['report'],
  ['index', 'testing'],
  ['cli'],
];

const SOURCE_FILE = /\.(ts|mts|cts)$/;

/** The top-level entry of src/ a path belongs to: its first folder, or a file's name without extension. */
export function unitOf(path: string, src = SRC): string | undefined {
  const rel = relative(src, path);
  if (rel === '' || rel.startsWith('..') || rel.startsWith(sep)) return undefined;
  const first = rel.split(sep)[0]!;
  return rel.includes(sep) ? first : first.replace(/\.[^.]+$/, '');
}

/** The relative module specifiers `source` imports (comments and strings are not imports). */
export function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName).filter((name) => name.startsWith('.'));
}

export interface WrongWay {
  file: string;
  imports: string;
  why: string;
}

/** Every import in `source` (the file at `file`) that goes up a layer or sideways to a neighbour. */
export function wrongWays(source: string, file: string, layers = LAYERS, src = SRC): WrongWay[] {
  const layerOf = new Map(layers.flatMap((units, level) => units.map((u) => [u, level] as const)));
  const from = unitOf(file, src);
  if (from === undefined) return [];
  const own = layerOf.get(from);
  const found: WrongWay[] = [];
  for (const specifier of importsOf(source)) {
    const to = unitOf(resolve(dirname(file), specifier), src);
    if (to === undefined || to === from) continue;
    const theirs = layerOf.get(to);
    const at = relative(src, file);
    if (own === undefined || theirs === undefined) {
      found.push({ file: at, imports: specifier, why: `${own === undefined ? from : to} has no place in LAYERS` });
    } else if (theirs > own) {
      found.push({ file: at, imports: specifier, why: `${from} (layer ${own + 1}) imports ${to}, a layer above (${theirs + 1})` });
    } else if (theirs === own) {
      found.push({ file: at, imports: specifier, why: `${from} imports ${to}, its neighbour on layer ${own + 1}` });
    }
  }
  return found;
}

function sourceFiles(): string[] {
  return readdirSync(SRC, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && SOURCE_FILE.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('imports run one way, down the layers', () => {
  it('the reader finds every kind of import, and only imports', () => {
    const source = [
      "// import { old } from '../cli/old.js';",
      "import {\n  a,\n  type b,\n} from '../wire/a.js';",
      "import type { T } from '../zone/t.js';",
      "export * from './sibling.js';",
      "export { c } from '../errors.js';",
      "import '../text/side-effect.js';",
      "const lazy = await import('../report/lazy.js');",
      "const text = `import x from '../cli/in-a-string.js'`;",
      "import { outside } from 'vitest';",
    ].join('\n');
    expect(importsOf(source)).toEqual(['../wire/a.js', '../zone/t.js', './sibling.js', '../errors.js', '../text/side-effect.js', '../report/lazy.js']);
  });

  it('an import up a layer, sideways, or into an unplaced folder is wrong; down and within a folder is right', () => {
    const file = join(SRC, 'matrix', 'x.ts');
    const why = (code: string) => wrongWays(code, file).map((w) => w.why);
    expect(why("import { a } from './document.js';")).toEqual([]);
    expect(why("import { a } from '../clients/types.js';")).toEqual([]);
    expect(why("import { a } from '../run-header.js';")).toEqual([]);
    expect(why("import type { a } from '../report/matrix-html.js';")).toEqual(['matrix (layer 9) imports report, a layer above (11)']);
    expect(why("import { a } from '../probe/document.js';")).toEqual(['matrix imports probe, its neighbour on layer 9']);
    expect(why("import { a } from '../somewhere-new/a.js';")).toEqual(['somewhere-new has no place in LAYERS']);
    expect(wrongWays("import { TOOL } from './version.js';", join(SRC, 'run-header.ts'))).toEqual([]);
    expect(wrongWays("import { a } from './report/x.js';", join(SRC, 'errors.ts')).map((w) => w.why)).toEqual(['errors (layer 2) imports report, a layer above (11)']);
  });

  it('every folder and file directly under src/ has exactly one place in LAYERS', () => {
    const placed = LAYERS.flat();
    const present = [...new Set(sourceFiles().map((f) => unitOf(f)!))].sort();
    expect(present.filter((u) => !placed.includes(u))).toEqual([]);
    expect(placed.filter((u, i) => placed.indexOf(u) !== i)).toEqual([]);
  });

  it('no file under src/ imports a layer above its own, or a neighbour on it', () => {
    const wrong = sourceFiles().flatMap((file) => wrongWays(readFileSync(file, 'utf8'), file))
      .map((w) => `${w.file} imports ${w.imports}: ${w.why}`);
    expect(wrong).toEqual([]);
  });
});
