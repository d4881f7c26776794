// What every benchmark script needs from the command line and the machine.

import { execFileSync } from 'node:child_process';

/** `--name value` pairs (a flag followed by another flag, or last, is 'true'). */
export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i++) if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[i + 1] === undefined || argv[i + 1].startsWith('--') ? 'true' : argv[++i];
  return out;
}

/** True when `tool` is on PATH (a reference tool the bench runs beside us). */
export function need(tool) {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
