// The model registry: `import { models } from 'dnsorder'`.
//   models.list()                   → what each model mirrors and what it was validated against
//   models.get('model-glibc')       → one model (undefined for an unknown id)
//   models.resolve(id, q, bytes)    → what that library returns for these response octets

import { UsageError } from '../errors.js';
import { bsdModel } from './bsd.js';
import { caresModel } from './cares.js';
import { caresLegacyModel } from './cares-legacy.js';
import { dnspythonModel } from './dnspython.js';
import { glibcGetaddrinfoModel } from './glibc-getaddrinfo.js';
import { glibcGethostbynameModel } from './glibc-gethostbyname.js';
import { goModel } from './go.js';
import { jndiModel } from './jndi.js';
import { muslModel } from './musl.js';
import { systemdModel } from './systemd.js';
import type { ModelInfo, ModelOptions, ModelQuestion, ModelResult, StubModel } from './types.js';

export const MODELS: readonly StubModel[] = [
  glibcGetaddrinfoModel, glibcGethostbynameModel, muslModel, caresLegacyModel, caresModel, goModel, systemdModel,
  dnspythonModel, bsdModel, jndiModel,
];

const BY_ID = new Map(MODELS.map((m) => [m.id, m]));
if (BY_ID.size !== MODELS.length) throw new Error('duplicate model id');

export const models = Object.freeze({
  list(): ModelInfo[] {
    return MODELS.map(({ id, title, library, follows, validatedAgainst, validatedVersions, retriesOverTcp }) =>
      ({ id, title, library, follows, validatedAgainst: [...validatedAgainst], validatedVersions, retriesOverTcp }));
  },
  get(id: string): StubModel | undefined {
    return BY_ID.get(id);
  },
  /** Throws UsageError for an unknown id; never throws for bad octets (those are the library's error value). */
  resolve(id: string, question: ModelQuestion, response: Uint8Array, options?: ModelOptions): ModelResult {
    const model = BY_ID.get(id);
    if (!model) throw new UsageError('ERR_UNKNOWN_MODEL', `unknown model "${id}" (known: ${MODELS.map((m) => m.id).join(', ')})`);
    return model.resolve(question, response, options);
  },
});

export type { ModelError, ModelInfo, ModelOptions, ModelQuestion, ModelResult, StubModel } from './types.js';
export { NEEDS_TCP_CODE } from './types.js';
export { exchangeScenario, type ScenarioExchange } from './scenario-exchange.js';
