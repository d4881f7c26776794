#!/bin/sh
# A dnsorder matrix client around `getent ahosts` (glibc getaddrinfo through
# NSS, as programs on this system see it). It only reads the system resolver
# configuration, so its template has no {server}: dnsorder runs it in the
# matrix's network namespace, where resolv.conf points at the scenario server.
#
#   dnsorder matrix --client 'getent=sh examples/clients/getent-ahosts.sh {name} {type}'
#
# Prints one JSON line, dnsorder's client contract:
#   {"addresses":[...in getent's order],"canonical":"..."|null,"error":null|{"code","text"}}
#
# What getent gives and how it maps (measured with glibc 2.36):
# - `getent ahosts NAME` is getaddrinfo(AF_UNSPEC, AI_CANONNAME|AI_ADDRCONFIG|AI_V4MAPPED):
#   one line per address and socket type, "ADDRESS STREAM|DGRAM|RAW [CANONNAME]".
#   Only STREAM lines are kept (one per address), and only the family {type}
#   asks for (A: IPv4, AAAA: IPv6). `ahostsv4`/`ahostsv6` would pick the family
#   directly, but with AI_ADDRCONFIG in a namespace that has only loopback they
#   find nothing at all (exit 2); AF_UNSPEC there asks both A and AAAA.
# - The canonical name is the third field of the first line: ai_canonname of
#   the whole AF_UNSPEC lookup, not per family.
# - getent exits 2 for every getaddrinfo failure (no such name, SERVFAIL, a
#   malformed answer): reported as NOT_FOUND, since getent does not say which.
name=$1
type=$2
out=$(getent ahosts "$name")
rc=$?
printf '%s\n' "$out" | awk -v type="$type" -v rc="$rc" '
  function json(s) { gsub(/\\/, "\\\\", s); gsub(/"/, "\\\"", s); return "\"" s "\"" }
  NR == 1 && NF >= 3 { canon = $3 }
  $2 == "STREAM" && ((type == "AAAA") == ($1 ~ /:/)) { addrs = addrs (n++ ? "," : "") json($1) }
  END {
    if (rc == 0) error = "null"
    else if (rc == 2) error = "{\"code\":\"NOT_FOUND\",\"text\":\"getent ahosts exited with 2 (no address, or the lookup failed)\"}"
    else error = "{\"code\":\"GETENT_EXIT_" rc "\",\"text\":\"getent ahosts exited with " rc "\"}"
    printf "{\"addresses\":[%s],\"canonical\":%s,\"error\":%s}\n", addrs, (rc == 0 && canon != "" ? json(canon) : "null"), error
  }'
