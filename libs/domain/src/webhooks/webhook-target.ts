import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import ipaddr from 'ipaddr.js';

/** One address a host name resolves to. */
export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to its addresses (injectable: tests answer their own names). */
export type WebhookResolver = (hostname: string) => Promise<ResolvedAddress[]>;
export const WEBHOOK_RESOLVER = Symbol('WEBHOOK_RESOLVER');

/** The system's resolver (getaddrinfo: /etc/hosts, then DNS), every address it answers. */
export const systemResolver: WebhookResolver = async (hostname) => (await lookup(hostname, { all: true, verbatim: true })).map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));

/**
 * Which addresses a delivery may reach: public unicast ones, and those inside a network the admin
 * allowed (WEBHOOK_ALLOWED_NETWORKS). Everything ipaddr.js files under a special range is refused:
 * loopback, private (RFC 1918), CGNAT (100.64/10), unique local (fc00::/7, so fd00:ec2::254 too),
 * link-local (169.254/16, so 169.254.169.254; fe80::/10), unspecified, multicast, broadcast,
 * reserved, and the IPv6 forms that carry an IPv4 address (mapped, NAT64, 6to4, Teredo), whose IPv4
 * half is what a connection reaches.
 */
export class WebhookAddressPolicy {
  private readonly allowed: [ipaddr.IPv4 | ipaddr.IPv6, number][];

  constructor(allowedNetworks: readonly string[]) {
    this.allowed = allowedNetworks.map((cidr) => ipaddr.parseCIDR(cidr));
  }

  /**
   * Null when the address may be reached; else what it is, in words the delivery log shows after
   * the address (`a loopback address, which webhooks may not reach`). Plain
   * http goes only to an allowed network (a receiver on the admin's own network); https anywhere public.
   */
  refusal(address: string, plainHttp = false): string | null {
    let parsed: ipaddr.IPv4 | ipaddr.IPv6;
    try {
      parsed = ipaddr.parse(address);
    } catch {
      return 'not an IP address';
    }
    // ::ffff:a.b.c.d reaches a.b.c.d: that is the address judged.
    const target = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
    if (this.isAllowedNetwork(target)) return null;
    const range = target.range();
    if (plainHttp && range === 'unicast') return 'outside the networks allowed for plain http (WEBHOOK_ALLOWED_NETWORKS): use https';
    return range === 'unicast' ? null : `a ${RANGE_WORDS[range] ?? range} address, which webhooks may not reach`;
  }

  private isAllowedNetwork(address: ipaddr.IPv4 | ipaddr.IPv6): boolean {
    return this.allowed.some(([network, prefix]) => network.kind() === address.kind() && address.match(network, prefix));
  }
}

const RANGE_WORDS: Record<string, string> = {
  loopback: 'loopback',
  private: 'private-network',
  carrierGradeNat: 'carrier-grade NAT (100.64.0.0/10)',
  uniqueLocal: 'unique local (fc00::/7)',
  linkLocal: 'link-local (which includes cloud metadata services)',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  ipv4Mapped: 'IPv4-mapped',
  rfc6052: 'NAT64 (64:ff9b::/96)',
  '6to4': '6to4',
  teredo: 'Teredo',
};

/** The host as a bare address when the URL names one (`[::1]` → `::1`), else null. */
export function literalAddress(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return isIP(bare) ? bare : null;
}

/** Names that mean this machine whatever DNS says. */
export function isLocalName(hostname: string): boolean {
  const name = hostname.toLowerCase().replace(/\.$/, '');
  return name === 'localhost' || name.endsWith('.localhost');
}
