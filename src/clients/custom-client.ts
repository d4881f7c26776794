// Clients the user brings: `dnsorder matrix --client NAME=COMMAND`, a clients
// file, or `defineClient()` in the library. A command client is a template,
// split into words once (no shell: quotes only group words), whose
// placeholders {name} {type} {server} {port} are substituted per word for each
// request; one process per request, in the run's network namespace, inside a
// root when NAME ends in @ROOT. It prints the same JSON line the built-in
// probe programs print (src/clients/client-output.ts), and its run (stdout,
// exit status, signal, time-out) is judged by src/matrix/outcome.ts like any
// other: a crash is `crash`, a hang is `timeout`, garbage is `error`.
import { spawn } from 'node:child_process';
import { accessSync, constants, lstatSync, statSync } from 'node:fs';
import { basename, delimiter, dirname, isAbsolute, join, resolve } from 'node:path';
import { DnsorderError, UsageError, type ErrorCode, type SourcePosition } from '../errors.js';
import { INPUT_LIMITS, readTextBounded } from '../files/read-bounded.js';
import { resolveUserlands, userRoot } from '../roots/store.js';
import { HOST, hostUserland, idIn, type Bind, type Userland } from '../roots/userland.js';
import { MODELS } from '../models/index.js';
import { CLIENT_IDS, type ClientAdapter, type Detection, type PreparedClient, type RawRun, type ResolveRequest, type RunContext, type ServerDiscovery } from './types.js';
import { parseClientOutput } from './client-output.js';

export const PLACEHOLDERS = ['name', 'type', 'server', 'port'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

/** A word of a template: literal text and placeholders, in order. */
export type TemplatePart = string | { placeholder: Placeholder };

export interface CommandTemplate {
  /** The template as the user wrote it (or its words joined, for an argv array). */
  source: string;
  words: TemplatePart[][];
  uses: ReadonlySet<Placeholder>;
  /** `explicit-server` when the template passes {server}, else `system-config` (it reads resolv.conf). */
  discovery: ServerDiscovery;
}

/** Unquoted characters a shell would treat specially; here they would silently be plain text. */
const SHELL_SPECIAL = new Set(['|', '&', ';', '<', '>', '(', ')', '$', '`']);
const SHELLS = new Set(['sh', 'bash', 'dash', 'zsh', 'ksh', 'mksh', 'ash']);
const TEMPLATE_LIMIT = 4096;

function templateError(message: string, source: string): UsageError {
  return new UsageError('ERR_CLIENT_TEMPLATE', `${message} in client command "${source}"`);
}

/**
 * Splits a command template into words. Whitespace separates words; '…' is
 * literal; "…" is literal except \" and \\; a backslash outside quotes
 * escapes the next character. Nothing is expanded: unquoted | & ; < > ( ) $ `
 * and $ or ` inside double quotes are errors (write `sh -c '…'` for a shell).
 */
export function splitTemplateWords(source: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const add = (text: string) => (word = (word ?? '') + text);
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (c === "'") {
      const end = source.indexOf("'", i + 1);
      if (end < 0) throw templateError('unterminated single quote', source);
      add(source.slice(i + 1, end));
      i = end + 1;
    } else if (c === '"') {
      let text = '';
      i++;
      for (;;) {
        if (i >= source.length) throw templateError('unterminated double quote', source);
        const d = source[i]!;
        if (d === '"') break;
        if (d === '\\' && (source[i + 1] === '"' || source[i + 1] === '\\')) {
          text += source[i + 1];
          i += 2;
          continue;
        }
        if (d === '$' || d === '`') throw templateError(`"${d}" inside double quotes is not expanded here (use single quotes, or sh -c)`, source);
        text += d;
        i++;
      }
      add(text);
      i++;
    } else if (c === '\\') {
      if (i + 1 >= source.length) throw templateError('a backslash at the end', source);
      add(source[i + 1]!);
      i += 2;
    } else if (SHELL_SPECIAL.has(c)) {
      throw templateError(`unquoted "${c}": the command is not run by a shell (write sh -c '…' for one)`, source);
    } else {
      add(c);
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** `{name}` etc. in one word; `{{` and `}}` are literal braces; other braces are plain text. */
function parseWord(word: string, source: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  let text = '';
  const pattern = /\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_-]*)\}/g;
  let last = 0;
  for (let m = pattern.exec(word); m; m = pattern.exec(word)) {
    text += word.slice(last, m.index);
    last = m.index + m[0].length;
    if (m[0] === '{{') text += '{';
    else if (m[0] === '}}') text += '}';
    else {
      const name = m[1]!;
      if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
        throw templateError(`unknown placeholder {${name}} (known: ${PLACEHOLDERS.map((p) => `{${p}}`).join(' ')}; {{ and }} are literal braces)`, source);
      }
      if (text) parts.push(text);
      text = '';
      parts.push({ placeholder: name as Placeholder });
    }
  }
  text += word.slice(last);
  if (text || parts.length === 0) parts.push(text);
  return parts;
}

