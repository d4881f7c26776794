// File-system (and socket) failures in words. Node's own text ("ENOENT: no
// such file or directory, open '/x'") repeats the path the caller already
// names and reads like a stack trace; callers say what they tried, this says
// why it failed.

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a part of the path is not a directory',
  EEXIST: 'a file is in the way',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EMFILE: 'too many open files',
  ELOOP: 'too many levels of symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EADDRINUSE: 'the address is in use',
  EADDRNOTAVAIL: 'the address is not on this machine',
};

/** An error from a system call (it carries an errno name such as ENOENT). */
export function isSystemError(err: unknown): err is NodeJS.ErrnoException & { code: string } {
  return err instanceof Error && typeof (err as NodeJS.ErrnoException).code === 'string' && /^E[A-Z0-9]+$/.test((err as NodeJS.ErrnoException).code!);
}

/** Why a file operation failed, e.g. "no such file"; the errno name when we have no words for it. */
export function fsReason(err: unknown): string {
  if (!isSystemError(err)) return err instanceof Error ? err.message : String(err);
  return REASONS[err.code] ?? err.code;
}
