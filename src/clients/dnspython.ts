// dnspython from the Debian package. It must be /usr/bin/python3: the python3
// first on PATH may be another interpreter (pyenv) without dnspython.
import { join } from 'node:path';
import { PROGRAMS_DIR } from './build-cache.js';
import { commandLine } from '../process/run-command.js';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';

const PYTHON = '/usr/bin/python3';
const script = join(PROGRAMS_DIR, 'resolve.py');

export const dnspython = defineProgramClient({
  id: 'dnspython',
  discovery: 'explicit-server',
  describe: 'dnspython Resolver(configure=False).resolve(name, A|AAAA), canonical_name',
  toolchain: async () => {
    const identity = await commandLine([PYTHON, '--version']);
    return identity ? { identity } : { missing: `${PYTHON} not found: ${installHint('python3-dnspython')}` };
  },
  argv: (_dir, server) => [PYTHON, script, server.address, String(server.port)],
  version: async () => {
    const v = await commandLine([PYTHON, script, '--version']);
    return v;
  },
  env: { PYTHONDONTWRITEBYTECODE: '1' },
});

