// Every loader adapter, in report order. Adding a loader: one file, one line here.

import { bindLoader } from './bind.js';
import { dnsorderLoader } from './dnsorder.js';
import { createDnspythonLoader, dnspythonLoader } from './dnspython.js';
import { knotLoader } from './knot.js';
import { ldnsLoader } from './ldns.js';
import { nsdLoader } from './nsd.js';
import { powerdnsLoader } from './powerdns.js';
import type { LoaderAdapter, LoaderId } from './types.js';
import { unboundLoader } from './unbound.js';

export const LOADERS: readonly LoaderAdapter[] = [dnsorderLoader, ldnsLoader, dnspythonLoader, bindLoader, knotLoader, nsdLoader, powerdnsLoader, unboundLoader];

export interface LoaderChoices {
  /** Interpreter for the dnspython loader (default: python3 on PATH). */
  python?: string;
}

/** Every loader, with the user's choices of interpreter applied. */
export function configuredLoaders(choices: LoaderChoices = {}): LoaderAdapter[] {
  if (choices.python === undefined) return [...LOADERS];
  const dnspython = createDnspythonLoader(choices.python);
  return LOADERS.map((loader) => (loader.id === 'dnspython' ? dnspython : loader));
}

export function loaderById(id: LoaderId): LoaderAdapter | undefined {
  return LOADERS.find((l) => l.id === id);
}
