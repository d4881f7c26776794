# dnsorder probe program for Ruby's standard library resolv: a Resolv::DNS
# pointed at one server (ARGV[0] address, ARGV[1] port) through the
# :nameserver_port option, no search list, and Resolv::DNS#getresources(name,
# Resolv::DNS::Resource::IN::A | IN::AAAA) for each request. Same line protocol
# as resolve.c; "--version" prints "ruby <RUBY_VERSION> resolv <gem version>".
#
# Why getresources: Resolv.getaddresses(name) (the module function) is
# Resolv::DefaultResolver — /etc/hosts, then a Resolv::DNS configured from
# /etc/resolv.conf — whose DNS#each_address asks A and then AAAA (only when
# the host has a global IPv6 address) and concatenates both. Every one of
# those lookups is DNS#each_resource -> fetch_resource + extract_resources
# (lib/resolv.rb), the walk getresources runs for the one type asked here, so
# the answer section is read by the same code with the question the request
# names.
#
# What the API hands back: the A/AAAA resources only. No canonical name is
# exposed (extract_resources follows CNAMEs internally and drops them), so
# "canonical" is always null. No error is exposed either: NXDOMAIN, any other
# RCODE, an undecodable reply (ignored, then the wait runs out) and a timeout
# all end in Resolv::DNS::Config#resolv rescuing ResolvError, and getresources
# returns [] — "error" is null unless this program itself fails.
#
# Timeouts: one try of 2 s (dns.timeouts = 2) instead of the default
# 5, 10, 20, 40 s, so an ignored reply ends well inside dnsorder's cell limit.
require 'json'
require 'resolv'

def version_line
  resolv = defined?(Resolv::VERSION) ? Resolv::VERSION : Gem.loaded_specs['resolv']&.version&.to_s
  "ruby #{RUBY_VERSION} resolv #{resolv || 'unknown'}"
end

TYPES = { 'A' => Resolv::DNS::Resource::IN::A, 'AAAA' => Resolv::DNS::Resource::IN::AAAA }.freeze

def lookup(dns, qtype, name)
  resources = dns.getresources(name, TYPES.fetch(qtype))
  { addresses: resources.map { |r| r.address.to_s }, canonical: nil, error: nil }
rescue StandardError => e
  { addresses: [], canonical: nil, error: { code: e.class.name, text: e.message } }
end

if ARGV[0] == '--version'
  puts version_line
  exit
end

dns = Resolv::DNS.new(nameserver_port: [[ARGV[0], Integer(ARGV[1])]], search: [], ndots: 1)
dns.timeouts = 2
$stdout.sync = true
$stdin.each_line do |line|
  fields = line.split
  result = if fields.length != 2 || !TYPES.key?(fields[0])
             { addresses: [], canonical: nil, error: { code: 'BAD_REQUEST', text: line.chomp } }
           else
             lookup(dns, fields[0], fields[1])
           end
  $stdout.write(JSON.generate(result) + "\n")
end
