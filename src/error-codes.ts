// Every error code dnsorder reports, once, as undici keeps lib/core/errors.js:
// the code, the class whose `code` it is, and what it means. An error line
// `dnsorder: message [CODE]` (or `file:line:column: message [CODE]`) is looked up here;
// every one of them exits 2 unless the command's --help says otherwise.
//
// `class` names the DnsorderError subclass(es) thrown with the code (catch
// those, switch on `code`); null marks a code that is not an error object's:
// a line the CLI prints itself, or an outcome a client reports. A zone file's
// problems (ERR_ZONE_* from the parser) arrive together in one ZoneFileError,
// whose `code` is its first problem's and whose `errors` are ZoneSyntaxErrors.
//
// test/unit/repository/error-codes.test.ts keeps this table and src/ in step:
// a code used in src/ and missing here, or listed here and used nowhere, fails.

/** The classes that carry the codes below (strings: importing them all here would load half of dnsorder). */
export type ErrorClassName =
  | 'DnsorderError' | 'UsageError' | 'EncodeError' | 'WireFormatError'
  | 'AtlasError' | 'NotJsonResultsError' | 'CaptureError' | 'ClientBuildError' | 'NamespaceError' | 'ResolvedError'
  | 'CollectorError' | 'DnstapError' | 'FrameStreamError' | 'LoaderZonesError' | 'ProbeError' | 'RootError' | 'ServerError'
  | 'VariantSourceError' | 'ZonemdComputeError' | 'ZoneSyntaxError' | 'ZoneLimitError';

export interface ErrorCodeEntry {
  /** Who throws it: one class, several, or null (not an error object's code). */
  readonly class: ErrorClassName | readonly ErrorClassName[] | null;
  /** One line: what went wrong, for a user reading the error line. */
  readonly meaning: string;
}

