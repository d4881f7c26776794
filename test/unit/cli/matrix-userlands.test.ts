// `matrix --suites` / `--root` refuse what they cannot run, with a code, before anything starts.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

describe('matrix --suites and --root', () => {
  it.each([
    [['matrix', '--clients', 'models', '--suites', 'host,forky'], 'ERR_ROOT_NOT_BUILT', /dnsorder lab build forky/],
    [['matrix', '--clients', 'models', '--suites', 'Host'], 'ERR_ROOT_NAME', /not a Debian suite name/],
    [['matrix', '--clients', 'models', '--suites', 'host,host'], 'ERR_ROOT_NAME', /given twice/],
    [['matrix', '--clients', 'models', '--root', 'mine=/nonexistent/dir'], 'ERR_ROOT_MISSING', /is not a directory/],
    [['matrix', '--clients', 'models', '--root', 'no-equals-sign'], 'ERR_ROOT_NAME', /NAME=DIR/],
  ])('%j exits 2 with %s', async (argv, code, message) => {
    const r = await runCli(argv);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`[${code}]`);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).toBe('');
  });
});