/** Parses and checks a client's command: a template string, or its words already split (a JSON array). */
export function parseCommandTemplate(command: string | readonly string[]): CommandTemplate {
  const isWords = Array.isArray(command);
  if (!isWords && typeof command !== 'string') throw new UsageError('ERR_CLIENT_TEMPLATE', 'a client command is a string or an array of strings');
  if (isWords && !(command as readonly unknown[]).every((w) => typeof w === 'string')) {
    throw new UsageError('ERR_CLIENT_TEMPLATE', 'a client command array holds strings only');
  }
  const source = isWords ? (command as readonly string[]).join(' ') : (command as string);
  if (source.length > TEMPLATE_LIMIT) throw new UsageError('ERR_CLIENT_TEMPLATE', `a client command is longer than ${TEMPLATE_LIMIT} characters`);
  if (source.includes('\0')) throw templateError('a NUL character', source);
  const raw = isWords ? [...(command as readonly string[])] : splitTemplateWords(source);
  if (raw.length === 0 || raw[0] === '') throw new UsageError('ERR_CLIENT_TEMPLATE', 'a client command needs a program to run');
  const words = raw.map((w) => parseWord(w, source));
  const uses = new Set<Placeholder>();
  for (const w of words) for (const p of w) if (typeof p !== 'string') uses.add(p.placeholder);
  if (words[0]!.some((p) => typeof p !== 'string')) throw templateError('the program (first word) cannot be a placeholder', source);
  if (uses.has('port') && !uses.has('server')) throw templateError('{port} without {server}: a client told the port is told the address too', source);
  // sh -c SCRIPT: a placeholder in SCRIPT would be interpolated into shell code.
  if (SHELLS.has(basename(raw[0]!))) {
    const c = raw.findIndex((w, i) => i > 0 && /^-[A-Za-z]*c[A-Za-z]*$/.test(w));
    if (c > 0 && c + 1 < words.length && words[c + 1]!.some((p) => typeof p !== 'string')) {
      throw templateError(`a placeholder inside the script of ${basename(raw[0]!)} -c would be shell code: pass it as an argument (sh -c '… "$1" …' sh {name}) or read $DNSORDER_NAME`, source);
    }
  }
  return { source, words, uses, discovery: uses.has('server') ? 'explicit-server' : 'system-config' };
}

export interface TemplateValues {
  name: string;
  type: 'A' | 'AAAA';
  server: string;
  port: number;
}

/** The argv for one request: each word with its placeholders filled in (a value never splits or joins words). */
export function expandTemplate(template: CommandTemplate, values: TemplateValues): string[] {
  return template.words.map((parts) => parts.map((p) => (typeof p === 'string' ? p : String(values[p.placeholder]))).join(''));
}

