// model-cares-resolve — c-ares 1.26 and later (1.34.x) as Node's
// dns.Resolver resolve4/resolve6 reach it: the API of `node-cares`.
//
// Node (src/cares_wrap.cc QueryAWrap / QueryAaaaWrap) sends the question with
// ares_query/ares_send and hands the reply to ares_parse_a_reply /
// ares_parse_aaaa_reply (src/lib/ares_parse_a_reply.c), which read it with the
// same parser as ares_getaddrinfo (model-cares: readCaresAnswer, strict
// ares_dns_parse, no owner check since 1.26) and then shape it differently:
//  - ares_parse_into_addrinfo runs with cname_only_is_enodata = false, and
//    ares_addrinfo2hostent fails with ENODATA only when there is neither an
//    address of the asked family nor an alias: an answer of CNAMEs only is a
//    success with no address (measured: node-cares returns [] and no error on
//    cname-loop and dangling-cname, where model-cares says ARES_ENODATA);
//  - only addresses of the asked family are kept (ares_addrinfo2hostent);
//  - resolve4/resolve6 return addresses only: no canonical name reaches the
//    caller, so this model's canonical is always null. A reversed chain cannot
//    be `wrong-canonical` here (measured: node-cares is `ok` on
//    chain-reversed, cname-last-reversed and chain-reversed-aaaa, host 1.34.6
//    and trixie 1.34.5, where cares-system@trixie's ares_getaddrinfo is
//    `wrong-canonical`);
//  - errors carry Node's names, the c-ares status without its ARES_ prefix
//    (cares_wrap.cc ToErrorCodeString: ENODATA, EBADRESP, ENOTFOUND, ...), and
//    its message "queryA ENODATA <name>".

import { defineModel, failure, success } from './define-model.js';
import { readCaresAnswer } from './cares.js';
import type { ModelOptions, ModelQuestion, StubModel } from './types.js';
import type { ResolverResult } from './resolver-result.js';

const walked = defineModel({
  id: 'model-cares-resolve',
  title: "c-ares 1.26 and later (1.34), Node's resolve4/resolve6",
  library: 'c-ares >= 1.26 ares_query + ares_parse_a_reply / ares_parse_aaaa_reply (Node dns.Resolver resolve4/resolve6)',
  follows: 'c-ares/c-ares src/lib/ares_parse_a_reply.c ares_parse_a_reply (ares_parse_into_addrinfo, cname_only_is_enodata false; ares_addrinfo2hostent), c-ares 1.34.x; nodejs/node src/cares_wrap.cc',
  covers: [{ library: 'c-ares', versions: '>=1.26 <1.35', clients: ['node-cares'] }],
  validated: [
    { client: 'node-cares', library: 'c-ares', version: '1.34.6', suite: 'host' },
    { client: 'node-cares', library: 'c-ares', version: '1.34.5', suite: 'trixie' },
  ],
  retriesOverTcp: true,
}, (question, message) => {
  const answer = readCaresAnswer(message);
  if ('status' in answer) return failure(answer.status, answer.text);
  const addresses = answer.nodes.filter((n) => n.type === question.type).map((n) => n.address);
  if (addresses.length === 0 && answer.cnames === 0) return failure('ARES_ENODATA', 'DNS server returned answer with no data');
  return success(addresses, null);
});

/** Node names a c-ares status without its prefix and says which query failed for which name. */
function asNodeError(question: ModelQuestion, result: ResolverResult): ResolverResult {
  if (!result.error?.code.startsWith('ARES_')) return result;
  const code = result.error.code.slice('ARES_'.length);
  const syscall = question.type === 'AAAA' ? 'queryAaaa' : 'queryA';
  return { ...result, error: { code, text: `${syscall} ${code} ${question.name}` } };
}

export const caresResolveModel: StubModel = Object.freeze({
  ...walked,
  resolve: (question: ModelQuestion, response: Uint8Array, options?: ModelOptions) => asNodeError(question, walked.resolve(question, response, options)),
});
