// dnsorder probe program for Node's two resolvers, run as a child process so a
// crash or hang stays isolated: "cares HOST:PORT" (bundled c-ares,
// dns.Resolver + setServers, resolve4/resolve6) or "lookup" (dns.lookup,
// getaddrinfo in libc). Same line protocol as resolve.c.
import { Resolver, lookup } from 'node:dns';
import { createInterface } from 'node:readline';

const [mode, server] = process.argv.slice(2);
const resolver = new Resolver({ timeout: 2000, tries: 1 });
if (mode === 'cares') resolver.setServers([server]);

function resolveOne(qtype, name) {
  return new Promise((done) => {
    const fail = (err) => done({ addresses: [], canonical: null, error: { code: err.code ?? 'ERROR', text: err.message } });
    if (mode === 'cares') {
      const fn = qtype === 'AAAA' ? resolver.resolve6 : resolver.resolve4;
      fn.call(resolver, name, (err, addresses) => (err ? fail(err) : done({ addresses, canonical: null, error: null })));
    } else {
      lookup(name, { family: qtype === 'AAAA' ? 6 : 4, all: true, verbatim: true }, (err, list) =>
        err ? fail(err) : done({ addresses: list.map((a) => a.address), canonical: null, error: null }));
    }
  });
}

// Requests are answered one at a time, in order, like the other programs.
let queue = Promise.resolve();
createInterface({ input: process.stdin }).on('line', (line) => {
  const fields = line.trim().split(/\s+/);
  queue = queue.then(async () => {
    const out = fields.length === 2
      ? await resolveOne(fields[0], fields[1])
      : { addresses: [], canonical: null, error: { code: 'BAD_REQUEST', text: line } };
    process.stdout.write(JSON.stringify(out) + '\n');
  });
});