// ---------------------------------------------------------------------------
// Names

const RESERVED = new Set(['all', 'real', 'models', 'none', 'host']);

/** `NAME` or `NAME@ROOT`: the client's own name and where it runs. */
export function parseClientName(id: string): { base: string; root?: string } {
  if (typeof id !== 'string') throw new UsageError('ERR_CLIENT_NAME', 'a client name is a string');
  const at = id.indexOf('@');
  const base = at >= 0 ? id.slice(0, at) : id;
  const root = at >= 0 ? id.slice(at + 1) : undefined;
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(base)) {
    throw new UsageError('ERR_CLIENT_NAME', `client name "${id}": letters, digits, ".", "_" and "-", up to 64, then optionally @ROOT`);
  }
  if (root !== undefined && !/^[a-z][a-z0-9-]{1,30}$/.test(root)) {
    throw new UsageError('ERR_CLIENT_NAME', `client name "${id}": @ROOT names a root (lowercase letters, digits and -), like @trixie`);
  }
  const builtIn = [...CLIENT_IDS, ...MODELS.map((m) => m.id)] as string[];
  if (builtIn.includes(base) || RESERVED.has(base)) {
    throw new UsageError('ERR_CLIENT_NAME', `client name "${id}" is taken by a built-in client or selector (${base}); pick another`);
  }
  return root === undefined || root === HOST ? { base } : { base, root };
}

/**
 * The userland of `NAME@ROOT`: a root given with `--root ROOT=DIR`, else a
 * built Debian suite (`dnsorder lab build ROOT`). None for the host.
 */
export function clientUserland(root: string | undefined, userRoots: readonly string[] = [], env: NodeJS.ProcessEnv = process.env): Userland | undefined {
  if (root === undefined) return undefined;
  const spec = userRoots.find((r) => r.slice(0, r.indexOf('=')) === root);
  return spec ? userRoot(spec, env) : resolveUserlands([root], [], env)[0];
}

// ---------------------------------------------------------------------------
// Running one request

/** Kept of a client's output: the result line is small; a runaway writer is cut off, not buffered. */
const MAX_STDOUT = 1 << 20;
const MAX_STDERR = 64 * 1024;

/** Runs argv once in its own process group; on the time limit the whole group is killed. */
export function runOnce(argv: readonly string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<RawRun> {
  return new Promise<RawRun>((done) => {
    const started = performance.now();
    let stdout = '';
    let stderr = '';
    let settled = false;
    const child = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // the group is gone already
      }
    };
    const finish = (run: Omit<RawRun, 'result' | 'stdout' | 'stderr' | 'durationMs'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const line = stdout.split('\n').map((l) => l.trim()).find((l) => l !== '') ?? '';
      done({ ...run, result: parseClientOutput(line), stdout: line, stderr, durationMs: Math.round(performance.now() - started) });
    };
    const timer = setTimeout(() => {
      killGroup();
      // Do not wait for 'close': a grandchild that left the group could hold the pipes open.
      child.stdout.destroy();
      child.stderr.destroy();
      finish({ exitCode: null, signal: null, timedOut: true });
    }, timeoutMs);
    child.stdout.on('data', (d: Buffer) => {
      if (stdout.length < MAX_STDOUT) stdout += d.toString();
    });
    child.stderr.on('data', (d: Buffer) => {
      if (stderr.length < MAX_STDERR) stderr += d.toString();
    });
    child.on('error', (err) => {
      stderr += `${err.message}\n`;
      finish({ exitCode: null, signal: null, timedOut: false });
    });
    child.on('close', (exitCode, signal) => {
      killGroup(); // what it left running in the background goes with it
      finish({ exitCode, signal, timedOut: false });
    });
  });
}

// ---------------------------------------------------------------------------
// Adapters

/** Where a root sees the host directories a client's command names. */
const USER_BIND_DIR = '/run/dnsorder/user';

