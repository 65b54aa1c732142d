import { isIPv4, isIPv6 } from 'node:net';

/**
 * The unit a client address is counted in: an IPv4 address as it is, an IPv6 address by its /64
 * (one subscriber's network: a single host can take any address in it). `::ffff:a.b.c.d` is IPv4.
 */
export function clientAddressGroup(ip: string): string {
  const address = ip.replace(/%.*$/, '').toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(address);
  if (mapped) return mapped[1];
  if (isIPv4(address) || !isIPv6(address)) return address;
  const width = (part: string): number => (part.includes('.') ? 2 : 1);
  const [head, tail] = address.split('::');
  const headGroups = head ? head.split(':') : [];
  const tailGroups = tail ? tail.split(':') : [];
  const used = [...headGroups, ...tailGroups].reduce((n, g) => n + width(g), 0);
  const groups = tail === undefined ? headGroups : [...headGroups, ...Array<string>(8 - used).fill('0'), ...tailGroups];
  return `${groups.slice(0, 4).map((g) => parseInt(g, 16).toString(16)).join(':')}::/64`;
}
