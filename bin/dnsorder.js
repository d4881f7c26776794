#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli and is compiled to dist/cli.
import { main } from '../dist/cli/main.js';

// A closed pipe (`dnsorder scenarios | head`) is the reader's choice, not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (err) => {
    if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw err;
  });
}

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`dnsorder: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