/** A word naming a host file: relative, with a `/`, present (absolute paths belong to the root). */
function hostPathWord(parts: TemplatePart[], cwd: string): string | undefined {
  if (parts.length !== 1 || typeof parts[0] !== 'string') return undefined;
  const word = parts[0];
  if (isAbsolute(word) || !word.includes('/')) return undefined;
  const path = resolve(cwd, word);
  try {
    statSync(path);
    return path;
  } catch {
    return undefined;
  }
}

/** In a root: host files the command names, bound under /run/dnsorder/user/N and the words rewritten. */
function bindHostPaths(template: CommandTemplate, cwd: string): { template: CommandTemplate; binds: Bind[] } {
  const binds: Bind[] = [];
  const words = template.words.map((parts) => {
    const path = hostPathWord(parts, cwd);
    if (!path) return parts;
    const dir = dirname(path);
    let bind = binds.find((b) => b.host === dir);
    if (!bind) binds.push((bind = { host: dir, inside: `${USER_BIND_DIR}/${binds.length}` }));
    return [`${bind.inside}/${basename(path)}`];
  });
  return { template: { ...template, words }, binds };
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Whether the program can be found where it will run, or why not. */
function findProgram(program: string, userland: Userland | undefined, cwd: string): string | undefined {
  if (!userland) {
    if (program.includes('/')) return isExecutable(resolve(cwd, program)) ? undefined : `${program} is not an executable file`;
    const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
    return dirs.some((d) => isExecutable(join(d, program))) ? undefined : `${program} is not in PATH`;
  }
  if (program.startsWith(`${USER_BIND_DIR}/`)) return undefined; // a host file, checked when it was bound
  const inRoot = (p: string) => {
    try {
      lstatSync(join(userland.dir!, p));
      return true;
    } catch {
      return false;
    }
  };
  if (program.includes('/')) return inRoot(program) ? undefined : `${program} is not in the ${userland.name} root`;
  const dirs = (userland.environment().PATH ?? '').split(':').filter(Boolean);
  return dirs.some((d) => inRoot(join(d, program))) ? undefined : `${program} is not in the PATH of the ${userland.name} root`;
}

export interface CommandClientSpec {
  /** `NAME` or `NAME@ROOT`. */
  id: string;
  command: string | readonly string[];
  describe?: string;
  /** Shown as the client's version in reports (default: none). */
  version?: string;
  /** `--root NAME=DIR` specs, for `NAME@ROOT` naming one of them. */
  userRoots?: readonly string[];
  /** Directory relative paths in the command are relative to (default: the current one). */
  cwd?: string;
}

/** A ClientAdapter that runs a command template once per request. */
export function commandClient(spec: CommandClientSpec): ClientAdapter {
  const { base, root } = parseClientName(spec.id);
  const parsed = parseCommandTemplate(spec.command);
  const fixed = clientUserland(root, spec.userRoots ?? []);
  const cwd = spec.cwd ?? process.cwd();
  const { template, binds } = fixed ? bindHostPaths(parsed, cwd) : { template: parsed, binds: [] as Bind[] };
  const program = template.words[0]![0] as string;
  return {
    id: fixed ? idIn(base, fixed) : base,
    base,
    userland: fixed?.name ?? HOST,
    discovery: template.discovery,
    describe: spec.describe ?? `user client: ${parsed.source.length > 120 ? `${parsed.source.slice(0, 117)}…` : parsed.source}`,
    async detect(): Promise<Detection> {
      const missing = findProgram(program, fixed, cwd);
      if (missing) return { available: false, reason: `${spec.id}: ${missing}` };
      return { available: true, ...(spec.version ? { version: spec.version } : {}) };
    },
    async prepare(context: RunContext): Promise<PreparedClient> {
      const userland = fixed ?? hostUserland(context.cacheDir);
      return {
        resolve(request: ResolveRequest): Promise<RawRun> {
          const values: TemplateValues = { name: request.name, type: request.qtype, server: context.server.address, port: context.server.port };
          const argv = userland.command(expandTemplate(template, values), { namespace: context.namespace, binds });
          const env = userland.environment({
            DNSORDER_NAME: values.name, DNSORDER_TYPE: values.type, DNSORDER_SERVER: values.server, DNSORDER_PORT: String(values.port),
          });
          return runOnce(argv, env, request.timeoutMs);
        },
        close: async () => {},
      };
    },
  };
}

/** What a `run` client is asked. */
export interface ClientRequest {
  name: string;
  type: 'A' | 'AAAA';
  /** The scenario server (a loopback address and port). */
  server: { address: string; port: number };
  timeoutMs: number;
  /** Aborted when the time limit passed (the result no longer counts). */
  signal: AbortSignal;
}

/** The result contract, the JSON line a command client prints. */
export interface ClientResult {
  /** Addresses in the order the API returned them. */
  addresses: string[];
  /** The canonical name, if the API exposes one; else null or absent. */
  canonical?: string | null;
  /** Set when the lookup failed: `code` as the library names it (EAI_NONAME, NXDOMAIN, …). */
  error?: { code: string; text: string } | null;
}

export interface RunClientSpec {
  id: string;
  run: (request: ClientRequest) => Promise<ClientResult> | ClientResult;
  describe?: string;
  version?: string;
}

const TIMED_OUT = Symbol('timed out');

/** A ClientAdapter around an async function, run in this process (explicit-server: it gets the server's address). */
export function functionClient(spec: RunClientSpec): ClientAdapter {
  const { base, root } = parseClientName(spec.id);
  if (root !== undefined) throw new UsageError('ERR_CLIENT_NAME', `client "${spec.id}": a run() client runs in this process, not in a root`);
  if (typeof spec.run !== 'function') throw new UsageError('ERR_CLIENT_DEFINITION', `client "${spec.id}": run must be a function`);
  return {
    id: base,
    base,
    userland: HOST,
    discovery: 'explicit-server',
    describe: spec.describe ?? 'user client: run() in this process',
    async detect(): Promise<Detection> {
      return { available: true, ...(spec.version ? { version: spec.version } : {}) };
    },
    async prepare(context: RunContext): Promise<PreparedClient> {
      if (context.namespace) {
        throw new DnsorderError('ERR_CLIENT_IN_PROCESS', `${base} runs in this process and cannot reach the scenario server inside network namespace ${context.namespace} (run it beside explicit-server clients only, or with isolation: 'none')`);
      }
      return {
        async resolve(request: ResolveRequest): Promise<RawRun> {
          const started = performance.now();
          const controller = new AbortController();
          let timer: NodeJS.Timeout | undefined;
          const limit = new Promise<typeof TIMED_OUT>((r) => (timer = setTimeout(() => r(TIMED_OUT), request.timeoutMs)));
          const run = (fields: Omit<RawRun, 'result' | 'durationMs'>): RawRun => ({ ...fields, result: parseClientOutput(fields.stdout), durationMs: Math.round(performance.now() - started) });
          try {
            const result = await Promise.race([
              Promise.resolve().then(() => spec.run({
                name: request.name, type: request.qtype, server: { ...context.server }, timeoutMs: request.timeoutMs, signal: controller.signal,
              })),
              limit,
            ]);
            if (result === TIMED_OUT) {
              controller.abort();
              return run({ stdout: '', stderr: '', exitCode: null, signal: null, timedOut: true });
            }
            let line = '';
            try {
              line = JSON.stringify(result) ?? '';
            } catch (err) {
              return run({ stdout: '', stderr: `run() returned a value that is not JSON: ${(err as Error).message}`, exitCode: null, signal: null, timedOut: false });
            }
            return run({ stdout: line, stderr: '', exitCode: 0, signal: null, timedOut: false });
          } catch (err) {
            return run({ stdout: '', stderr: `run() threw: ${err instanceof Error ? err.message : String(err)}`, exitCode: null, signal: null, timedOut: false });
          } finally {
            clearTimeout(timer);
          }
        },
        close: async () => {},
      };
    },
  };
}

export type ClientDefinition = Omit<CommandClientSpec, 'userRoots'> | RunClientSpec;

/**
 * A client of your own for `runMatrix({ extraClients: [...] })` (or `adapters`):
 * `{ id, command }` runs a command template per request (as `--client`),
 * `{ id, run }` calls an async function in this process.
 */
export function defineClient(definition: ClientDefinition): ClientAdapter {
  if (typeof definition !== 'object' || definition === null) throw new UsageError('ERR_CLIENT_DEFINITION', 'defineClient wants { id, command } or { id, run }');
  const hasRun = 'run' in definition && definition.run !== undefined;
  const hasCommand = 'command' in definition && definition.command !== undefined;
  if (hasRun === hasCommand) throw new UsageError('ERR_CLIENT_DEFINITION', `client "${String(definition.id)}": give exactly one of command and run`);
  return hasRun ? functionClient(definition as RunClientSpec) : commandClient(definition as CommandClientSpec);
}

// ---------------------------------------------------------------------------
// `--client NAME=COMMAND` and `--clients-file FILE`

/** A clients file is a few lines of JSON. */
export const CLIENTS_FILE_LIMIT = 1024 * 1024;
const ENTRY_KEYS = new Set(['name', 'command', 'describe', 'version']);

/** `NAME=COMMAND` from the command line. */
export function parseClientOption(spec: string): { name: string; command: string } {
  const eq = spec.indexOf('=');
  if (eq <= 0) throw new UsageError('ERR_CLIENT_NAME', `--client wants NAME=COMMAND, not "${spec}"`);
  return { name: spec.slice(0, eq).trim(), command: spec.slice(eq + 1) };
}

/** The line and column of a character offset. */
function positionAt(file: string, text: string, offset: number): SourcePosition {
  const before = text.slice(0, Math.max(0, Math.min(offset, text.length)));
  const lines = before.split('\n');
  return { file, line: lines.length, column: lines[lines.length - 1]!.length + 1 };
}

/** Where JSON.parse gave up, and why: a scan of JSON's grammar (RFC 8259) that stops at the first error. */
export function jsonSyntaxError(text: string): { offset: number; message: string } {
  let i = 0;
  class Stop {
    constructor(readonly offset: number, readonly message: string) {}
  }
  const what = (at: number) => (at >= text.length ? 'end of input' : `${JSON.stringify(text[at])}`);
  const fail = (expected?: string): never => {
    throw new Stop(i, `unexpected ${what(i)}${expected ? `, expected ${expected}` : ''}`);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    if (text[i] !== '"') fail('a string');
    i++;
    for (;;) {
      if (i >= text.length) fail('the closing quote');
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) fail('no control character in a string');
      if (c === 0x5c) {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail('four hex digits after \\u');
          i += 5;
          continue;
        }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail('an escape');
      }
      i++;
    }
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        if (text[i] !== ':') fail('":"');
        i++;
        value();
        ws();
        if (text[i] === '}') return void i++;
        if (text[i] !== ',') fail('"," or "}"');
        i++;
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ']') return void i++;
        if (text[i] !== ',') fail('"," or "]"');
        i++;
      }
    }
    if (c === '"') return string();
    const literal = /^(true|false|null|-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) fail('a value');
    i += literal![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail('the end of the input');
  } catch (err) {
    if (err instanceof Stop) return { offset: err.offset, message: err.message };
    throw err;
  }
  return { offset: text.length, message: 'not valid JSON' };
}

