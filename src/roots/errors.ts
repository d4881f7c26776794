// Failures of the root layer (building, finding or entering a root filesystem), each with a stable code.
import { DnsorderError } from '../errors.js';

export class RootError extends DnsorderError {}
