// Shell-style globs for ids on the command line (`perm-3-*`, `model-*`):
// `*` any run of characters, `?` one character, everything else literal.

export function globToRegExp(glob: string, flags = ''): RegExp {
  const body = glob.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${body}$`, flags);
}
