// `dnsorder check`: analyze one response (hex or binary), every DNS response
// in a libpcap capture, or every response a resolver logged in a dnstap file,
// and print the order findings of each. Exit 0 when no response violates a
// rule, 1 when any does (or a dnstap frame is not a dnstap message), 2 on
// unreadable input.

import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { analyzeBytes, formatFinding, type BytesAnalysis } from '../order/index.js';
import { readCaptureStream } from '../pcap/read.js';
import { rdataText, recordText } from '../rdata/record-text.js';
import { TOOL } from '../version.js';
import { inputKind, parseHexInput } from './check-input.js';
import { EXIT_FINDINGS, EXIT_OK, notice, type CliCommand } from './command.js';
import { allChunks, openInput, readAtMost, type OpenedInput } from './input.js';
import { numberOptions, PORT } from './options.js';
import { checkOutputPath, emitReport } from './output-file.js';

interface CheckArgs {
  input: string;
  hex?: boolean;
  bin?: boolean;
  pcap?: boolean;
  dnstap?: boolean;
  port: number[];
  'any-port'?: boolean;
  format: 'text' | 'json';
  out?: string;
  'max-input-size'?: number;
}

interface CheckedResponse extends BytesAnalysis {
  index: number;
  frame?: number;
  from?: string;
  to?: string;
  /** From a dnstap file: where the frame is, and what the resolver logged about the message. */
  dnstap?: DnstapOrigin;
}

interface DnstapOrigin {
  offset: number;
  type: string;
  identity: string | null;
  version: string | null;
  protocol: string | null;
  time: string | null;
}

/** What a dnstap file held besides the responses. */
interface DnstapTotals {
  frames: number;
  queries: number;
  responses: number;
  responsesWithoutMessage: number;
  /** Frames that are not dnstap messages (the first MAX_LISTED of them). */
  invalid: Array<{ frame: number; offset: number; code: string; message: string }>;
  invalidCount: number;
  truncatedOctets: number;
  truncatedAt: number | null;
}

interface Analysis {
  responses: CheckedResponse[];
  dnstap?: DnstapTotals;
}

export const checkCommand: CliCommand<CheckArgs> = {
  command: 'check <input>',
  describe: 'analyze the answer order of a response (hex, binary), of every DNS response in a pcap file, or of every response in a dnstap file; - reads stdin',
  builder: (y: Argv) => numberOptions(y
    .positional('input', { type: 'string', demandOption: true, describe: 'file, or - for stdin' })
    .option('hex', { type: 'boolean', describe: 'input is hex text (white space and 0x ignored)' })
    .option('bin', { type: 'boolean', describe: 'input is one raw DNS message (even if it looks like text)' })
    .option('pcap', { type: 'boolean', describe: 'input is a libpcap capture' })
    .option('dnstap', { type: 'boolean', describe: 'input is a dnstap file (Frame Streams; recognised by its first octets anyway)' }), {
    port: { ...PORT, list: true, default: [53], describe: 'server port(s) of DNS responses in a capture (repeat or comma-separate)' },
    'max-input-size': { min: 1, describe: 'largest hex or binary input read, octets (default 1 MiB of hex, 65535 of binary; captures are streamed, any size)' },
  })
    .option('any-port', { type: 'boolean', describe: 'take every UDP datagram in a capture that has the QR bit set' })
    .option('format', { choices: ['text', 'json'] as const, default: 'text' as const, describe: 'report format' })
    .option('out', { type: 'string', describe: 'write the report to FILE instead of stdout' }) as unknown as Argv<CheckArgs>,
  examples: [
    ['dnsorder check fixtures/hex/cname-last.response.hex', 'judge one response given as hex (exit 1: the CNAMEs come last)'],
    ['dnsorder check fixtures/pcap/scenarios.pcap --port 53 --format json', 'every DNS response from port 53 in a capture, as JSON (exit 1: most layouts violate a rule)'],
    ['dnsorder check - --bin < fixtures/bin/canonical.response.bin', 'one binary message from stdin'],
  ],
  exitCodes: { 0: 'no response violates a rule', 1: 'a response violates a rule (or a dnstap frame is not a dnstap message)', 2: 'unreadable input or bad arguments' },
  async run(args, io) {
    if ([args.hex, args.bin, args.pcap, args.dnstap].filter(Boolean).length > 1) {
      throw new UsageError('ERR_USAGE', '--hex, --bin, --pcap and --dnstap are mutually exclusive');
    }
    if (args.out) checkOutputPath(args.out);
    const input = await openInput(args.input, io.stdin);
    const { responses, dnstap } = await analyze(input, args, (m) => notice(io, `dnsorder check: ${m}`));
    let report: string;
    if (args.format === 'json') {
      report = JSON.stringify({
        schema: 'dnsorder.check/v1', tool: TOOL, input: args.input,
        results: responses.map(toJson),
        ...(dnstap ? { dnstap } : {}),
      }, null, 2) + '\n';
    } else {
      const bad = responses.filter((r) => !r.conformant).length;
      report = responses.map(renderText).join('') + (dnstap ? dnstapText(dnstap) : '') + `${responses.length} response(s), ${bad} with violations` +
        (dnstap ? `; ${dnstap.queries} query message(s) counted, ${dnstap.invalidCount} frame(s) not dnstap messages` : '') + '\n';
    }
    emitReport(io, args.out, report);
    return responses.some((r) => !r.conformant) || (dnstap?.invalidCount ?? 0) > 0 ? EXIT_FINDINGS : EXIT_OK;
  },
};

