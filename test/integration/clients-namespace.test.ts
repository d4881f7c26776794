// Namespace hygiene: a namespace left by a dead run is swept before a new one,
// and a namespace we create is fully removed on close. Needs root.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NetworkNamespace, namespaceSupport, sweepStaleNamespaces, NAMESPACE_RESOLV_CONF } from '../../src/clients/namespace.js';
import { requirement } from '../helpers/peers.js';

const support = await namespaceSupport();
const skip = requirement(support.ok ? undefined : `network namespaces are not available: ${support.reason}`);

const namespaces = () => execFileSync('ip', ['netns', 'list'], { encoding: 'utf8' });

describe.skipIf(skip)(`network namespace isolation${skip ? ` — skipped: ${skip}` : ''}`, () => {
  it('sweeps namespaces whose creating pid is dead, leaves live ones alone', () => {
    // pid 4194303 is above the default pid_max on Linux: never alive.
    const stale = 'dnsorder-4194303-abcdef';
    execFileSync('ip', ['netns', 'add', stale]);
    mkdirSync(`/etc/netns/${stale}`, { recursive: true });
    writeFileSync(`/etc/netns/${stale}/resolv.conf`, 'nameserver 127.0.0.1\n');
    const live = NetworkNamespace.create();
    try {
      expect(sweepStaleNamespaces()).not.toContain(live.name);
      expect(namespaces()).not.toContain(stale);
      expect(existsSync(`/etc/netns/${stale}`)).toBe(false);
      expect(namespaces()).toContain(live.name);
    } finally {
      live.closeSync();
    }
  });

  it('has loopback up, its own resolv.conf and a localhost-only hosts file, and is removed on close', () => {
    const ns = NetworkNamespace.create();
    try {
      expect(execFileSync('ip', ['-n', ns.name, 'link', 'show', 'lo'], { encoding: 'utf8' })).toMatch(/UP/);
      expect(execFileSync('ip', ['netns', 'exec', ns.name, 'cat', '/etc/resolv.conf'], { encoding: 'utf8' })).toBe(NAMESPACE_RESOLV_CONF);
      const hosts = execFileSync('ip', ['netns', 'exec', ns.name, 'cat', '/etc/hosts'], { encoding: 'utf8' });
      expect(hosts.split('\n').filter(Boolean).every((l) => /localhost/.test(l))).toBe(true);
      // The host's own resolver configuration is untouched.
      expect(readFileSync('/etc/resolv.conf', 'utf8')).not.toBe(NAMESPACE_RESOLV_CONF);
    } finally {
      ns.closeSync();
    }
    expect(namespaces()).not.toContain(ns.name);
    expect(existsSync(`/etc/netns/${ns.name}`)).toBe(false);
  });
});
