// `$INCLUDE` of files: the zone parser asks, this answers with the included
// file's source or a coded refusal. The policy (allowed directories, nesting
// depth) is checked on the file's real path, after symlinks, so a link cannot
// lead outside the directories allowed.

import { realpathSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fsReason } from '../files/fs-errors.js';
import { ZONE_ERROR_CODES } from '../zone/errors.js';
import type { IncludeOpener, IncludeOpening } from '../zone/parser.js';
import type { ChunkSource } from '../zone/source.js';
import { FileChunkSource } from './file-chunk-source.js';

export interface IncludePolicy {
  /** When given, included files must resolve (after symlinks) inside one of these directories. */
  allowedDirectories?: readonly string[];
  /** Nesting limit (default 8). */
  maxDepth?: number;
}

const refuse = (message: string): IncludeOpening => ({ refusal: { code: ZONE_ERROR_CODES.include, message } });

/** Refuses every `$INCLUDE`: a zone file read without an include policy. */
export const includesOff: IncludeOpener = () => refuse('$INCLUDE is off (allow it with options.include)');

/**
 * Opens included files under `policy`. A relative argument resolves against
 * the including file's directory (the directory of its real path), or, for
 * text input, the base directory it was given (default the working directory).
 */
export function fileIncludes(policy: IncludePolicy): IncludeOpener {
  const maxDepth = policy.maxDepth ?? 8;
  return ({ argument, directory, depth }, limits) => {
    if (depth >= maxDepth) return refuse(`$INCLUDE nested deeper than ${maxDepth}`);
    const target = resolve(directory ?? '.', argument);
    let real: string;
    try {
      real = realpathSync(target);
    } catch (err) {
      return refuse(`cannot read included file "${argument}": ${fsReason(err)}`);
    }
    if (policy.allowedDirectories !== undefined && !policy.allowedDirectories.some((d) => isInside(real, d))) {
      return refuse(`included file "${argument}" is outside the allowed directories`);
    }
    let source: ChunkSource;
    try {
      source = new FileChunkSource(real, limits);
    } catch (err) {
      return refuse(`cannot read included file "${argument}": ${fsReason(err)}`);
    }
    return { source, file: target, directory: dirname(real) };
  };
}

/** `real` (a real path) is `directory` or below it, after the directory's own symlinks. */
function isInside(real: string, directory: string): boolean {
  let root: string;
  try {
    root = realpathSync(directory);
  } catch {
    return false;
  }
  const rel = relative(root, real);
  // '..' as a path segment, not as a prefix: '..sub.zone' is a file inside.
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}
