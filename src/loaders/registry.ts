// Every loader adapter, in report order. Adding a loader: one file, one line here.
// Each loader but dnsorder's own is made per userland (the host, or a root of
// another Debian release): one adapter file, run by whichever userland it is
// made for.

import { createBindLoader } from './bind.js';
import { dnsorderLoader } from './dnsorder.js';
import { createDnspythonLoader } from './dnspython.js';
import { createKnotLoader } from './knot.js';
import { createLdnsLoader } from './ldns.js';
import { createNsdLoader } from './nsd.js';
import { createPowerdnsLoader } from './powerdns.js';
import { HOST_USERLAND } from './process.js';
import type { LoaderAdapter, LoaderId } from './types.js';
import { createUnboundLoader } from './unbound.js';
import type { Userland } from '../roots/userland.js';

/** The loaders that run a userland's program, in report order (dnsorder's own comes first, once). */
const PER_USERLAND: ReadonlyArray<(userland: Userland) => LoaderAdapter> = [
  createLdnsLoader, (userland) => createDnspythonLoader(undefined, userland), createBindLoader, createKnotLoader, createNsdLoader, createPowerdnsLoader, createUnboundLoader,
];

/** Every loader of the host. */
export const LOADERS: readonly LoaderAdapter[] = [dnsorderLoader, ...PER_USERLAND.map((create) => create(HOST_USERLAND))];

export interface LoaderChoices {
  /** Interpreter for the host's dnspython loader (default: python3 on PATH); a root's is its /usr/bin/python3. */
  python?: string;
  /** Whose loaders (default: the host's). */
  userlands?: readonly Userland[];
}

/**
 * Every loader, with the user's choices applied: dnsorder's own verifier
 * once, then each other loader in every userland, side by side
 * (ldns, ldns@trixie, dnspython, dnspython@trixie, …).
 */
export function configuredLoaders(choices: LoaderChoices = {}): LoaderAdapter[] {
  const userlands = choices.userlands ?? [HOST_USERLAND];
  const perUserland = userlands.map((userland) => (userland.dir === undefined ? hostLoaders(choices.python) : loadersIn(userland)));
  const out: LoaderAdapter[] = [dnsorderLoader];
  PER_USERLAND.forEach((_, i) => perUserland.forEach((loaders) => out.push(loaders[i]!)));
  return out;
}

function hostLoaders(python: string | undefined): LoaderAdapter[] {
  const host = LOADERS.slice(1);
  if (python === undefined) return host;
  const dnspython = createDnspythonLoader(python);
  return host.map((loader) => (loader.id === 'dnspython' ? dnspython : loader));
}

/** The loaders that run `userland`'s programs (dnsorder's own is not among them), in report order. */
export function loadersIn(userland: Userland): LoaderAdapter[] {
  return userland.dir === undefined ? LOADERS.slice(1) : PER_USERLAND.map((create) => create(userland));
}

export function loaderById(id: LoaderId): LoaderAdapter | undefined {
  return LOADERS.find((l) => l.id === id);
}
