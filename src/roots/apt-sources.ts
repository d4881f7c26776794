// The Debian archive a root is built from is the one the host already uses:
// read from its apt sources (one-line `.list` files and deb822 `.sources`
// files), never a hard-coded mirror. Pure: the caller reads the files.

export interface AptSource {
  types: string[];
  uris: string[];
  suites: string[];
  components: string[];
  enabled: boolean;
}

/** deb822 stanzas (`Types: deb` / `URIs:` / `Suites:` ...) of a `.sources` file. */
export function parseDeb822Sources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    let last: string | undefined;
    for (const line of stanza.split('\n')) {
      if (line.startsWith('#') || line.trim() === '') continue;
      if (/^\s/.test(line) && last) {
        fields.set(last, `${fields.get(last)} ${line.trim()}`);
        continue;
      }
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      fields.set(last, line.slice(colon + 1).trim());
    }
    const list = (key: string) => (fields.get(key) ?? '').split(/\s+/).filter(Boolean);
    if (!fields.has('uris')) continue;
    sources.push({ types: list('types'), uris: list('uris'), suites: list('suites'), components: list('components'), enabled: !/^(no|false|0)$/i.test(fields.get('enabled') ?? 'yes') });
  }
  return sources;
}

/** `deb [options] URI SUITE COMPONENT...` lines of a `.list` file. */
export function parseOneLineSources(text: string): AptSource[] {
  const sources: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    const m = /^(deb|deb-src)\s+(?:\[[^\]]*\]\s+)?(\S+)\s+(\S+)\s*(.*)$/.exec(line);
    if (!m) continue;
    sources.push({ types: [m[1]!], uris: [m[2]!], suites: [m[3]!], components: m[4]!.split(/\s+/).filter(Boolean), enabled: true });
  }
  return sources;
}

/**
 * The URI of the host's Debian archive: an enabled `deb` source with the
 * `main` component whose suite is a release (not -security, -updates,
 * -backports), preferring one whose path ends in /debian.
 */
export function debianArchive(sources: readonly AptSource[]): string | undefined {
  const candidates: string[] = [];
  for (const s of sources) {
    if (!s.enabled || !s.types.includes('deb') || !s.components.includes('main')) continue;
    if (!s.suites.some((suite) => /^[a-z]+$/.test(suite))) continue;
    candidates.push(...s.uris.filter((u) => /^(https?|file):\/\//.test(u)));
  }
  return candidates.find((u) => /\/debian\/?$/.test(u)) ?? candidates[0];
}
