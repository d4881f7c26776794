// Ruby's standard library resolv (lib/resolv.rb, the `resolv` default gem):
// a Resolv::DNS pointed at the scenario server with :nameserver_port, no
// search list, and Resolv::DNS#getresources(name, IN::A | IN::AAAA) — the
// per-type lookup (each_resource: fetch_resource + extract_resources) that
// Resolv.getaddresses also runs, once for A and once for AAAA, behind
// /etc/hosts. The API exposes no canonical name and no error: failures are an
// empty list (src/clients/programs/resolve.rb says why).
// It must be /usr/bin/ruby: the ruby first on PATH may be another one (rbenv).
import { join } from 'node:path';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';
import { where } from '../roots/userland.js';

const RUBY = '/usr/bin/ruby';
// RUBYOPT/RUBYLIB of the caller's shell must not load other code or another resolv.
const ENV: NodeJS.ProcessEnv = { RUBYOPT: '', RUBYLIB: '' };

export const rubyResolv = defineProgramClient({
  id: 'ruby-resolv',
  discovery: 'explicit-server',
  describe: 'Ruby resolv Resolv::DNS.new(nameserver_port:).getresources(name, IN::A|IN::AAAA); no canonical name, failures are []',
  toolchain: async (userland) => {
    const identity = await userland.firstLine([RUBY, '--version']);
    return identity ? { identity } : { missing: `${RUBY} not found${where(userland)}: ${installHint('ruby')}` };
  },
  // Interpreted: the build is a copy of the script, so a root can see it.
  recipe: (identity) => ({ client: 'ruby-resolv', sources: ['resolve.rb'], toolchain: identity, commands: [] }),
  argv: (dir, server) => [RUBY, join(dir, 'resolve.rb'), server.address, String(server.port)],
  version: (dir, userland) => userland.firstLine([RUBY, join(dir, 'resolve.rb'), '--version'], ENV),
  env: ENV,
});
