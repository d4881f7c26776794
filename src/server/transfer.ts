// AXFR (RFC 5936) over TCP: SOA first and last, every record in between, split
// across messages of bounded size. IXFR (RFC 1995 §4) is answered the same
// way: a full AXFR-style transfer is a valid IXFR response.

import { encodeMessage, encodeRecord } from '../wire/encode.js';
import type { DnsMessage, DnsRecord, Question } from '../wire/message.js';
import { emptyMessage } from '../wire/message.js';
import { NameCompressor } from '../wire/name-compression.js';

/** Target size of one transfer message; well under the 65535 TCP frame limit. */
export const TRANSFER_MESSAGE_OCTETS = 16_000;

export interface TransferInput {
  id: number;
  question: Question;
  records: readonly DnsRecord[];
  compress: boolean;
  edns?: DnsMessage['edns'];
}

export function transferMessages(input: TransferInput): Buffer[] {
  const messages: Buffer[] = [];
  let batch: DnsRecord[] = [];
  let batchOctets = 0;
  const flush = () => {
    // RFC 5936 §2.2: the question appears in the first message only (later ones may omit it).
    const message = emptyMessage({
      id: input.id, qr: true, aa: true, ra: true, answers: batch,
      questions: messages.length === 0 ? [input.question] : [],
      edns: messages.length === 0 ? input.edns : undefined,
    });
    messages.push(encodeMessage(message, { compress: input.compress }));
    batch = [];
    batchOctets = 0;
  };
  for (const record of input.records) {
    // Sizes are measured uncompressed, so a batch never exceeds the target once compressed.
    const octets = uncompressedSize(record);
    if (batch.length > 0 && batchOctets + octets > TRANSFER_MESSAGE_OCTETS) flush();
    batch.push(record);
    batchOctets += octets;
  }
  if (batch.length > 0 || messages.length === 0) flush();
  return messages;
}

function uncompressedSize(record: DnsRecord): number {
  // Without compression the offset plays no part in the length.
  return encodeRecord(record, 0, new NameCompressor(false)).length;
}
