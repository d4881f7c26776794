// One-line text for a record's data in reports (check, matrix, probe): the
// string types as they are, raw RDATA in RFC 3597 form, anything structured
// as JSON with octet strings in hex. Not zone-file presentation (src/zone has that).

export function rdataText(data: unknown): string {
  if (typeof data === 'string') return data;
  if (Buffer.isBuffer(data)) return `\\# ${data.length} ${data.toString('hex')}`;
  return JSON.stringify(data, (_key, value) =>
    value && value.type === 'Buffer' && Array.isArray(value.data) ? Buffer.from(value.data).toString('hex') : value);
}
