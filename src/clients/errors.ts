// Failures of the client layer, each with a stable code.
import { CodedError } from '../errors.js';

/** A probe program could not be built (compiler error, missing toolchain). */
export class ClientBuildError extends CodedError {
  constructor(client: string, message: string, options: { cause?: unknown } = {}) {
    super('ERR_CLIENT_BUILD', `${client}: ${message}`, options);
  }
}

/** The network namespace for system-config clients could not be set up or torn down. */
export class NamespaceError extends CodedError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super('ERR_NAMESPACE', message, options);
  }
}