export interface ClientEntry {
  name: string;
  command: string | string[];
  describe?: string;
  version?: string;
}

/**
 * Reads a clients file:
 * `{ "clients": [ { "name": "NAME[@ROOT]", "command": "template" | ["word", …], "describe"?, "version"? } ] }`.
 */
export function readClientsFile(file: string): ClientEntry[] {
  let text: string;
  try {
    text = readTextBounded(file, Math.min(CLIENTS_FILE_LIMIT, INPUT_LIMITS.list));
  } catch (err) {
    if (err instanceof DnsorderError) throw new UsageError(err.code as ErrorCode, `clients file ${err.message}`); // dnsorder's own (ERR_INPUT_TOO_LARGE)
    throw new UsageError('ERR_CLIENTS_FILE', `cannot read clients file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    // V8's messages do not always carry a position: find the first error ourselves.
    const at = jsonSyntaxError(text);
    throw new UsageError('ERR_CLIENTS_FILE', `not JSON: ${at.message}`, { position: positionAt(file, text, at.offset) });
  }
  const bad = (where: string, what: string) => new UsageError('ERR_CLIENTS_FILE', `${file}: ${where}: ${what}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad('top level', 'want an object { "clients": [ … ] }');
  const top = value as Record<string, unknown>;
  for (const key of Object.keys(top)) if (key !== 'clients') throw bad(key, 'unknown key (the file has only "clients")');
  if (!Array.isArray(top.clients)) throw bad('clients', 'want an array of { "name", "command" }');
  return top.clients.map((entry: unknown, i): ClientEntry => {
    const where = `clients[${i}]`;
    if (typeof entry !== 'object' || entry === null || Array.isArray(entry)) throw bad(where, 'want an object { "name", "command" }');
    const e = entry as Record<string, unknown>;
    for (const key of Object.keys(e)) if (!ENTRY_KEYS.has(key)) throw bad(`${where}.${key}`, `unknown key (known: ${[...ENTRY_KEYS].join(', ')})`);
    if (typeof e.name !== 'string') throw bad(`${where}.name`, 'want a string');
    const commandOk = typeof e.command === 'string' || (Array.isArray(e.command) && e.command.every((w) => typeof w === 'string'));
    if (!commandOk) throw bad(`${where}.command`, 'want a string or an array of strings');
    for (const key of ['describe', 'version'] as const) if (e[key] !== undefined && typeof e[key] !== 'string') throw bad(`${where}.${key}`, 'want a string');
    return {
      name: e.name, command: e.command as string | string[],
      ...(e.describe !== undefined ? { describe: e.describe as string } : {}),
      ...(e.version !== undefined ? { version: e.version as string } : {}),
    };
  });
}

/**
 * The adapters for `--client` and `--clients-file` (file entries first, then
 * the options, in order). Names are unique and no built-in's; each template is
 * checked before anything runs. Errors name the option or the file entry.
 */
export function userClients(options: { client?: readonly string[]; clientsFile?: string; userRoots?: readonly string[] }): ClientAdapter[] {
  const entries: Array<ClientEntry & { where: string }> = [];
  if (options.clientsFile) {
    readClientsFile(options.clientsFile).forEach((e, i) => entries.push({ ...e, where: `${options.clientsFile}: clients[${i}]` }));
  }
  for (const spec of options.client ?? []) entries.push({ ...parseClientOption(spec), where: '--client' });
  const seen = new Set<string>();
  return entries.map((e) => {
    let adapter: ClientAdapter;
    try {
      adapter = commandClient({ id: e.name, command: e.command, describe: e.describe, version: e.version, userRoots: options.userRoots });
    } catch (err) {
      if (err instanceof DnsorderError && e.where !== '--client') throw new UsageError(err.code as ErrorCode, `${e.where}: ${err.message}`); // commandClient's own
      throw err;
    }
    if (seen.has(adapter.id)) throw new UsageError('ERR_CLIENT_NAME', `${e.where}: the client name "${e.name}" is given twice`);
    seen.add(adapter.id);
    return adapter;
  });
}
