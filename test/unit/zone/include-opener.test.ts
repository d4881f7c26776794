// The zone parser does no I/O: `$INCLUDE` asks the opener it is given. An
// in-memory opener shows the seam: positions name what the opener says,
// nesting depth is passed on, the input budget is shared, and a refusal is
// reported at the file argument with the opener's code.
import { describe, expect, it } from 'vitest';
import { ZONE_ERROR_CODES, ZoneFileError, readZoneText, type IncludeOpener, type IncludeRequest } from '../../../src/zone/index.js';
import { StringChunkSource } from '../../../src/zone/source.js';
import { readZoneFile } from '../../../src/zone-sources/index.js';
import { testDataPath } from '../../helpers/test-data.js';

function memoryIncludes(files: Record<string, string>, seen: IncludeRequest[] = []): IncludeOpener {
  return (request, limits) => {
    seen.push(request);
    const text = files[request.argument];
    if (text === undefined) return { refusal: { code: ZONE_ERROR_CODES.include, message: `no file ${request.argument} in memory` } };
    return { source: new StringChunkSource(text, limits), file: `mem:${request.argument}`, directory: `dir-of-${request.argument}` };
  };
}

function problems(run: () => unknown): Array<{ code: string; message: string; position?: unknown }> {
  try {
    run();
  } catch (err) {
    if (err instanceof ZoneFileError) return err.errors.map((e) => ({ code: e.code, message: e.detail, position: e.position }));
    throw err;
  }
  throw new Error('no error');
}

describe('$INCLUDE through an injected opener', () => {
  it('reads included text where the $INCLUDE stands, with positions the opener names and the depth passed on', () => {
    const seen: IncludeRequest[] = [];
    const includes = memoryIncludes({ a: 'www 300 IN A 192.0.2.1\n$INCLUDE b\n', b: 'mail 300 IN A 192.0.2.2\n' }, seen);
    const records = readZoneText('@ 300 IN NS ns\n$INCLUDE a\nns 300 IN A 192.0.2.3\n', { origin: 'example.', includes, baseDirectory: 'base' });
    expect(records.map((r) => `${r.position!.file}:${r.position!.line}`)).toEqual(['<text>:1', 'mem:a:1', 'mem:b:1', '<text>:3']);
    expect(seen).toEqual([
      { argument: 'a', file: '<text>', directory: 'base', depth: 0 },
      { argument: 'b', file: 'mem:a', directory: 'dir-of-a', depth: 1 },
    ]);
  });

  it('reports a refusal at the file argument, with the opener\'s code and words', () => {
    expect(problems(() => readZoneText('$INCLUDE missing\n', { origin: 'example.', includes: memoryIncludes({}) }))).toEqual([
      { code: 'ERR_ZONE_INCLUDE', message: 'no file missing in memory', position: { file: '<text>', line: 1, column: 10 } },
    ]);
  });

  it('counts included text against the one input budget of the zone', () => {
    const includes = memoryIncludes({ big: `${'x'.repeat(60)} 300 IN A 192.0.2.1\n` });
    const [problem] = problems(() => readZoneText('@ 300 IN NS ns\n$INCLUDE big\n', { origin: 'example.', includes, maxInputSize: 64 }));
    expect(problem).toMatchObject({ code: 'ERR_ZONE_TOO_LARGE' });
    expect(String((problem!.position as { file: string }).file)).toBe('mem:big');
  });

  it('without an opener $INCLUDE is off; a zone file read without an include policy says how to allow it', () => {
    expect(problems(() => readZoneText('$INCLUDE x\n', { origin: 'example.' }))).toMatchObject([
      { code: 'ERR_ZONE_INCLUDE', message: '$INCLUDE is off (allow it with options.includes, an include opener)' },
    ]);
    const file = testDataPath('..', '..', 'fixtures', 'zone', 'include-split.zone');
    expect(problems(() => readZoneFile(file, { origin: 'example.' }))).toMatchObject([
      { code: 'ERR_ZONE_INCLUDE', message: '$INCLUDE is off (allow it with options.include)' },
    ]);
  });
});
