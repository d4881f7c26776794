// Derived from the declarations in types.ts: RDATA text→wire, wire→text,
// validation of generic-form RDATA, and the canonical form (RFC 4034 §6.2 /
// RFC 6840 §5.1). RFC 3597 `\# len hex` is accepted for every type.

import { formatGenericRdata } from './generic.js';
import { typeName } from './registry.js';
import { FieldError, FIELD_ERROR_CODES } from './errors.js';
import { TOKEN_WORD, type Token } from './token.js';
import { wireNameLength } from './name.js';
import { TextCursor } from './text-cursor.js';
import { parseDecimal, parseHex } from './text-values.js';
import { rdataType } from './types.js';
import { typeProblem } from './validate.js';
import { WireReader, WireShortError, WireWriter } from './wire-buffers.js';

const writer = new WireWriter(4096);
const sharedCursor = new TextCursor([], '', undefined);

/**
 * Text→wire for the RDATA tokens starting at `start`. Throws FieldError.
 * With `transient`, the result is a view of a shared buffer, valid until the next call.
 */
export function rdataFromTokens(type: number, tokens: readonly Token[], start: number, origin: Buffer | undefined, transient = false, validate = false): Buffer {
  const rdata = textToRdata(type, tokens, start, origin, transient);
  if (validate) {
    const problem = typeProblem(type, rdata);
    if (problem !== undefined) throw new FieldError(FIELD_ERROR_CODES.badField, `invalid ${typeName(type)}: ${problem}`, start);
  }
  return rdata;
}

function textToRdata(type: number, tokens: readonly Token[], start: number, origin: Buffer | undefined, transient: boolean): Buffer {
  const first = tokens[start];
  if (first !== undefined && first.kind === TOKEN_WORD && first.text === '\\#') return genericFromTokens(type, tokens, start);
  const declaration = rdataType(type);
  if (declaration === undefined) {
    throw new FieldError(FIELD_ERROR_CODES.badGeneric, `${typeName(type)} has no presentation format here: write its RDATA as \\# length hex (RFC 3597)`, start);
  }
  const mnemonic = declaration.mnemonic;
  const cursor = sharedCursor.reset(tokens, mnemonic, origin, start);
  writer.reset();
  const fields = declaration.fields;
  for (let f = 0; f < fields.length; f++) fields[f]!.kind.parse(cursor, writer, fields[f]!.field);
  if (!cursor.atEnd()) throw new FieldError(FIELD_ERROR_CODES.trailingData, `trailing data after ${mnemonic} RDATA: "${tokens[cursor.index]!.text}"`, cursor.index);
  if (writer.pos > 0xffff) throw new FieldError(FIELD_ERROR_CODES.badField, `${mnemonic} RDATA longer than 65535 octets`, start);
  return transient ? transientView(writer.pos) : writer.take();
}

// Views of the writer's buffer by length: most records share a few RDATA
// lengths, and creating a Buffer view per record was a measurable cost.
let viewsOf: Buffer | undefined;
let views: Buffer[] = [];

function transientView(length: number): Buffer {
  if (viewsOf !== writer.buf) {
    viewsOf = writer.buf;
    views = [];
  }
  return (views[length] ??= writer.buf.subarray(0, length));
}

function genericFromTokens(type: number, tokens: readonly Token[], start: number): Buffer {
  const mnemonic = typeName(type);
  const lengthToken = tokens[start + 1];
  if (lengthToken === undefined) throw new FieldError(FIELD_ERROR_CODES.badGeneric, `missing ${mnemonic} generic RDATA length after \\#`, start);
  const length = parseDecimal(lengthToken.text, 0xffff);
  if (length === undefined) throw new FieldError(FIELD_ERROR_CODES.badGeneric, `bad ${mnemonic} generic RDATA length "${lengthToken.text}"`, start + 1);
  let hex = '';
  for (let i = start + 2; i < tokens.length; i++) hex += tokens[i]!.text;
  const rdata = parseHex(hex);
  if (rdata === undefined) throw new FieldError(FIELD_ERROR_CODES.badGeneric, `bad ${mnemonic} generic RDATA: not an even number of hex digits`, start + 2);
  if (rdata.length !== length) {
    throw new FieldError(FIELD_ERROR_CODES.badGeneric, `${mnemonic} generic RDATA says ${length} octets but has ${rdata.length}`, start + 1);
  }
  const problem = rdataProblem(type, rdata);
  if (problem !== undefined) throw new FieldError(FIELD_ERROR_CODES.badGeneric, `${mnemonic} generic RDATA does not fit its type: ${problem}`, start + 2);
  return rdata;
}

/** Why `rdata` is not a valid RDATA of a declared type, or undefined when it is (or the type is undeclared). */
export function rdataProblem(type: number, rdata: Uint8Array): string | undefined {
  const declaration = rdataType(type);
  if (declaration === undefined) return undefined;
  const reader = new WireReader(rdata, 0, rdata.length);
  try {
    for (const { kind } of declaration.fields) kind.skip(reader);
  } catch (err) {
    if (err instanceof WireShortError) return err.message;
    throw err;
  }
  return reader.pos === rdata.length ? undefined : `${rdata.length - reader.pos} octets after the last field`;
}

/** Why `rdata` is not valid RDATA of `type`: its fields' shapes (rdataProblem), then the type's own check (validate.ts). */
export function rdataValidity(type: number, rdata: Uint8Array): string | undefined {
  return rdataProblem(type, rdata) ?? (rdataType(type) === undefined ? undefined : typeProblem(type, rdata));
}

/** Wire→text. With `generic`, or for an undeclared type or RDATA that does not decode, the RFC 3597 form. */
export function rdataToText(type: number, rdata: Uint8Array, options: { generic?: boolean } = {}): string {
  const declaration = options.generic ? undefined : rdataType(type);
  if (declaration !== undefined) {
    const reader = new WireReader(rdata, 0, rdata.length);
    try {
      const parts: string[] = [];
      for (const { kind } of declaration.fields) parts.push(kind.format(reader));
      if (reader.pos === rdata.length) return parts.filter((p) => p !== '').join(' ');
    } catch (err) {
      if (!(err instanceof WireShortError)) throw err;
    }
  }
  return formatGenericRdata(rdata);
}

/**
 * Canonical RDATA (RFC 4034 §6.2 item 3 as amended by RFC 6840 §5.1): names
 * lowercased for the listed types, everything else as is. Returns `rdata`
 * itself when nothing changes (the usual case: no upper-case letter in a name).
 */
export function canonicalRdata(type: number, rdata: Buffer): Buffer {
  const declaration = rdataType(type);
  if (declaration === undefined || !declaration.lowercaseNames) return rdata;
  const steps = declaration.canonicalSteps;
  let out: Buffer | undefined;
  let pos = 0;
  const end = rdata.length;
  for (let s = 0; s < steps.length; s++) {
    const step = steps[s]!;
    if (typeof step === 'number') {
      pos += step;
      if (pos > end) return rdata; // not decodable: hashed as given
    } else if (step === 'name') {
      const len = wireNameLength(rdata, pos, end);
      if (len < 0) return rdata;
      for (let i = pos, stop = pos + len; i < stop; i++) {
        const c = rdata[i]!;
        if (c >= 0x41 && c <= 0x5a) {
          out ??= Buffer.from(rdata);
          out[i] = c + 0x20;
        }
      }
      pos += len;
    } else {
      const reader = new WireReader(rdata, pos, end);
      try {
        step.skip(reader);
      } catch (err) {
        if (err instanceof WireShortError) return rdata;
        throw err;
      }
      pos = reader.pos;
    }
  }
  return out ?? rdata;
}