/** Hex text: a 65,535-octet message is 131,070 digits; room for spaces, 0x prefixes and line breaks. */
const DEFAULT_MAX_TEXT_INPUT = 1024 * 1024;
/** A DNS message is at most 65,535 octets (its length field over TCP is 16 bits). */
const MAX_MESSAGE = 0xffff;

async function analyze(input: OpenedInput, args: CheckArgs, warn: (message: string) => void): Promise<Analysis> {
  const format = inputKind(input.head, args, args.input);
  if (format === 'hex') {
    const text = await readAtMost(input, args['max-input-size'] ?? DEFAULT_MAX_TEXT_INPUT, 'hex input');
    return { responses: [{ index: 1, ...analyzeBytes(parseHexInput(text.toString('latin1'))) }] };
  }
  if (format === 'bin') {
    const data = await readAtMost(input, Math.min(args['max-input-size'] ?? MAX_MESSAGE, MAX_MESSAGE), 'one DNS message');
    if (data.length === 0) throw new UsageError('ERR_EMPTY_INPUT', 'input is empty');
    return { responses: [{ index: 1, ...analyzeBytes(data) }] };
  }
  if (format === 'dnstap') return analyzeDnstap(input, warn);
  // A capture of any size, read record by record.
  const ports = new Set(args.port);
  const stats = { fragments: 0 };
  const responses: CheckedResponse[] = [];
  for await (const d of readCaptureStream(allChunks(input), stats)) {
    if (d.payload.length < 12 || (d.payload[2]! & 0x80) === 0 || !(args['any-port'] || ports.has(d.sourcePort))) continue;
    responses.push({
      index: responses.length + 1, frame: d.frame, from: `${d.source}:${d.sourcePort}`, to: `${d.destination}:${d.destinationPort}`,
      ...analyzeBytes(d.payload),
    });
  }
  if (stats.fragments > 0) warn(`${stats.fragments} IP fragment(s) skipped: fragmented answers are not reassembled`);
  if (responses.length === 0) {
    const skipped = stats.fragments ? ` (${stats.fragments} fragment(s) skipped)` : '';
    throw new UsageError('ERR_NO_RESPONSES', args['any-port']
      ? `no DNS response in the capture${skipped}: no UDP datagram with the QR bit set`
      : `no DNS response from port ${[...ports].join(', ')} in the capture${skipped}; try --port or --any-port`);
  }
  return { responses };
}

/** Invalid frames listed one by one; past this many they are only counted. */
const MAX_LISTED = 1000;

/**
 * A dnstap file of any size, read frame by frame (a frame is at most 256 KiB):
 * every *_RESPONSE judged, queries counted, frames that are not dnstap
 * messages listed with their offsets. The protobuf library loads here only.
 */
