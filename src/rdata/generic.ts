// RFC 3597 §5 generic RDATA presentation: `\# <length> <hex>`.

import { EncodeError } from '../errors.js';

export function formatGenericRdata(rdata: Uint8Array): string {
  const hex = Buffer.from(rdata).toString('hex').toUpperCase();
  return rdata.length === 0 ? '\\# 0' : `\\# ${rdata.length} ${hex}`;
}

/** Parses `\# len hex...` (hex may be split by white space). */
export function parseGenericRdata(text: string): Buffer {
  const tokens = text.trim().split(/\s+/);
  if (tokens[0] !== '\\#') throw new EncodeError('ERR_BAD_GENERIC_RDATA', 'generic RDATA must start with \\#');
  const lengthText = tokens[1];
  if (lengthText === undefined || !/^[0-9]+$/.test(lengthText)) {
    throw new EncodeError('ERR_BAD_GENERIC_RDATA', 'generic RDATA needs a decimal length after \\#');
  }
  const length = Number(lengthText);
  const hex = tokens.slice(2).join('');
  if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length % 2 !== 0) {
    throw new EncodeError('ERR_BAD_GENERIC_RDATA', 'generic RDATA hex must be an even number of hex digits');
  }
  if (hex.length / 2 !== length) {
    throw new EncodeError('ERR_BAD_GENERIC_RDATA', `generic RDATA says ${length} octets but has ${hex.length / 2}`);
  }
  if (length > 0xffff) throw new EncodeError('ERR_BAD_GENERIC_RDATA', 'generic RDATA longer than 65535 octets');
  return Buffer.from(hex, 'hex');
}
