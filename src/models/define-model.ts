// The one boundary every model goes through: pick the message the library
// actually parses (the TCP answer when it retries a truncated UDP one), run the
// library's walk, and turn a ModelFault into the library's error value. Any
// other exception is a bug in the model and is left to surface in tests.

import type { ResolverError, ResolverResult } from './resolver-result.js';
import type { ModelOptions, ModelQuestion, ModelSpec, ModelValidation, StubModel } from './types.js';
import { NEEDS_TCP_CODE } from './types.js';
import { ModelFault, readHeader } from './wire-reader.js';

/** `via` says which answer is being read: the UDP one, or the TCP one after a truncated UDP answer. */
export type Walk = (question: ModelQuestion, message: Buffer, via: 'udp' | 'tcp', options: ModelOptions) => ResolverResult;

export function failure(code: string, text: string, addresses: string[] = []): ResolverResult {
  return { addresses, canonical: null, error: { code, text } };
}

export function success(addresses: string[], canonical: string | null): ResolverResult {
  return { addresses, canonical, error: null };
}

/** One line for reports: "glibc 2.36 via glibc-getaddrinfo (host); glibc 2.41 via glibc-getaddrinfo (trixie)". */
export function validationLine(validated: readonly ModelValidation[]): string | null {
  if (validated.length === 0) return null;
  return validated.map((v) => `${v.library} ${v.version} via ${v.client} (${v.suite})`).join('; ');
}

export function defineModel(spec: ModelSpec, walk: Walk): StubModel {
  const info = {
    ...spec,
    validatedAgainst: [...new Set(spec.validated.map((v) => v.client))],
    validatedVersions: validationLine(spec.validated),
  };
  const resolve = (question: ModelQuestion, response: Uint8Array, options: ModelOptions = {}): ResolverResult => {
    let message = Buffer.from(response.buffer, response.byteOffset, response.byteLength);
    let via: 'udp' | 'tcp' = 'udp';
    if (info.retriesOverTcp && readHeader(message)?.tc) {
      if (!options.tcp) {
        return failure(NEEDS_TCP_CODE, `TC is set and ${info.library} retries over TCP: pass the TCP answer as options.tcp`);
      }
      message = Buffer.from(options.tcp.buffer, options.tcp.byteOffset, options.tcp.byteLength);
      via = 'tcp';
    }
    try {
      return walk(question, message, via, options);
    } catch (err) {
      if (err instanceof ModelFault) return { addresses: [], canonical: null, error: asError(err) };
      throw err;
    }
  };
  return Object.freeze({
    ...info,
    covers: info.covers.map((c) => Object.freeze({ ...c, clients: Object.freeze([...c.clients]) as string[] })),
    validated: info.validated.map((v) => Object.freeze({ ...v })),
    resolve,
  });
}

function asError(err: ModelFault): ResolverError {
  return { code: err.code, text: err.message };
}
