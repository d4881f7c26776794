// `dnsorder check`: analyze one response (hex or binary) or every DNS response
// in a libpcap capture, and print the order findings of each. Exit 0 when no
// response violates a rule, 1 when any does, 2 on unreadable input.

import type { Argv } from 'yargs';
import { UsageError } from '../errors.js';
import { analyzeBytes, formatFinding, type BytesAnalysis } from '../order/index.js';
import { readCaptureStream } from '../pcap/read.js';
import { rdataText } from '../wire/present.js';
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
}

export const checkCommand: CliCommand<CheckArgs> = {
  command: 'check <input>',
  describe: 'analyze the answer order of a response (hex, binary) or of every DNS response in a pcap file; - reads stdin',
  builder: (y: Argv) => numberOptions(y
    .positional('input', { type: 'string', demandOption: true, describe: 'file, or - for stdin' })
    .option('hex', { type: 'boolean', describe: 'input is hex text (white space and 0x ignored)' })
    .option('bin', { type: 'boolean', describe: 'input is one raw DNS message (even if it looks like text)' })
    .option('pcap', { type: 'boolean', describe: 'input is a libpcap capture' }), {
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
  exitCodes: { 0: 'no response violates a rule', 1: 'a response violates a rule', 2: 'unreadable input or bad arguments' },
  async run(args, io) {
    if ([args.hex, args.bin, args.pcap].filter(Boolean).length > 1) {
      throw new UsageError('ERR_USAGE', '--hex, --bin and --pcap are mutually exclusive');
    }
    if (args.out) checkOutputPath(args.out);
    const input = await openInput(args.input, io.stdin);
    const responses = await analyze(input, args, (m) => notice(io, `dnsorder check: ${m}`));
    let report: string;
    if (args.format === 'json') {
      report = JSON.stringify({
        schema: 'dnsorder.check/v1', tool: TOOL, input: args.input,
        results: responses.map(toJson),
      }, null, 2) + '\n';
    } else {
      const bad = responses.filter((r) => !r.conformant).length;
      report = responses.map(renderText).join('') + `${responses.length} response(s), ${bad} with violations\n`;
    }
    emitReport(io, args.out, report);
    return responses.some((r) => !r.conformant) ? EXIT_FINDINGS : EXIT_OK;
  },
};

/** Hex text: a 65,535-octet message is 131,070 digits; room for spaces, 0x prefixes and line breaks. */
const DEFAULT_MAX_TEXT_INPUT = 1024 * 1024;
/** A DNS message is at most 65,535 octets (its length field over TCP is 16 bits). */
const MAX_MESSAGE = 0xffff;

async function analyze(input: OpenedInput, args: CheckArgs, warn: (message: string) => void): Promise<CheckedResponse[]> {
  const format = inputKind(input.head, args, args.input);
  if (format === 'hex') {
    const text = await readAtMost(input, args['max-input-size'] ?? DEFAULT_MAX_TEXT_INPUT, 'hex input');
    return [{ index: 1, ...analyzeBytes(parseHexInput(text.toString('latin1'))) }];
  }
  if (format === 'bin') {
    const data = await readAtMost(input, Math.min(args['max-input-size'] ?? MAX_MESSAGE, MAX_MESSAGE), 'one DNS message');
    if (data.length === 0) throw new UsageError('ERR_EMPTY_INPUT', 'input is empty');
    return [{ index: 1, ...analyzeBytes(data) }];
  }
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
  return responses;
}

function renderText(r: CheckedResponse): string {
  const where = r.frame !== undefined ? ` (frame ${r.frame}, ${r.from} → ${r.to})` : '';
  const q = r.question ? ` ${r.question.name} ${r.question.type}` : '';
  const id = r.message ? ` id ${r.message.id}` : '';
  const violations = r.findings.filter((f) => f.severity === 'violation').length;
  const warnings = r.findings.length - violations;
  const lines = [`response ${r.index}${where}${id}${q}: ${r.conformant ? 'conformant' : 'NOT conformant'}, ${violations} violation(s), ${warnings} warning(s)`];
  if (r.message) {
    r.message.answers.forEach((a, i) => lines.push(`  [${i}] ${a.name} ${a.ttl} ${a.type} ${rdataText(a.data)}`));
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
    answer: r.message?.answers.map((a) => ({ name: a.name, type: a.type, ttl: a.ttl, data: rdataText(a.data) })) ?? null,
    findings: r.findings.map((f) => ({ rule: f.rule, severity: f.severity, records: f.records, message: f.message, spec: f.spec.ref })),
    error: r.error ?? null,
  };
}
