"""dnsorder probe program for dnspython: Resolver(configure=False) pointed at
one server (argv[1] address, argv[2] port). Same line protocol as resolve.c;
"--version" prints dns.version.version."""
import json
import sys

import dns.resolver
import dns.version


def lookup(resolver, qtype, name):
    try:
        answer = resolver.resolve(name, qtype, search=False)
    except dns.exception.DNSException as err:
        return {"addresses": [], "canonical": None, "error": {"code": type(err).__name__, "text": str(err)}}
    return {
        "addresses": [rdata.address for rdata in answer],
        "canonical": answer.canonical_name.to_text(),
        "error": None,
    }


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--version":
        print(f"dnspython {dns.version.version}")
        return
    resolver = dns.resolver.Resolver(configure=False)
    resolver.nameservers = [sys.argv[1]]
    resolver.port = int(sys.argv[2])
    resolver.timeout = 2.0
    resolver.lifetime = 4.0
    resolver.cache = None
    for line in sys.stdin:
        fields = line.split()
        if len(fields) != 2:
            result = {"addresses": [], "canonical": None, "error": {"code": "BAD_REQUEST", "text": line}}
        else:
            result = lookup(resolver, fields[0], fields[1])
        sys.stdout.write(json.dumps(result) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    main()
