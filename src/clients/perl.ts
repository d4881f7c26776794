// Perl's Net::DNS (Debian's libnet-dns-perl): Net::DNS::Resolver->new(
// nameservers => [server], port => N, recurse => 1)->query(name, A|AAAA), the
// addresses being every A (AAAA) record of the reply's answer section, as the
// module's documentation examples take them (`grep { $_->type eq 'A' }
// $reply->answer`): owners are not checked. No canonical name is exposed
// (src/clients/programs/resolve.pl says how errors are named).
// It must be /usr/bin/perl, the one Debian's Net::DNS is installed for.
import { join } from 'node:path';
import { defineProgramClient } from './program-client.js';
import { installHint } from '../process/install-hint.js';
import { where } from '../roots/userland.js';

const PERL = '/usr/bin/perl';
// PERL5LIB/PERL5OPT of the caller's shell must not swap in another Net::DNS.
const ENV: NodeJS.ProcessEnv = { PERL5LIB: '', PERL5OPT: '' };

export const perlNetDns = defineProgramClient({
  id: 'perl-net-dns',
  discovery: 'explicit-server',
  describe: 'Perl Net::DNS Resolver->query(name, A|AAAA), every A|AAAA record of the answer section (owner not checked)',
  toolchain: async (userland) => {
    const identity = await userland.firstLine([PERL, '-MNet::DNS', '-e', 'print "perl $^V Net::DNS $Net::DNS::VERSION\\n"'], ENV);
    return identity ? { identity } : { missing: `Net::DNS not found for ${PERL}${where(userland)}: ${installHint('libnet-dns-perl')}` };
  },
  // Interpreted: the build is a copy of the script, so a root can see it.
  recipe: (identity) => ({ client: 'perl-net-dns', sources: ['resolve.pl'], toolchain: identity, commands: [] }),
  argv: (dir, server) => [PERL, join(dir, 'resolve.pl'), server.address, String(server.port)],
  version: (dir, userland) => userland.firstLine([PERL, join(dir, 'resolve.pl'), '--version'], ENV),
  env: ENV,
});
