// dnspython from the Debian package. It must be /usr/bin/python3: the python3
// first on PATH may be another interpreter (pyenv) without dnspython.
import { join } from 'node:path';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';
import { where } from '../roots/userland.js';

const PYTHON = '/usr/bin/python3';

export const dnspython = defineProgramClient({
  id: 'dnspython',
  discovery: 'explicit-server',
  describe: 'dnspython Resolver(configure=False).resolve(name, A|AAAA), canonical_name',
  toolchain: async (userland) => {
    const identity = await userland.firstLine([PYTHON, '--version']);
    return identity ? { identity } : { missing: `${PYTHON} not found${where(userland)}: ${installHint('python3-dnspython')}` };
  },
  // Interpreted: the build is a copy of the script, so a root can see it.
  recipe: (identity) => ({ client: 'dnspython', sources: ['resolve.py'], toolchain: identity, commands: [] }),
  argv: (dir, server) => [PYTHON, join(dir, 'resolve.py'), server.address, String(server.port)],
  version: (dir, userland) => userland.firstLine([PYTHON, join(dir, 'resolve.py'), '--version'], { PYTHONDONTWRITEBYTECODE: '1' }),
  env: { PYTHONDONTWRITEBYTECODE: '1' },
});
