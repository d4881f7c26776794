// What the user sees of a failure: `message [CODE]` lines, never a stack trace
// or Node's own error text. A rejected zone file gives one line per problem
// (`file:line:column: message [CODE]`, like a compiler) up to a limit.

import { isDnsorderError } from '../errors.js';
import { fsReason, isSystemError } from '../files/fs-errors.js';
import { safeMessage } from '../text/safe-text.js';
import { ZONE_ERROR_CODES, ZoneFileError } from '../zone/errors.js';

/** Problems of one zone file listed before "… and N more". */
export const LISTED_ZONE_ERRORS = 20;

/** What a failed system call was doing, in words (its path follows). */
const VERBS: Readonly<Record<string, string>> = {
  open: 'open', read: 'read', stat: 'read', lstat: 'read', scandir: 'list', opendir: 'list', realpath: 'find',
  mkdir: 'create directory', write: 'write', rename: 'write', unlink: 'remove', rmdir: 'remove', access: 'use',
  bind: 'listen on', listen: 'listen on', connect: 'connect to',
};

export function errorLines(err: unknown): string[] {
  if (err instanceof ZoneFileError) return zoneErrorLines(err);
  return [describeError(err)];
}

/**
 * The library's errors name its own options (`options.origin`); the command
 * line has flags for them. One table, so library messages carry no CLI words.
 */
const OPTION_FLAGS: ReadonlyMap<string, string> = new Map([
  ['maxInputSize', '--max-input-size'],
  ['origin', '--origin'],
  ['include', '--allow-include'],
]);

/** A library message in the command line's words (an option without a flag keeps its name). */
export function inFlagWords(message: string): string {
  return message.replace(/\boptions\.([A-Za-z]+)\b/g, (words, name: string) => OPTION_FLAGS.get(name) ?? words);
}

/** One line; whatever it quotes (a path, a library's message) is escaped and cut (DnsorderError messages already are). */
export function describeError(err: unknown): string {
  return isDnsorderError(err) ? `${inFlagWords(err.message)} [${err.code}]` : safeMessage(describeOther(err));
}

function describeOther(err: unknown): string {
  if (isSystemError(err)) {
    const verb = VERBS[err.syscall ?? ''] ?? err.syscall ?? 'use';
    const socket = err as { address?: string; port?: number };
    const what = err.path ?? (socket.address !== undefined ? `${socket.address}:${socket.port}` : undefined);
    return `cannot ${verb}${what !== undefined ? ` ${what}` : ''}: ${fsReason(err)} [ERR_IO]`;
  }
  // Anything else is a bug of ours; still one line with a code.
  return `internal error: ${err instanceof Error ? err.message : String(err)} [ERR_INTERNAL]`;
}

function zoneErrorLines(err: ZoneFileError): string[] {
  const listed = err.errors.slice(0, LISTED_ZONE_ERRORS).map(describeError);
  const rest = err.errors.length - listed.length;
  const stopped = err.stoppedEarly ? ` (reading stopped after ${err.errors.length} errors)` : '';
  if (rest > 0) listed.push(`… and ${rest} more error${rest === 1 ? '' : 's'}${stopped} [${ZONE_ERROR_CODES.tooManyErrors}]`);
  else if (stopped) listed.push(`reading stopped after ${err.errors.length} errors [${ZONE_ERROR_CODES.tooManyErrors}]`);
  return listed;
}
