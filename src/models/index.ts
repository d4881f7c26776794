// The model registry: `import { models } from 'dnsorder'`.
//   models.list()                   → what each model mirrors and what it was validated against
//   models.get('model-glibc')       → one model (undefined for an unknown id)
//   models.resolve(id, q, bytes)    → what that library returns for these response octets
//   models.match(client)            → the model of the library VERSION a real client detected (match.ts)

import { DnsorderError, UsageError } from '../errors.js';
import { bsdModel } from './bsd.js';
import { caresModel } from './cares.js';
import { caresResolveModel } from './cares-resolve.js';
import { chromiumModel } from './chromium.js';
import { caresLegacyModel } from './cares-legacy.js';
import { dnspythonModel } from './dnspython.js';
import { glibcGetaddrinfoModel } from './glibc-getaddrinfo.js';
import { glibcGethostbynameModel } from './glibc-gethostbyname.js';
import { go124Model, goModel } from './go.js';
import { hickoryModel } from './hickory.js';
import { jndiModel } from './jndi.js';
import { matchModel, type MatchableClient, type ModelMatch } from './match.js';
import { musl125Model, muslModel } from './musl.js';
import { perlNetDns157Model, perlNetDnsModel } from './perl-net-dns.js';
import { rubyResolv03Model, rubyResolvModel } from './ruby-resolv.js';
import { systemdModel } from './systemd.js';
import type { ResolverResult } from './resolver-result.js';
import type { ModelInfo, ModelOptions, ModelQuestion, StubModel } from './types.js';

// Existing ids keep their place; models of newer library versions come after them.
export const MODELS: readonly StubModel[] = [
  glibcGetaddrinfoModel, glibcGethostbynameModel, muslModel, caresLegacyModel, caresModel, goModel, systemdModel,
  dnspythonModel, bsdModel, jndiModel, musl125Model, go124Model,
  rubyResolvModel, rubyResolv03Model, perlNetDnsModel, perlNetDns157Model, chromiumModel,
  hickoryModel, caresResolveModel,
];

const BY_ID = new Map(MODELS.map((m) => [m.id, m]));
if (BY_ID.size !== MODELS.length) throw new DnsorderError('ERR_MODEL_DUPLICATE', 'duplicate model id');

export const models = Object.freeze({
  list(): ModelInfo[] {
    return MODELS.map(({ id, title, library, follows, validatedAgainst, validatedVersions, retriesOverTcp, covers, validated, unvalidated, asks }) =>
      ({ id, title, library, follows, validatedAgainst: [...validatedAgainst], validatedVersions, retriesOverTcp,
        covers: covers.map((c) => ({ ...c, clients: [...c.clients], ...(c.view ? { view: { ...c.view } } : {}) })), validated: validated.map((v) => ({ ...v })),
        ...(unvalidated ? { unvalidated } : {}), ...(asks ? { asks: [...asks] } : {}) }));
  },
  get(id: string): StubModel | undefined {
    return BY_ID.get(id);
  },
  /** The model of the library version a real client detected ({ model: undefined, reason } when none covers it). */
  match(client: MatchableClient): ModelMatch {
    return matchModel(client, MODELS);
  },
  /** Throws UsageError for an unknown id; never throws for bad octets (those are the library's error value). */
  resolve(id: string, question: ModelQuestion, response: Uint8Array, options?: ModelOptions): ResolverResult {
    const model = BY_ID.get(id);
    if (!model) throw new UsageError('ERR_UNKNOWN_MODEL', `unknown model "${id}" (known: ${MODELS.map((m) => m.id).join(', ')})`);
    return model.resolve(question, response, options);
  },
});

export type { ModelCoverage, ModelInfo, ModelLibrary, ModelOptions, ModelQuestion, ModelValidation, RelatedType, StubModel } from './types.js';
export type { ResolverError, ResolverResult, ResultView } from './resolver-result.js';
export { viewResult } from './resolver-result.js';
export { compareVersions, matchModel, parseDetectedVersion, versionInRange, type DetectedVersion, type MatchableClient, type ModelMatch } from './match.js';
export { NEEDS_TCP_CODE } from './types.js';
