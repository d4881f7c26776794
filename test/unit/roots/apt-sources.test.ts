import { describe, expect, it } from 'vitest';
import { debianArchive, parseDeb822Sources, parseOneLineSources } from '../../../src/roots/apt-sources.js';
import { parseAptPolicy } from '../../../src/roots/build.js';

describe('the host\'s Debian archive from its apt sources', () => {
  it('takes the release suite\'s URI from deb822 files, not security or a disabled stanza', () => {
    const text = [
      'Types: deb', 'URIs: http://mirror.example/debian-security', 'Suites: bookworm-security', 'Components: main', '',
      'Types: deb', 'URIs: http://disabled.example/debian', 'Suites: bookworm', 'Components: main', 'Enabled: no', '',
      '# a comment', 'Types: deb deb-src', 'URIs: http://mirror.example/debian', 'Suites: bookworm bookworm-updates', 'Components: main contrib',
      'Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg', '',
    ].join('\n');
    const sources = parseDeb822Sources(text);
    expect(sources).toHaveLength(3);
    expect(sources[1]!.enabled).toBe(false);
    expect(debianArchive(sources)).toBe('http://mirror.example/debian');
  });

  it('reads one-line sources with options, and prefers a /debian path over another archive', () => {
    const text = [
      'deb [arch=amd64] https://packages.cloud.example/apt cloud-sdk main',
      'deb-src http://deb.example/debian bookworm main',
      'deb [signed-by=/k.gpg] http://deb.example/debian bookworm main # trailing comment',
    ].join('\n');
    const sources = parseOneLineSources(text);
    expect(sources.map((s) => s.types[0])).toEqual(['deb', 'deb-src', 'deb']);
    expect(debianArchive(sources)).toBe('http://deb.example/debian');
  });

  it('finds nothing when only security or third-party sources exist', () => {
    expect(debianArchive(parseOneLineSources('deb http://security.example/debian-security bookworm-security main\n'))).toBeUndefined();
    expect(debianArchive([])).toBeUndefined();
  });
});

describe('apt-cache policy', () => {
  it('keeps packages with a candidate and drops (none) and unknown ones', () => {
    const text = [
      'knot-resolver:', '  Installed: (none)', '  Candidate: (none)', '  Version table:',
      'knot-resolver6:', '  Installed: (none)', '  Candidate: 6.5.0-2', '  Version table:', '     6.5.0-2 500',
      'unbound:', '  Installed: (none)', '  Candidate: 1.26.2-1',
    ].join('\n');
    expect([...parseAptPolicy(text)]).toEqual([['knot-resolver6', '6.5.0-2'], ['unbound', '1.26.2-1']]);
  });
});