export const ERROR_CODES = {
  // --- command line and input files ---------------------------------------------------------------
  ERR_USAGE: { class: ['UsageError', 'CollectorError'], meaning: 'the arguments do not make a command: a missing or contradictory option, an unknown name; --help shows the usage' },
  ERR_BAD_NUMBER: { class: 'UsageError', meaning: 'an option that takes a number (or an octal mode, a probe id) got something else or a value out of range' },
  ERR_BAD_TIME: { class: 'UsageError', meaning: '--time is not in a form the command reads (YYYYMMDDHHmmSS, ISO 8601, as-published or now where allowed)' },
  ERR_FORMAT: { class: 'UsageError', meaning: 'the command cannot render that --format (its --help lists the ones it can)' },
  ERR_INPUT: { class: 'UsageError', meaning: 'an input file or directory cannot be read (the line says why: missing, permissions, not a directory)' },
  ERR_INPUT_TOO_LARGE: { class: ['UsageError', 'DnsorderError'], meaning: 'an input is larger than the bound for its kind (--max-input-size raises it where the command has it)' },
  ERR_INPUT_CHANGED: { class: 'DnsorderError', meaning: 'the zone file changed while it was read twice: the digest written is of the first read and not to be trusted' },
  ERR_EMPTY_INPUT: { class: 'UsageError', meaning: 'check was given an empty input' },
  ERR_NOT_DNS_INPUT: { class: 'UsageError', meaning: 'check was given text that is neither hex nor a DNS message (--hex says why it is not hex, --bin reads it as a message anyway)' },
  ERR_BAD_HEX: { class: 'UsageError', meaning: 'hex input has non-hex characters, an odd number of digits, or none' },
  ERR_NO_RESPONSES: { class: 'UsageError', meaning: 'the capture or dnstap file holds no DNS response to check (try --port or --any-port for a capture)' },
  ERR_OUTPUT: { class: 'DnsorderError', meaning: 'an output file or directory cannot be written (the line says why; nothing half-written is left behind)' },
  ERR_IO: { class: null, meaning: 'a system call failed outside dnsorder\'s own checks: the line names the operation, the path or address, and the reason' },
  ERR_INTERNAL: { class: 'DnsorderError', meaning: 'a bug in dnsorder (a broken invariant, an unexpected exception): please report it with the command line' },
  ERR_SCENARIO_LAYOUT: { class: 'DnsorderError', meaning: 'a scenario definition\'s layout names a CNAME hop its chain does not have' },
  ERR_FIXTURE: { class: 'DnsorderError', meaning: 'fixtures: a scenario does not answer its own query name whole over UDP (a bug in the scenario catalogue)' },
  ERR_NO_SCENARIOS: { class: 'UsageError', meaning: 'matrix: --scenarios matches no scenario' },
  ERR_BASELINE: { class: 'UsageError', meaning: 'matrix: the --baseline file cannot be read or is not a matrix report' },
  ERR_EXPECTATIONS: { class: 'UsageError', meaning: 'matrix: the --expectations file cannot be read, is not JSON (file:line:column), or has an entry of the wrong shape (its JSON path says which)' },
  ERR_NO_CLIENTS: { class: null, meaning: 'matrix: none of the selected clients could run here (the report, and stderr, say why each was skipped)' },
  ERR_MANIFEST: { class: 'UsageError', meaning: 'zonemd: a variants manifest cannot be read or is not a dnsorder variants manifest' },
  ERR_NO_APEX: { class: 'UsageError', meaning: 'zonemd: the zone file has no apex SOA to digest (give --origin, or fix the SOA)' },
  ERR_NO_LOADERS: { class: null, meaning: 'zonemd loaders: no zone loader can run here (the line lists each one and why)' },

  // --- DNS wire format: decoding (WireFormatError, with the octet offset) --------------------------
  ERR_SHORT_HEADER: { class: 'WireFormatError', meaning: 'a message shorter than the 12-octet DNS header' },
  ERR_TRUNCATED: { class: 'WireFormatError', meaning: 'a question or record is cut short: the message ends before the counts say it should' },
  ERR_NAME_TRUNCATED: { class: 'WireFormatError', meaning: 'a domain name (a label or a compression pointer) runs past the end of the message' },
  ERR_NAME_POINTER_LOOP: { class: 'WireFormatError', meaning: 'compression pointers loop' },
  ERR_NAME_FORWARD_POINTER: { class: 'WireFormatError', meaning: 'a compression pointer points forward, not to a prior name' },
  ERR_NAME_BAD_POINTER: { class: 'WireFormatError', meaning: 'a compression pointer points past the end of the message' },
  ERR_NAME_BAD_LABEL: { class: 'WireFormatError', meaning: 'a label type other than a plain label or a pointer (extended label types are not supported)' },
  ERR_NAME_TOO_LONG: { class: ['WireFormatError', 'EncodeError'], meaning: 'a domain name longer than 255 octets' },
  ERR_RDATA_OVERRUN: { class: 'WireFormatError', meaning: 'a record\'s RDLENGTH runs past the end of the message' },
  ERR_BAD_OPT: { class: 'WireFormatError', meaning: 'an OPT record outside the additional section or repeated, or an EDNS option cut short' },
  ERR_BAD_RDATA: { class: ['WireFormatError', 'EncodeError'], meaning: 'RDATA that does not decode (or encode) as its type says' },
  ERR_RDATA_LENGTH: { class: 'WireFormatError', meaning: 'RDATA of a length its type cannot have (an A record that is not 4 octets, …)' },

  // --- DNS wire format: encoding (EncodeError: what the API refuses to build) -----------------------
  ERR_BAD_NAME: { class: 'EncodeError', meaning: 'a name in text form has an empty label, a lone backslash or a bad \\DDD escape' },
  ERR_LABEL_TOO_LONG: { class: 'EncodeError', meaning: 'a label longer than 63 octets' },
  ERR_UNKNOWN_TYPE: { class: 'EncodeError', meaning: 'an unknown record type name (write TYPEnnn for a type without a mnemonic)' },
  ERR_UNKNOWN_CLASS: { class: 'EncodeError', meaning: 'an unknown record class name (write CLASSnnn)' },
  ERR_BAD_GENERIC_RDATA: { class: 'EncodeError', meaning: 'RFC 3597 generic RDATA (\\# length hex) that is malformed or whose length disagrees with its hex' },
  ERR_NO_CODEC: { class: 'EncodeError', meaning: 'no codec for that type\'s RDATA: give it as a Buffer (RFC 3597 generic form)' },
  ERR_BAD_ZONEMD: { class: ['EncodeError', 'WireFormatError'], meaning: 'ZONEMD RDATA with a bad serial, scheme, hash algorithm or digest (reserved scheme or algorithm 0, a digest of the wrong length when validated)' },
  ERR_TOO_MANY_RECORDS: { class: 'EncodeError', meaning: 'a section with more records than a 16-bit count holds' },
  ERR_OPT_AS_RECORD: { class: 'EncodeError', meaning: 'an OPT record put in a section: EDNS goes in message.edns' },
  ERR_RDATA_TOO_LONG: { class: 'EncodeError', meaning: 'RDATA longer than 65535 octets' },
  ERR_NO_SUCH_RECORD: { class: 'EncodeError', meaning: 'a mutation names a record the message does not have' },
  ERR_UNKNOWN_MUTATION: { class: 'EncodeError', meaning: 'an unknown mutation name (the line lists the known ones)' },

  // --- captures (pcap, pcapng) ----------------------------------------------------------------------
  ERR_PCAP_SHORT: { class: 'CaptureError', meaning: 'the capture is shorter than a pcap file header' },
  ERR_PCAP_MAGIC: { class: 'CaptureError', meaning: 'not a pcap or pcapng file (unknown magic number)' },
  ERR_PCAP_TRUNCATED: { class: 'CaptureError', meaning: 'a capture record or pcapng block is cut short or has a bad length' },
  ERR_PCAP_RECORD_TOO_LARGE: { class: 'CaptureError', meaning: 'a capture record claims more than 1 MiB: refused from its header, before reading it' },
  ERR_PCAP_LINKTYPE: { class: 'CaptureError', meaning: 'a link type other than Ethernet, Linux cooked, raw IP or loopback' },
  ERR_PCAPNG: { class: 'CaptureError', meaning: 'a pcapng file with a bad byte-order magic or a packet on an undeclared interface' },
  ERR_PCAP_ADDRESS: { class: 'EncodeError', meaning: 'writing a capture: a datagram\'s source and destination are not both IPv4 or both IPv6' },

  // --- dnstap and Frame Streams -----------------------------------------------------------------------
  ERR_DNSTAP_PROTOBUF: { class: 'DnstapError', meaning: 'a frame that is not a protobuf dnstap message (listed with its offset; reading goes on)' },
  ERR_DNSTAP_FIELDS: { class: 'DnstapError', meaning: 'a dnstap message without a required field, or of a type other than MESSAGE (listed; reading goes on)' },
  ERR_FSTRM_EMPTY: { class: 'FrameStreamError', meaning: 'the dnstap input is empty' },
  ERR_FSTRM_CONTROL: { class: 'FrameStreamError', meaning: 'a Frame Streams control frame that is malformed, of an unknown type, or too long' },
  ERR_FSTRM_SEQUENCE: { class: 'FrameStreamError', meaning: 'Frame Streams frames out of order (data before START, no START at all: not a Frame Streams file, …)' },
  ERR_FSTRM_CONTENT_TYPE: { class: 'FrameStreamError', meaning: 'the stream carries a content type other than protobuf:dnstap.Dnstap' },
  ERR_FSTRM_FRAME_TOO_LARGE: { class: 'FrameStreamError', meaning: 'a data frame longer than the bound (256 KiB): past it no frame boundary can be trusted' },
  ERR_FSTRM_CLOSED: { class: 'FrameStreamError', meaning: 'the dnstap reader closed the connection during the handshake' },
  ERR_WATCH_LISTEN: { class: 'CollectorError', meaning: 'watch cannot listen on the dnstap socket, TCP address or metrics address (the line says why)' },
  ERR_WATCH_IN_USE: { class: 'CollectorError', meaning: 'something already listens on that dnstap socket or address' },
  ERR_WATCH_SOCKET_PATH: { class: 'CollectorError', meaning: 'the --dnstap-socket path exists and is not a socket: choose another' },
  ERR_WATCH_TIMEOUT: { class: 'CollectorError', meaning: 'the dnstap collector did not reach the expected state in time (no resolver connected, too few messages)' },
  ERR_SOCKET: { class: null, meaning: 'a dnstap source\'s connection failed with a socket error Node gave no code for (in watch\'s list of sources)' },

  // --- zone files (ZoneSyntaxError at file:line:column, all of a file's in one ZoneFileError) -------
  ERR_ZONE_SYNTAX: { class: 'ZoneSyntaxError', meaning: 'zone text that does not parse: unbalanced parentheses, an unterminated string, a record without an owner, a second TTL' },
  ERR_ZONE_BAD_FIELD: { class: 'ZoneSyntaxError', meaning: 'an RDATA field that is not what its type needs (a bad address, number, base64 or hex)' },
  ERR_ZONE_MISSING_FIELD: { class: 'ZoneSyntaxError', meaning: 'a record with too few RDATA fields, or no type' },
  ERR_ZONE_TRAILING_DATA: { class: 'ZoneSyntaxError', meaning: 'more fields after a record\'s RDATA than its type takes' },
  ERR_ZONE_UNKNOWN_TYPE: { class: 'ZoneSyntaxError', meaning: 'an unknown record type (write TYPEnnn and RFC 3597 \\# RDATA)' },
  ERR_ZONE_BAD_NAME: { class: 'ZoneSyntaxError', meaning: 'a domain name with an empty label, a bad escape, or longer than 255 octets (or a bad --origin)' },
  ERR_ZONE_BAD_TTL: { class: 'ZoneSyntaxError', meaning: 'a TTL or $TTL that is not a 32-bit number of seconds (or units such as 1h30m)' },
  ERR_ZONE_NO_ORIGIN: { class: 'ZoneSyntaxError', meaning: 'a relative name or "@" with no origin known (give $ORIGIN or --origin)' },
  ERR_ZONE_NO_TTL: { class: 'ZoneSyntaxError', meaning: 'a record without a TTL and no $TTL or earlier TTL to use' },
  ERR_ZONE_BAD_GENERIC_RDATA: { class: 'ZoneSyntaxError', meaning: 'RFC 3597 \\# RDATA that is malformed, does not fit its type, or is needed for a type without a presentation format' },
  ERR_ZONE_BAD_DIRECTIVE: { class: 'ZoneSyntaxError', meaning: 'an unsupported $ directive, or $ORIGIN/$INCLUDE with the wrong arguments' },
  ERR_ZONE_INCLUDE: { class: 'ZoneSyntaxError', meaning: '$INCLUDE refused (off by default: --allow-include), nested too deep, outside the allowed directories, or unreadable' },
  ERR_ZONE_UNREADABLE: { class: 'ZoneSyntaxError', meaning: 'the zone file cannot be read (missing, permissions, a directory)' },
  ERR_ZONE_LINE_TOO_LONG: { class: 'ZoneLimitError', meaning: 'a zone file line longer than the bound: reading stops there' },
  ERR_ZONE_TOO_LARGE: { class: ['ZoneLimitError', 'DnsorderError'], meaning: 'a zone larger than the bound (4 GiB of text or canonical form, or what one server holds): reading stops there' },
  ERR_ZONE_BINARY: { class: 'ZoneLimitError', meaning: 'the zone file holds NUL octets: binary data, not zone text' },
  ERR_ZONE_TOO_MANY_ERRORS: { class: null, meaning: 'the last line of a rejected zone file\'s list: how many more problems there were, or that reading stopped at the limit' },
  ERR_VARIANT_SOURCE: { class: 'VariantSourceError', meaning: 'zonemd variants: the source zone has no apex or no SOA at its apex' },
  ERR_ZONEMD_NO_SOA: { class: 'ZonemdComputeError', meaning: 'a ZONEMD digest asked for a zone with no SOA at its apex' },
  ERR_ZONEMD_ALGORITHM: { class: 'ZonemdComputeError', meaning: 'a ZONEMD hash algorithm dnsorder does not compute (SHA-384 and SHA-512 are)' },
  ERR_ZONEMD_APEX: { class: 'DnsorderError', meaning: 'the ZONEMD apex is not a name the zone can be digested under' },
  ERR_CASE_CONFIG: { class: 'LoaderZonesError', meaning: 'zonemd loaders --zones: a case folder\'s config file lacks a key or has a bad expected_result' },
  ERR_NO_ZONES: { class: 'LoaderZonesError', meaning: 'zonemd loaders --zones: the directory has no manifest and no case folders' },

  // --- serve: the scenario server -----------------------------------------------------------------------
  ERR_SERVER_REMOTE_NOT_ALLOWED: { class: 'ServerError', meaning: 'serve listens on loopback only unless --allow-remote says otherwise' },
  ERR_SERVER_BAD_LISTEN: { class: 'ServerError', meaning: 'a listen address that is not ADDR, ADDR:PORT or [IPv6]:PORT, or a port out of range' },
  ERR_SERVER_NO_REPLY: { class: 'ServerError', meaning: 'the scenario server drops a query given to answerScenarioQuery (a model\'s, a fixture\'s, a library call\'s) instead of answering it' },
  ERR_SERVER_BAD_LIMIT: { class: 'ServerError', meaning: 'an unknown server limit, or a limit that is not a non-negative number' },
  ERR_SERVER_NOT_STARTED: { class: 'DnsorderError', meaning: 'dnsorder/testing: the scenario server was used outside a test (before beforeAll or after afterAll)' },
  ERR_ZONE_NO_SOA: { class: 'ServerError', meaning: 'a served zone without exactly one SOA at its apex' },
  ERR_ZONE_OUT_OF_ZONE: { class: 'ServerError', meaning: 'a served zone holds a record outside its origin' },
  ERR_ZONE_BAD_RECORD: { class: 'ServerError', meaning: 'a served zone holds a record that cannot be encoded' },
  ERR_ZONE_BAD_ORIGIN: { class: 'ServerError', meaning: 'a served zone\'s origin is not a domain name' },
  ERR_ZONE_ORIGIN: { class: 'DnsorderError', meaning: 'a served zone\'s origin is not a valid name in wire form' },
  ERR_ZONE_DUPLICATE_ORIGIN: { class: 'ServerError', meaning: 'two served zones have the same origin' },
  ERR_ZONE_FILE_ORIGIN: { class: 'UsageError', meaning: 'serve: give one --origin per --zone-file' },

  // --- matrix clients, roots and models ----------------------------------------------------------
  ERR_UNKNOWN_CLIENT: { class: 'UsageError', meaning: 'a --clients name that is no client or selector (the line lists the known ones)' },
  ERR_UNSUPPORTED_QTYPE: { class: 'UsageError', meaning: 'dnsorder/testing: an in-process model client asked a question type other than A or AAAA' },
  ERR_CLIENT_BUILD: { class: 'ClientBuildError', meaning: 'a client\'s probe program did not build (compiler error; the line carries its output)' },
  ERR_CLIENT_TOOLCHAIN: { class: 'DnsorderError', meaning: 'a client\'s toolchain is missing (the line says what to install)' },
  ERR_CLIENT_START: { class: ['ResolvedError', 'DnsorderError'], meaning: 'a client that runs as a daemon or browser (systemd-resolved, chromium) did not start' },
  ERR_CLIENT_IN_PROCESS: { class: 'DnsorderError', meaning: 'a run() client runs in this process and cannot reach a scenario server inside the network namespace' },
  ERR_CLIENT_NAME: { class: 'UsageError', meaning: 'a custom client name that is malformed, taken by a built-in client, or given twice' },
  ERR_CLIENT_TEMPLATE: { class: 'UsageError', meaning: 'a custom client command that is empty, too long, not strings, or has an unknown {word}' },
  ERR_CLIENT_DEFINITION: { class: 'UsageError', meaning: 'defineClient: not { id, command } or { id, run }' },
  ERR_CLIENTS_FILE: { class: 'UsageError', meaning: 'the --clients-file cannot be read, is not JSON, or has an entry of the wrong shape' },
  ERR_NAMESPACE: { class: 'NamespaceError', meaning: 'the matrix network namespace (for system-config clients, chromium, the scenario server inside it) cannot be set up, used or torn down' },
  ERR_ROOT_NAME: { class: 'RootError', meaning: 'a root name that is not a Debian suite name (or NAME=DIR form), or given twice' },
  ERR_ROOT_NOT_BUILT: { class: 'RootError', meaning: 'no root is built for that suite: run dnsorder lab build SUITE first' },
  ERR_ROOT_MISSING: { class: 'RootError', meaning: '--root DIR is not a directory, or holds no /bin/sh (not a root filesystem)' },
  ERR_ROOT_BUILD: { class: 'RootError', meaning: 'building a root failed (debootstrap or chroot output follows)' },
  ERR_ROOT_PRIVILEGE: { class: 'RootError', meaning: 'building a root needs Linux and root' },
  ERR_ROOT_TOOL: { class: 'RootError', meaning: 'debootstrap is not installed' },
  ERR_ROOT_MIRROR: { class: 'RootError', meaning: 'no Debian archive found in the host\'s apt sources: give --mirror URL' },
  ERR_ROOT_LOCK: { class: 'RootError', meaning: 'the lock on a root cannot be created, or another process held it too long' },
  ERR_ROOT_BIND: { class: 'RootError', meaning: 'a directory cannot be bound into the root (outside /run/ or /tmp/, or resolv.conf on the host)' },
  ERR_UNKNOWN_MODEL: { class: 'UsageError', meaning: 'an unknown model id (the line lists the known ones)' },
  ERR_MODEL_DUPLICATE: { class: 'DnsorderError', meaning: 'two models share an id (a bug in dnsorder, caught at load)' },
  ERR_MODEL_RANGE: { class: 'DnsorderError', meaning: 'a model\'s version range is empty or has a bad comparator (a bug in the model table)' },
  ERR_MODEL_OVERLAP: { class: 'DnsorderError', meaning: 'a library version is covered by more than one model (a bug in the model table)' },
  ERR_NAME_NOT_RESOLVED: { class: null, meaning: 'Chromium\'s net error for any failed lookup: a client outcome in matrix reports, not a dnsorder error' },
  ERR_DNS_MALFORMED_RESPONSE: { class: null, meaning: 'Chromium\'s net error for a response its parser refuses: a client outcome (its model\'s), not a dnsorder error' },
  ERR_MISSING_FAST_CHECK: { class: 'DnsorderError', meaning: 'dnsorder/testing\'s arbitraries need fast-check: npm i -D fast-check' },
  ERR_ASK_TIMEOUT: { class: 'DnsorderError', meaning: 'dnsorder/testing: a question to the scenario server got no answer in time' },
  ERR_NO_FREE_PORT: { class: 'DnsorderError', meaning: 'no loopback port was free for both UDP and TCP after 20 tries (for a daemon dnsorder starts)' },

  // --- probe and atlas ---------------------------------------------------------------------------------
  ERR_PROBE_BAD_ADDRESS: { class: 'ProbeError', meaning: 'RESOLVER[:port] or --authority cannot be read, or the authority is not on loopback' },
  ERR_PROBE_AUTHORITY_PORT_TAKEN: { class: 'ProbeError', meaning: 'the probe authority\'s address is in use: pick another with --authority' },
  ERR_PROBE_AUTHORITY_BIND: { class: 'ProbeError', meaning: 'the probe authority cannot listen on its address (any reason but "in use")' },
  ERR_PROBE_AUTHORITY_NOT_STARTED: { class: 'DnsorderError', meaning: 'dnsorder/testing: the probe authority was used outside a test (before beforeAll or after afterAll)' },
  ERR_PROBE_RESOLVER_UNREACHABLE: { class: 'ProbeError', meaning: 'the resolver answered nothing at all' },
  ERR_PROBE_NOT_ROUTED: { class: 'ProbeError', meaning: 'the resolver answers but never asks the probe authority: route the probe zone to it (--print-config KIND)' },
  ERR_PROBE_ZONEMD_NOT_LOADED: { class: 'ProbeError', meaning: '--group zonemd: the resolver does not load the zonemd zone from the authority, or the authority serves none' },
  ERR_PROBE_UNKNOWN_TEST: { class: 'ProbeError', meaning: 'a --tests selector matches no probe test or group (dnsorder probe --list)' },
  ERR_PROBE_UNKNOWN_RESOLVER_KIND: { class: 'ProbeError', meaning: '--print-config for a resolver kind with no snippet (the line lists the known ones)' },
  ERR_PROBE_NAMES: { class: 'ProbeError', meaning: 'passive mode without names, or an unreadable --names-file' },
  ERR_PROBE_BAD_REPORT: { class: 'ProbeError', meaning: '--combine was given a file that is not a probe report' },
  ERR_PROBE_PLAN: { class: 'ProbeError', meaning: 'a probe test definition the evidence rules cannot judge (a bug in the suite, not the resolver)' },
  ERR_ATLAS_BAD_ZONE: { class: 'AtlasError', meaning: 'atlas plan: --zone is not a domain name of at least two labels' },
  ERR_ATLAS_BAD_PROBES: { class: 'AtlasError', meaning: 'atlas plan: no probe id, or an --area that is not one of Atlas\' areas' },
  ERR_ATLAS_BAD_RUN_ID: { class: 'AtlasError', meaning: 'atlas plan: the run id is not one DNS label' },
  ERR_ATLAS_BAD_SCHEDULE: { class: 'AtlasError', meaning: 'atlas plan: an interval below Atlas\' minimum, or fewer than 2 repeats' },
  ERR_ATLAS_UNKNOWN_TEST: { class: 'AtlasError', meaning: 'atlas plan: --tests matches no test Atlas can run' },
  ERR_ATLAS_BAD_PLAN: { class: 'AtlasError', meaning: 'the --plan file cannot be read or is not an atlas plan (dnsorder atlas plan --out FILE writes one)' },
  ERR_ATLAS_INPUT: { class: 'AtlasError', meaning: 'atlas check: a results or probe-metadata file cannot be read, holds nothing, or is not what it should be' },
  ERR_ATLAS_NOT_RESULTS: { class: 'NotJsonResultsError', meaning: 'atlas check: the input is not Atlas results JSON at all (binary, a README, …)' },
} as const satisfies Record<`ERR_${string}`, ErrorCodeEntry>;

/** A code dnsorder reports: a typo in one is a compile error where the class takes an ErrorCode. */
export type ErrorCode = keyof typeof ERROR_CODES;

/** The table entry for `code`, or undefined for a code dnsorder does not report (a user's own). */
export function errorCodeInfo(code: string): ErrorCodeEntry | undefined {
  return Object.hasOwn(ERROR_CODES, code) ? ERROR_CODES[code as ErrorCode] : undefined;
}
