// Users' own clients, without running a matrix: command templates (splitting,
// placeholders, what is refused), names, `--client NAME=COMMAND`, clients-file
// errors (with file:line:column for JSON syntax), and one request through
// runOnce's process handling.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  defineClient, expandTemplate, jsonSyntaxError, parseClientName, parseCommandTemplate, readClientsFile, runOnce, splitTemplateWords, userClients,
} from '../../../src/clients/custom-client.js';
import { DnsorderError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'dnsorder-custom-clients-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The error `fn` throws: a DnsorderError, never a bare Error. */
function thrown(fn: () => unknown): DnsorderError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(DnsorderError);
    return err as DnsorderError;
  }
  throw new Error('expected a throw');
}

const VALUES = { name: 'cname-last.x1.order.test', type: 'AAAA' as const, server: '127.0.0.1', port: 5353 };

describe('command templates', () => {
  it('splits into words: quotes group, backslash escapes, nothing expands', () => {
    expect(splitTemplateWords(`prog  a 'b c' "d \\" e" f\\ g ''`)).toEqual(['prog', 'a', 'b c', 'd " e', 'f g', '']);
    expect(splitTemplateWords(`sh -c 'echo "$1" | tr a b' sh {name}`)).toEqual(['sh', '-c', 'echo "$1" | tr a b', 'sh', '{name}']);
  });

  it('substitutes placeholders per word: a value never splits or joins words', () => {
    const t = parseCommandTemplate(`dig +short @{server} -p {port} --name={name} {type}`);
    expect(t.discovery).toBe('explicit-server');
    expect(expandTemplate(t, VALUES)).toEqual(['dig', '+short', '@127.0.0.1', '-p', '5353', '--name=cname-last.x1.order.test', 'AAAA']);
    expect(expandTemplate(t, { ...VALUES, name: 'a b;$(rm -rf x)' })[5]).toBe('--name=a b;$(rm -rf x)');
  });

  it('without {server} the client reads resolv.conf: system-config', () => {
    expect(parseCommandTemplate('./client {name} {type}').discovery).toBe('system-config');
    expect(parseCommandTemplate(['./client', '{name}', '{type}']).discovery).toBe('system-config');
  });

  it('{{ and }} are literal braces; braces that are no placeholder stay as they are', () => {
    const t = parseCommandTemplate(`awk '{print $1}' {{name}} x{name}y`);
    expect(expandTemplate(t, VALUES)).toEqual(['awk', '{print $1}', '{name}', 'xcname-last.x1.order.testy']);
  });

  it.each([
    ['prog {nmae}', /unknown placeholder \{nmae\}/],
    ['', /needs a program/],
    ['   ', /needs a program/],
    ['{name} x', /first word/],
    ["prog 'unterminated", /unterminated single quote/],
    ['prog "unterminated', /unterminated double quote/],
    ['prog {name} | jq .', /unquoted "\|"/],
    ['prog {name} > out', /unquoted ">"/],
    ['prog $HOME', /unquoted "\$"/],
    ['prog "$HOME"', /inside double quotes/],
    ['prog {name} -p {port}', /\{port\} without \{server\}/],
    [`sh -c 'getent ahosts {name}'`, /inside the script of sh -c/],
    [`/bin/bash -ec 'x {type}'`, /inside the script of bash -c/],
    ['prog \\', /backslash at the end/],
  ])('refuses %j', (template, message) => {
    const err = thrown(() => parseCommandTemplate(template));
    expect(err.code).toBe('ERR_CLIENT_TEMPLATE');
    expect(err.message).toMatch(message);
  });

  it('an argv array is taken word for word (no quoting), placeholders still checked', () => {
    expect(expandTemplate(parseCommandTemplate(['prog', "it's", '{name}']), VALUES)).toEqual(['prog', "it's", VALUES.name]);
    expect(thrown(() => parseCommandTemplate(['prog', '{x}'])).code).toBe('ERR_CLIENT_TEMPLATE');
    expect(thrown(() => parseCommandTemplate([])).code).toBe('ERR_CLIENT_TEMPLATE');
  });
});

