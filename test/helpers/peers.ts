// Real peers (dig, tshark, nsd, resolvers, compilers) come from Debian
// packages installed by scripts/install-lab.sh. A test that needs a missing
// peer skips with a visible reason locally; under CI (CI=true) it fails, so a
// missing install step can never turn into a green run.

import { execFileSync } from 'node:child_process';

export function hasCommand(command: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/**
 * The one skip policy. `reason` says what is missing (undefined: nothing):
 * under CI (CI=true) that is a failure, thrown; elsewhere it is returned, for
 * a visible skip (`it.skipIf(reason)`, `ctx.skip(reason)`), and printed.
 */
export function requirement(reason: string | undefined): string | undefined {
  if (reason === undefined) return undefined;
  if (process.env.CI === 'true') throw new Error(`${reason} — a missing requirement is a failure under CI`);
  console.warn(`skipping: ${reason}`);
  return reason;
}

/** Returns undefined when every command exists; otherwise the skip reason (or throws under CI). */
export function missingPeers(...commands: string[]): string | undefined {
  const missing = commands.filter((c) => !hasCommand(c));
  return requirement(missing.length === 0 ? undefined : `missing peer(s): ${missing.join(', ')} (run scripts/install-lab.sh as root)`);
}

export const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
