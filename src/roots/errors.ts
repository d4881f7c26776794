// Failures of the root layer (building, finding or entering a root filesystem), each with a stable code.
import { CodedError } from '../errors.js';

export class RootError extends CodedError {}
