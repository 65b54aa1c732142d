import { loadConfig } from '#platform';
import { createHttpAdapter } from './bootstrap';

/** Which address the server takes for the client, by TRUST_PROXY, for a request relayed by two proxies to 127.0.0.1. */
async function clientAddress(trustProxy: string): Promise<string> {
  const config = loadConfig({ DATABASE_URL: 'postgres://dossier@127.0.0.1:5432/dossier', TRUST_PROXY: trustProxy });
  const fastify = createHttpAdapter(config).getInstance();
  fastify.get('/ip', async (request) => request.ip);
  try {
    const base = await fastify.listen({ port: 0, host: '127.0.0.1' });
    return await (await fetch(`${base}/ip`, { headers: { 'x-forwarded-for': '198.51.100.1, 203.0.113.7' } })).text();
  } finally {
    await fastify.close();
  }
}

describe('TRUST_PROXY', () => {
  it('off (the default): the connection is the client, whatever X-Forwarded-For says', async () => {
    expect(await clientAddress('false')).toBe('127.0.0.1');
  });

  it('a trusted proxy address or network: the hop just before it is the client', async () => {
    expect(await clientAddress('127.0.0.1')).toBe('203.0.113.7');
    expect(await clientAddress('127.0.0.0/8,203.0.113.0/24')).toBe('198.51.100.1');
    // A proxy list that does not name the connection believes nothing.
    expect(await clientAddress('10.0.0.0/8')).toBe('127.0.0.1');
  });

  it('a hop count: that many nearest hops are proxies', async () => {
    expect(await clientAddress('1')).toBe('203.0.113.7');
    expect(await clientAddress('2')).toBe('198.51.100.1');
  });

  it('true: every hop is believed, the furthest address is the client', async () => {
    expect(await clientAddress('true')).toBe('198.51.100.1');
  });
});
