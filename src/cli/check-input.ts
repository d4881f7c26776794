// What `dnsorder check` was given: a capture, hex text, one binary DNS
// message — or text that is none of these (a README, a zone file, a log),
// which is unreadable input (exit 2), not a malformed message to report on.

import { isFrameStream } from '../dnstap/framestream.js';
import { UsageError } from '../errors.js';
import { isCapture } from '../pcap/read.js';

export type InputKind = 'hex' | 'bin' | 'pcap' | 'dnstap';

export interface InputKindFlags {
  hex?: boolean;
  bin?: boolean;
  pcap?: boolean;
  dnstap?: boolean;
}

const HEX_TEXT = /^[\s0-9a-fA-Fx:]*$/;
/** Share of printable characters (or white space) above which input is text. */
const TEXT_SHARE = 0.95;
/** Octets judged: enough to tell, without walking a large log character by character. */
const SAMPLE_OCTETS = 1 << 16;

export function inputKind(data: Buffer, flags: InputKindFlags, name: string): InputKind {
  if (flags.hex) return 'hex';
  if (flags.bin) return 'bin';
  if (flags.pcap) return 'pcap';
  if (flags.dnstap) return 'dnstap';
  if (isCapture(data)) return 'pcap';
  if (isFrameStream(data)) return 'dnstap';
  const latin1 = data.toString('latin1');
  if (HEX_TEXT.test(latin1)) return 'hex';
  if (looksLikeText(data)) {
    throw new UsageError('ERR_NOT_DNS_INPUT', `${name === '' || name === '-' ? 'stdin' : name} is text, neither hex nor a DNS message (--hex says why it is not hex; --bin reads it as a message anyway)`);
  }
  return 'bin';
}

/**
 * Text, not a DNS message: valid UTF-8 without a NUL octet, at least 95 %
 * printable characters or white space (judged on the first 64 KiB). A DNS
 * message nearly always has a NUL: its counts are 16-bit numbers below 256
 * and every uncompressed name ends in the zero-length root label (the
 * question's name is never compressed), so a real message is all but never
 * taken for text; --bin forces binary anyway.
 */
export function looksLikeText(data: Buffer): boolean {
  if (data.length === 0 || data.includes(0)) return false;
  let text: string;
  try {
    // stream: a sample cut inside a multi-octet character is not invalid UTF-8.
    text = new TextDecoder('utf-8', { fatal: true }).decode(data.subarray(0, SAMPLE_OCTETS), { stream: true });
  } catch {
    return false;
  }
  const chars = [...text];
  const printable = chars.filter((c) => /[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}\t\n\r\f]/u.test(c)).length;
  return printable >= TEXT_SHARE * chars.length;
}

export function parseHexInput(text: string): Buffer {
  const cleaned = text.replace(/0x/gi, '').replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(cleaned)) throw new UsageError('ERR_BAD_HEX', 'hex input has characters that are not hex digits');
  if (cleaned.length % 2 !== 0) throw new UsageError('ERR_BAD_HEX', `hex input has an odd number of digits (${cleaned.length})`);
  if (cleaned.length === 0) throw new UsageError('ERR_BAD_HEX', 'hex input is empty');
  return Buffer.from(cleaned, 'hex');
}