describe('client names', () => {
  it('NAME or NAME@ROOT', () => {
    expect(parseClientName('mine')).toEqual({ base: 'mine' });
    expect(parseClientName('mine@trixie')).toEqual({ base: 'mine', root: 'trixie' });
    expect(parseClientName('mine@host')).toEqual({ base: 'mine' });
  });

  it.each(['glibc-getaddrinfo', 'go-pure@trixie', 'model-glibc', 'all', 'real', 'none', 'bad name', '-x', 'a@B', 'a@', ''])('refuses %j', (name) => {
    expect(thrown(() => parseClientName(name)).code).toBe('ERR_CLIENT_NAME');
  });
});

describe('--client and --clients-file', () => {
  const file = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('makes adapters in order, file entries first', () => {
    const path = file('ok.json', JSON.stringify({ clients: [{ name: 'a', command: 'prog {name}', describe: 'A', version: 'a 1' }, { name: 'b', command: ['prog', '{name}', '{server}'] }] }));
    const adapters = userClients({ clientsFile: path, client: ['c=prog --x {name}'] });
    expect(adapters.map((a) => [a.id, a.discovery, a.describe])).toEqual([
      ['a', 'system-config', 'A'], ['b', 'explicit-server', 'user client: prog {name} {server}'], ['c', 'system-config', 'user client: prog --x {name}'],
    ]);
  });

  it('a bad --client is a usage error with a code', () => {
    expect(thrown(() => userClients({ client: ['no-equals-sign'] })).code).toBe('ERR_CLIENT_NAME');
    expect(thrown(() => userClients({ client: ['=prog'] })).code).toBe('ERR_CLIENT_NAME');
    expect(thrown(() => userClients({ client: ['go-pure=prog {name}'] })).code).toBe('ERR_CLIENT_NAME');
    expect(thrown(() => userClients({ client: ['x=prog {nope}'] })).code).toBe('ERR_CLIENT_TEMPLATE');
    expect(thrown(() => userClients({ client: ['x=prog {name}', 'x=other {name}'] })).message).toMatch(/given twice/);
  });

  it('a JSON syntax error names the file, line and column', () => {
    const path = file('syntax.json', '{\n  "clients": [\n    { "name": "a", "command": "prog" },\n  ]\n}\n');
    const err = thrown(() => readClientsFile(path));
    expect(err.code).toBe('ERR_CLIENTS_FILE');
    expect(err.position).toEqual({ file: path, line: 4, column: 3 });
    expect(err.message).toContain(`${path}:4:3: not JSON`);
    const empty = thrown(() => readClientsFile(file('empty.json', '')));
    expect(empty.position).toEqual({ file: join(dir, 'empty.json'), line: 1, column: 1 });
  });

  it.each([
    ['{"a": 1,}', 8, /unexpected "}", expected a string/],
    ['{"a" 1}', 5, /expected ":"/],
    ['{"a": [1 2]}', 9, /expected "," or "]"/],
    ['{"a": tru}', 6, /expected a value/],
    ['{"a": "x\ty"}', 8, /control character/],
    ['{"a": 1} x', 9, /expected the end/],
    ['{"a": ', 6, /end of input/],
  ])('finds the first JSON error in %j', (text, offset, message) => {
    expect(() => JSON.parse(text)).toThrow();
    const at = jsonSyntaxError(text);
    expect(at.offset).toBe(offset);
    expect(at.message).toMatch(message);
  });

  it.each([
    ['[]', /top level/],
    ['{"client": []}', /client: unknown key/],
    ['{"clients": {}}', /clients: want an array/],
    ['{"clients": [{"name": "a"}]}', /clients\[0\]\.command: want a string or an array/],
    ['{"clients": [{"name": 1, "command": "p"}]}', /clients\[0\]\.name: want a string/],
    ['{"clients": [{"name": "a", "command": "p", "cmd": "q"}]}', /clients\[0\]\.cmd: unknown key/],
    ['{"clients": [{"name": "a", "command": "p", "version": 2}]}', /clients\[0\]\.version: want a string/],
  ])('refuses the shape %s', (text, message) => {
    const err = thrown(() => readClientsFile(file('shape.json', text)));
    expect(err.code).toBe('ERR_CLIENTS_FILE');
    expect(err.message).toMatch(message);
  });

  it('a bad entry in a file names the file and the entry', () => {
    const path = file('entry.json', JSON.stringify({ clients: [{ name: 'ok', command: 'p' }, { name: 'bad', command: 'p {what}' }] }));
    const err = thrown(() => userClients({ clientsFile: path }));
    expect(err.code).toBe('ERR_CLIENT_TEMPLATE');
    expect(err.message).toContain(`${path}: clients[1]: unknown placeholder {what}`);
  });

  it('a missing file, a directory and an oversized file are usage errors', () => {
    expect(thrown(() => readClientsFile(join(dir, 'nope.json')))).toMatchObject({ code: 'ERR_CLIENTS_FILE' });
    expect(thrown(() => readClientsFile(dir))).toMatchObject({ code: 'ERR_CLIENTS_FILE' });
    const big = file('big.json', `{"clients": [], "pad": "${'x'.repeat(1024 * 1024)}"}`);
    expect(thrown(() => readClientsFile(big))).toMatchObject({ code: 'ERR_INPUT_TOO_LARGE' });
  });

  it('NAME@ROOT names a --root ROOT=DIR root too', () => {
    const rootfs = join(dir, 'rootfs');
    mkdirSync(join(rootfs, 'bin'), { recursive: true });
    writeFileSync(join(rootfs, 'bin/sh'), '');
    const [a] = userClients({ client: ['mine@myroot=getent ahosts {name}'], userRoots: [`myroot=${rootfs}`] });
    expect(a).toMatchObject({ id: 'mine@myroot', base: 'mine', userland: 'myroot', discovery: 'system-config' });
  });

  it('NAME@ROOT of a root that is neither built nor given is an error before anything runs', () => {
    const err = thrown(() => userClients({ client: ['x@no-such-suite-zz=prog {name}'] }));
    expect(err.code).toBe('ERR_ROOT_NOT_BUILT');
  });
});