async function analyzeDnstap(input: OpenedInput, warn: (message: string) => void): Promise<Analysis> {
  const { readDnstapFile } = await import('../dnstap/file.js');
  const summary = { frames: 0, streams: 0, truncatedOctets: 0, truncatedAt: undefined as number | undefined };
  const totals: DnstapTotals = { frames: 0, queries: 0, responses: 0, responsesWithoutMessage: 0, invalid: [], invalidCount: 0, truncatedOctets: 0, truncatedAt: null };
  const responses: CheckedResponse[] = [];
  for await (const item of readDnstapFile(allChunks(input), summary)) {
    if (item.kind === 'invalid') {
      totals.invalidCount++;
      if (totals.invalid.length < MAX_LISTED) totals.invalid.push({ frame: item.frame, offset: item.offset, code: item.code, message: item.message });
      continue;
    }
    const r = item.record;
    if (!r.response) {
      totals.queries++;
      continue;
    }
    totals.responses++;
    if (r.responseMessage === undefined) {
      totals.responsesWithoutMessage++;
      continue;
    }
    const time = r.responseTime ?? r.queryTime;
    responses.push({
      index: responses.length + 1, frame: item.frame,
      from: r.responseAddress !== undefined ? `${r.responseAddress}:${r.responsePort ?? '?'}` : undefined,
      to: r.queryAddress !== undefined ? `${r.queryAddress}:${r.queryPort ?? '?'}` : undefined,
      dnstap: {
        offset: item.offset, type: r.type, identity: r.identity ?? null, version: r.version ?? null, protocol: r.protocol ?? null,
        time: time !== undefined ? new Date(time * 1000).toISOString() : null,
      },
      // Copied: the frame's octets share a read buffer with the frames around it.
      ...analyzeBytes(Buffer.from(r.responseMessage)),
    });
  }
  totals.frames = summary.frames;
  totals.truncatedOctets = summary.truncatedOctets;
  totals.truncatedAt = summary.truncatedAt ?? null;
  if (summary.truncatedOctets > 0) warn(`the last frame (at octet ${summary.truncatedAt}) is cut short: ${summary.truncatedOctets} octet(s) left unread (a file still being written?)`);
  if (totals.invalidCount > 0) warn(`${totals.invalidCount} frame(s) are not dnstap messages (listed in the report)`);
  if (responses.length === 0) {
    throw new UsageError('ERR_NO_RESPONSES', `no response message in the dnstap file (${totals.frames} frame(s), ${totals.queries} query message(s)${totals.invalidCount ? `, ${totals.invalidCount} not dnstap` : ''}): ` +
      'have the resolver log responses (unbound dnstap-log-client-response-messages: yes; BIND dnstap { client response; })');
  }
  return { responses, dnstap: totals };
}

function dnstapText(t: DnstapTotals): string {
  const lines = t.invalid.map((i) => `frame ${i.frame} (at octet ${i.offset}): not a dnstap message: ${i.message} [${i.code}]`);
  if (t.invalidCount > t.invalid.length) lines.push(`… and ${t.invalidCount - t.invalid.length} more frame(s) that are not dnstap messages`);
  if (t.responsesWithoutMessage > 0) lines.push(`${t.responsesWithoutMessage} response message(s) logged without the DNS message (not judged)`);
  return lines.map((l) => `${l}\n`).join('');
}

function renderText(r: CheckedResponse): string {
  const where = r.dnstap ? ` (frame ${r.frame} at octet ${r.dnstap.offset}, ${r.dnstap.type}${r.from ? `, ${r.from} → ${r.to ?? '?'}` : ''}` +
      `${r.dnstap.identity ? `, ${r.dnstap.identity}${r.dnstap.version ? ` ${r.dnstap.version}` : ''}` : ''})`
    : r.frame !== undefined ? ` (frame ${r.frame}, ${r.from} → ${r.to})` : '';
  const q = r.question ? ` ${r.question.name} ${r.question.type}` : '';
  const id = r.message ? ` id ${r.message.id}` : '';
  const violations = r.findings.filter((f) => f.severity === 'violation').length;
  const warnings = r.findings.length - violations;
  const lines = [`response ${r.index}${where}${id}${q}: ${r.conformant ? 'conformant' : 'NOT conformant'}, ${violations} violation(s), ${warnings} warning(s)`];
  if (r.message) {
    r.message.answers.forEach((a, i) => lines.push(`  [${i}] ${recordText(a)}`));
  }
  for (const f of r.findings) {
    lines.push(`  ${formatFinding(f)}`);
  }
  return lines.join('\n') + '\n';
}

function toJson(r: CheckedResponse) {
  return {
    response: r.index, frame: r.frame ?? null, from: r.from ?? null, to: r.to ?? null,
    id: r.message?.id ?? null, question: r.question ?? null, conformant: r.conformant,
    answer: r.message?.answers.map((a) => ({ name: a.name, type: a.type, ttl: a.ttl, data: rdataText(a.type, a.data) })) ?? null,
    findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, records: f.records, message: f.message, spec: f.spec.ref })),
    error: r.error ?? null,
    ...(r.dnstap ? { dnstap: r.dnstap } : {}),
  };
}
