// What to tell a user whose machine lacks a peer: the Debian packages to
// install, and the lab install script at the path it has where dnsorder is
// installed (inside node_modules for a user of the npm package, scripts/ in a
// checkout), so the hint works wherever they are.

import { fileURLToPath } from 'node:url';

/** The lab install script shipped with the package (src/process → scripts, dist/process → scripts). */
export const INSTALL_SCRIPT = fileURLToPath(new URL('../../scripts/install-lab.sh', import.meta.url));

/** `install Debian package(s) X Y (as root: apt-get install X Y, or every peer: bash …/install-lab.sh)`. */
export function installHint(...debianPackages: string[]): string {
  const list = debianPackages.join(' ');
  return `install Debian package${debianPackages.length > 1 ? 's' : ''} ${list} (as root: apt-get install ${list}, or every peer at once: bash ${INSTALL_SCRIPT})`;
}
