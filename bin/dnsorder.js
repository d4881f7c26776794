#!/usr/bin/env node
// Thin launcher: the CLI lives in src/cli and is compiled to dist/cli.
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    process.stderr.write(`dnsorder: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 2;
  },
);
