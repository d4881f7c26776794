// Writes a synthetic zone of about N records with a valid ZONEMD (computed by
// dnsorder; ldns and dnspython verifying it in the benchmark is an independent
// cross-check). Mix: A, AAAA, TXT, MX and a delegation with glue now and then.
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';

export async function generateZone(path, records, origin = 'bench.example.') {
  const out = createWriteStream(path);
  const write = async (s) => {
    if (!out.write(s)) await once(out, 'drain');
  };
  await write(`$ORIGIN ${origin}\n$TTL 3600\n@ IN SOA ns1 hostmaster 2026112201 7200 3600 1209600 3600\n@ IN NS ns1\n@ IN NS ns2\nns1 IN A 192.0.2.53\nns2 IN AAAA 2001:db8::53\n`);
  let n = 5;
  let chunk = '';
  for (let i = 0; n < records; i++) {
    const host = `host${i}`;
    switch (i % 8) {
      case 0: case 1: case 2: case 3:
        chunk += `${host} IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}\n`; n++; break;
      case 4:
        chunk += `${host} IN AAAA 2001:db8:${(i >> 16).toString(16)}::${(i & 0xffff).toString(16)}\n`; n++; break;
      case 5:
        chunk += `${host} 300 IN TXT "v=spf1 ip4:10.0.${i & 255}.0/24 -all" "record ${i}"\n`; n++; break;
      case 6:
        chunk += `${host} IN MX 10 mail.${host}\n`; n++; break;
      case 7:
        chunk += `sub${i} 86400 IN NS ns.sub${i}\nns.sub${i} 86400 IN A 192.0.2.${i & 255}\n`; n += 2; break;
    }
    if (chunk.length > 1 << 16) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  out.end();
  await once(out, 'finish');
  return n;
}
