import { Webhook } from 'standardwebhooks';
import { signatureHeader, newWebhookSecret } from './webhook-signature';
import { literalAddress, WebhookAddressPolicy } from './webhook-target';

describe('WebhookAddressPolicy', () => {
  const strict = new WebhookAddressPolicy([]);

  it('refuses every address that is not public unicast, IPv4-mapped forms judged by their IPv4 half', () => {
    const refused: [string, string][] = [
      ['127.0.0.1', 'loopback'],
      ['::1', 'loopback'],
      ['10.0.0.1', 'private'],
      ['172.16.5.4', 'private'],
      ['192.168.1.1', 'private'],
      ['100.64.0.1', 'carrier-grade NAT'],
      ['169.254.169.254', 'link-local'],
      ['fe80::1', 'link-local'],
      ['fd00:ec2::254', 'unique local'],
      ['fc00::1', 'unique local'],
      ['0.0.0.0', 'unspecified'],
      ['::', 'unspecified'],
      ['224.0.0.1', 'multicast'],
      ['ff02::1', 'multicast'],
      ['::ffff:127.0.0.1', 'loopback'],
      ['::ffff:169.254.169.254', 'link-local'],
      ['64:ff9b::7f00:1', 'NAT64'],
      ['2002:7f00:1::1', '6to4'],
    ];
    for (const [address, words] of refused) expect([address, strict.refusal(address)]).toEqual([address, expect.stringContaining(words)]);
    for (const address of ['93.184.215.14', '2606:4700:4700::1111', '::ffff:93.184.215.14']) expect([address, strict.refusal(address)]).toEqual([address, null]);
  });

  it('lets the admin allow networks, and plain http only into them', () => {
    const allowing = new WebhookAddressPolicy(['10.0.0.0/8', '127.0.0.1/32', 'fd00::/8']);
    expect(allowing.refusal('10.20.30.40')).toBeNull();
    expect(allowing.refusal('10.20.30.40', true)).toBeNull();
    expect(allowing.refusal('127.0.0.1')).toBeNull();
    expect(allowing.refusal('::ffff:127.0.0.1')).toBeNull();
    expect(allowing.refusal('127.0.0.2')).toContain('loopback');
    expect(allowing.refusal('fd00:ec2::254')).toBeNull();
    expect(allowing.refusal('192.168.0.1')).toContain('private');
    expect(allowing.refusal('93.184.215.14', true)).toContain('use https');
  });

  it('reads a URL host as a literal address only when it is one', () => {
    expect(literalAddress('[::1]')).toBe('::1');
    expect(literalAddress('169.254.169.254')).toBe('169.254.169.254');
    expect(literalAddress('hooks.example.org')).toBeNull();
  });
});

describe('signatureHeader', () => {
  it('signs so that the Standard Webhooks library verifies, with each live secret', () => {
    const [current, previous] = [newWebhookSecret(), newWebhookSecret()];
    const body = JSON.stringify({ type: 'webhook.ping', data: { n: 'é' } });
    const timestamp = Math.floor(Date.now() / 1000);
    const headers = { 'webhook-id': 'msg_1', 'webhook-timestamp': String(timestamp), 'webhook-signature': signatureHeader([current, previous], 'msg_1', timestamp, body) };
    expect(headers['webhook-signature'].split(' ')).toHaveLength(2);
    expect(new Webhook(current).verify(body, headers)).toEqual(JSON.parse(body));
    expect(new Webhook(previous).verify(body, headers)).toEqual(JSON.parse(body));
    expect(() => new Webhook(newWebhookSecret()).verify(body, headers)).toThrow();
    expect(() => new Webhook(current).verify(`${body} `, headers)).toThrow();
  });
});
