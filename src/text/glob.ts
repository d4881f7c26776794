// Shell-style globs for ids on the command line (`perm-3-*`, `model-*`):
// `*` any run of characters, `?` one character, everything else literal.

export function globToRegExp(glob: string, flags = ''): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}

/**
 * The items some selector picks, in the items' own order, and the selectors
 * that pick none. `picks` decides for one item and one selector (`pattern` is
 * the selector as a glob), so callers add their own words (`real`, a group).
 */
export function selectByGlobs<T>(items: readonly T[], selectors: readonly string[],
  picks: (item: T, pattern: RegExp, selector: string) => boolean, flags = ''): { chosen: T[]; unknown: string[] } {
  const chosen = new Set<T>();
  const unknown: string[] = [];
  for (const selector of selectors) {
    const pattern = globToRegExp(selector, flags);
    const hits = items.filter((item) => picks(item, pattern, selector));
    if (hits.length === 0) unknown.push(selector);
    hits.forEach((item) => chosen.add(item));
  }
  return { chosen: items.filter((item) => chosen.has(item)), unknown };
}
