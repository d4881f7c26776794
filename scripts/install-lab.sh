#!/usr/bin/env bash
# Installs every Debian package dnsorder's real peers come from: stub
# libraries and their toolchains (matrix), DNS tools (tests, benchmarks),
# resolvers and zone loaders (probe, zonemd). Idempotent and quiet; fails loudly.
# Daemons are never started by the install (policy-rc.d) and are stopped if a
# previous install left one running, so nothing ever holds port 53 on the host.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
  echo "install-lab: must run as root (apt-get)" >&2
  exit 2
fi

PACKAGES=(
  # DNS tools used by tests and benchmarks
  bind9-dnsutils knot-dnsutils tshark dnsperf iproute2
  # root filesystems of other Debian releases (dnsorder lab build)
  debootstrap
  # stub clients for the matrix
  build-essential musl-tools libc-ares-dev golang-go python3-dnspython default-jdk-headless
  # the scripting languages' own resolvers (Ruby's resolv, Perl's Net::DNS)
  ruby libnet-dns-perl
  # resolvers for the probe lab
  unbound knot-resolver bind9 pdns-recursor dnsmasq-base
  # a packet cache in front of a resolver (the probe lab's production-style runs)
  dnsdist
  # fstrm_capture: libfstrm's own dnstap file writer, for the dnstap test files (test/data/dnstap)
  fstrm-bin
  # zone loaders
  ldnsutils bind9-utils knot-dnssecutils nsd
  # pdnsutil zonemd-verify-file (PowerDNS Authoritative 4.7+)
  pdns-server
  # browser for the HTML report test
  chromium
)

export DEBIAN_FRONTEND=noninteractive
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ "${#missing[@]}" -gt 0 ]; then
  # Forbid maintainer scripts from starting daemons during the install.
  policy=/usr/sbin/policy-rc.d
  had_policy=0
  [ -e "$policy" ] && had_policy=1
  if [ "$had_policy" -eq 0 ]; then
    printf '#!/bin/sh\nexit 101\n' >"$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
  fi
  echo "install-lab: installing ${missing[*]}" >&2
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Belt and braces: policy-rc.d stops daemons from starting during the install,
# but Debian still enables their units. Disable the units of the packages this
# run installed (a service the machine's owner set up before is left alone).
declare -A UNITS=([unbound]="unbound" [knot-resolver]="kresd@1" [bind9]="named bind9" [pdns-server]="pdns"
  [pdns-recursor]="pdns-recursor" [nsd]="nsd" [dnsdist]="dnsdist")
if [ "${#missing[@]}" -gt 0 ] && command -v systemctl >/dev/null 2>&1 && [ -d /run/systemd/system ]; then
  for p in "${missing[@]}"; do
    for unit in ${UNITS[$p]:-}; do
      systemctl disable --now "$unit" >/dev/null 2>&1 || true
    done
  done
fi
if command -v ss >/dev/null 2>&1 && ss -Hlun 'sport = :53' | grep -q .; then
  echo "install-lab: warning: something listens on UDP port 53 of the host:" >&2
  ss -Hlunp 'sport = :53' >&2 || true
fi

echo "install-lab: ready" >&2
