// `dnsorder watch --metrics ADDR:PORT`: the collector's counters in the
// Prometheus text exposition format (version 0.0.4), at /metrics.

import { createServer, type Server } from 'node:http';
import { CollectorError, type CollectorStats } from './collector.js';

/** Label values escaped as the format asks: backslash, double quote, line feed. */
export function labelValue(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}

interface Family {
  name: string;
  help: string;
  type: 'counter' | 'gauge';
  samples: Array<[labels: Record<string, string>, value: number]>;
}

export function renderMetrics(stats: CollectorStats): string {
  const one = (name: string, help: string, type: Family['type'], value: number): Family => ({ name, help, type, samples: [[{}, value]] });
  const families: Family[] = [
    one('dnsorder_dnstap_frames_total', 'dnstap data frames judged or counted', 'counter', stats.frames),
    {
      name: 'dnsorder_dnstap_messages_total', help: 'dnstap messages by message type', type: 'counter',
      samples: Object.entries(stats.byType).map(([type, c]) => [{ type }, c!.messages]),
    },
    one('dnsorder_dnstap_responses_total', 'responses judged (every *_RESPONSE message)', 'counter', stats.responses),
    one('dnsorder_dnstap_queries_total', 'queries counted (every *_QUERY message)', 'counter', stats.queries),
    one('dnsorder_dnstap_violating_responses_total', 'responses that violate at least one rule', 'counter', stats.violating),
    {
      name: 'dnsorder_dnstap_violating_responses_by_type_total', help: 'violating responses by dnstap message type', type: 'counter',
      samples: Object.entries(stats.byType).filter(([t]) => t.endsWith('_RESPONSE')).map(([type, c]) => [{ type }, c!.violating]),
    },
    {
      name: 'dnsorder_dnstap_rule_violations_total', help: 'violating responses by rule', type: 'counter',
      samples: Object.entries(stats.byRule).map(([rule, n]) => [{ rule }, n]),
    },
    {
      name: 'dnsorder_dnstap_rule_warnings_total', help: 'responses with a warning, by rule', type: 'counter',
      samples: Object.entries(stats.warningsByRule).map(([rule, n]) => [{ rule }, n]),
    },
    {
      name: 'dnsorder_dnstap_zone_violations_total', help: 'violating responses by zone', type: 'counter',
      samples: Object.entries(stats.byZone).map(([zone, n]) => [{ zone }, n]),
    },
    one('dnsorder_dnstap_malformed_responses_total', 'responses that are not valid DNS messages', 'counter', stats.malformed),
    one('dnsorder_dnstap_invalid_frames_total', 'data frames that are not dnstap messages', 'counter', stats.invalidFrames),
    one('dnsorder_dnstap_dropped_frames_total', 'frames dropped because judging fell behind (queue full)', 'counter', stats.dropped),
    one('dnsorder_dnstap_queue_frames', 'frames waiting to be judged', 'gauge', stats.queue.frames),
    one('dnsorder_dnstap_connections', 'resolver connections open', 'gauge', stats.connections.open),
    one('dnsorder_dnstap_connections_total', 'resolver connections accepted', 'counter', stats.connections.total),
    one('dnsorder_dnstap_connections_refused_total', 'connections refused over the limit', 'counter', stats.connections.refused),
    one('dnsorder_dnstap_protocol_errors_total', 'connections closed for breaking the Frame Streams protocol', 'counter', stats.connections.protocolErrors),
    {
      name: 'dnsorder_dnstap_source_responses_total', help: 'responses by connected source (dnstap identity and connection)', type: 'counter',
      samples: stats.sources.map((s) => [{ identity: s.identity ?? '', version: s.version ?? '', connection: s.id }, s.responses]),
    },
    {
      name: 'dnsorder_dnstap_source_violating_responses_total', help: 'violating responses by connected source', type: 'counter',
      samples: stats.sources.map((s) => [{ identity: s.identity ?? '', version: s.version ?? '', connection: s.id }, s.violating]),
    },
  ];
  const lines: string[] = [];
  for (const f of families) {
    lines.push(`# HELP ${f.name} ${f.help}`, `# TYPE ${f.name} ${f.type}`);
    for (const [labels, value] of f.samples) {
      const text = Object.entries(labels).map(([k, v]) => `${k}="${labelValue(v)}"`).join(',');
      lines.push(`${f.name}${text ? `{${text}}` : ''} ${value}`);
    }
  }
  return lines.join('\n') + '\n';
}

export interface MetricsServer {
  address: string;
  port: number;
  close(): Promise<void>;
}

export async function startMetricsServer(address: string, port: number, stats: () => CollectorStats): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
      return;
    }
    if ((req.url ?? '/').split('?')[0] !== '/metrics') {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('dnsorder watch serves /metrics\n');
      return;
    }
    const body = renderMetrics(stats());
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' }).end(req.method === 'HEAD' ? undefined : body);
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', (err: NodeJS.ErrnoException) => reject(new CollectorError(err.code === 'EADDRINUSE' ? 'ERR_WATCH_IN_USE' : 'ERR_WATCH_LISTEN',
      `cannot serve metrics on ${address}:${port}: ${err.code === 'EADDRINUSE' ? 'the address is in use' : err.message}`, { cause: err })));
    server.listen(port, address, () => resolve());
  });
  const bound = server.address() as { port: number };
  return {
    address, port: bound.port,
    close: () => new Promise((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
