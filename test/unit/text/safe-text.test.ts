// Error lines quote input; input can hold terminal escapes and be enormous.
import { describe, expect, it } from 'vitest';
import { DnsorderError } from '../../../src/errors.js';
import { MAX_MESSAGE, MAX_QUOTED, printable, safeMessage } from '../../../src/text/safe-text.js';
import { readZoneText } from '../../../src/zone/index.js';

const ESC = '\u001b';

describe('safe error text', () => {
  it('escapes control characters as \\DDD and bidi overrides as \\u{…}, and keeps other text', () => {
    expect(printable(`a${ESC}[2Jb\u0000\u007f\u009b\u202e é ü ok`)).toBe('a\\027[2Jb\\000\\127\\155\\u{202e} é ü ok');
  });

  it('cuts long quoted input, saying how much was left out, and bounds the whole line', () => {
    const line = safeMessage(`bad name "${'x'.repeat(10_000_000)}" here`);
    expect(line).toBe(`bad name "${'x'.repeat(MAX_QUOTED)}…" (${10_000_000 - MAX_QUOTED} more characters) here`);
    const unquoted = safeMessage('y'.repeat(5000));
    expect(unquoted.length).toBeLessThan(MAX_MESSAGE + 40);
    expect(unquoted).toContain('(3000 more characters)');
  });

  it('every DnsorderError message is safe, whoever built it', () => {
    const error = new DnsorderError('ERR_TEST', `token "${ESC}]0;owned${'\u0007'}"`, { position: { file: `z${ESC}.zone`, line: 1, column: 2 } });
    expect(error.message).not.toMatch(/[\u0000-\u001f]/);
    expect(error.message).toBe('z\\027.zone:1:2: token "\\027]0;owned\\007"');
  });

  const zoneError = (text: string): Error => {
    try {
      readZoneText(`$ORIGIN example.\n@ 3600 IN SOA ns hostmaster 1 2 3 4 5\n${text}\n`, { origin: 'example.', fileLabel: 'hostile.zone' });
    } catch (error) {
      expect(error).toBeInstanceOf(DnsorderError);
      return error as Error;
    }
    throw new Error('the zone was accepted');
  };

  it('a zone file with an escape sequence in a token gives an escape-free error', () => {
    const { message } = zoneError(`www 3600 IN FOO${ESC}[31m x`);
    expect(message).not.toContain(ESC);
    expect(message).toMatch(/^hostile\.zone:3:\d+: .*FOO\\027\[31m/);
  });

  it('a 1-million-character token gives a short error that says how much it left out', () => {
    const { message } = zoneError(`www 3600 IN A ${'1'.repeat(1_000_000)}`);
    expect(message.length).toBeLessThanOrEqual(MAX_MESSAGE);
    expect(message).toMatch(/^hostile\.zone:3:\d+: /);
    expect(message).toContain(`(${1_000_000 - MAX_QUOTED} more characters)`);
  });
});
