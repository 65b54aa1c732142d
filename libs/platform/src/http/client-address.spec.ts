import { clientAddressGroup } from './client-address';

describe('clientAddressGroup', () => {
  it('keeps an IPv4 address and reads an IPv4-mapped IPv6 address as IPv4', () => {
    expect(clientAddressGroup('203.0.113.7')).toBe('203.0.113.7');
    expect(clientAddressGroup('::ffff:203.0.113.7')).toBe('203.0.113.7');
  });

  it('counts IPv6 addresses by their /64, however they are written', () => {
    expect(clientAddressGroup('2001:db8:0:1::1')).toBe('2001:db8:0:1::/64');
    expect(clientAddressGroup('2001:DB8:0:1:ffff:ffff:ffff:ffff')).toBe('2001:db8:0:1::/64');
    expect(clientAddressGroup('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(clientAddressGroup('fe80::1%eth0')).toBe('fe80:0:0:0::/64');
    expect(clientAddressGroup('::1')).toBe('0:0:0:0::/64');
    expect(clientAddressGroup('2001:db8:0:2::1')).not.toBe(clientAddressGroup('2001:db8:0:1::1'));
  });
});