describe('defineClient', () => {
  it('wants exactly one of command and run, and a free name', () => {
    expect(thrown(() => defineClient({ id: 'x' } as never)).code).toBe('ERR_CLIENT_DEFINITION');
    expect(thrown(() => defineClient({ id: 'x', command: 'p', run: async () => ({ addresses: [] }) } as never)).code).toBe('ERR_CLIENT_DEFINITION');
    expect(thrown(() => defineClient({ id: 'dnspython', run: async () => ({ addresses: [] }) })).code).toBe('ERR_CLIENT_NAME');
    expect(thrown(() => defineClient({ id: 'x@trixie', run: async () => ({ addresses: [] }) })).code).toBe('ERR_CLIENT_NAME');
    expect(defineClient({ id: 'x', command: 'prog {name} {server} {port}' }).discovery).toBe('explicit-server');
    expect(defineClient({ id: 'y', run: async () => ({ addresses: [] }) }).discovery).toBe('explicit-server');
  });
});

describe('runOnce', () => {
  it('first non-empty stdout line, exit code, signal; a hang is killed with what it started', async () => {
    expect(await runOnce(['sh', '-c', 'echo; echo \'{"addresses":[]}\'; echo more; exit 3'], process.env, 10_000))
      .toMatchObject({ stdout: '{"addresses":[]}', exitCode: 3, signal: null, timedOut: false });
    expect(await runOnce(['sh', '-c', 'kill -SEGV $$'], process.env, 10_000)).toMatchObject({ signal: 'SIGSEGV', timedOut: false });
    // A grandchild holding stdout open: the group is killed and the run ends at the limit, not with the sleep.
    const hang = await runOnce(['sh', '-c', 'sleep 300 & sleep 300'], process.env, 200);
    expect(hang).toMatchObject({ timedOut: true, exitCode: null });
    const missing = await runOnce(['/nonexistent/prog'], process.env, 10_000);
    expect(missing).toMatchObject({ stdout: '', exitCode: null, timedOut: false });
    expect(missing.stderr).toContain('ENOENT');
  });
});
