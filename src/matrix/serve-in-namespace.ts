// Entry point run inside the matrix's network namespace (`ip netns exec <ns>
// node dist/matrix/serve-in-namespace.js`): the scenario server on
// 127.0.0.1:53, one JSON line per query on stdout for the matrix's query
// ledger, a ready line first. Exits on SIGTERM/SIGINT or when the matrix
// closes stdin (so a dead parent never leaves it running).
import { startServer } from '../server/index.js';

const port = Number(process.argv[2] ?? 53);
const server = await startServer({ listen: '127.0.0.1', port });
server.onQuery((event) => {
  process.stdout.write(`${JSON.stringify({ query: event.qname ?? null, qtype: event.qtype ?? null, transport: event.transport })}\n`);
});
process.stdout.write(`${JSON.stringify({ ready: true, address: server.address, port: server.port })}\n`);

let closing = false;
const stop = () => {
  if (closing) return;
  closing = true;
  void server.close().then(() => process.exit(0));
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop);
process.stdin.resume();
