// atlas check on something that is not Atlas results: one line, exit 2, and
// an endless input (/dev/zero) ends at its first octet instead of never.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

describe('atlas check on input that is not Atlas results', () => {
  it.each([['/dev/zero', 'a NUL octet at offset 0'], ['README.md', 'starts with "#"']])('%s: exit 2, %s', async (file, why) => {
    const r = await runCli(['atlas', 'check', file]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^dnsorder: ${file.replace('.', '\\.')}: .*${why.replace(/[()]/g, '\\$&')}.* \\[ERR_ATLAS_NOT_RESULTS\\]\\n$`));
    expect(r.stdout).toBe('');
  });
});
